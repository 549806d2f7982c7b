#!/usr/bin/env python3
"""Writes ../yearless_libreoffice.xls: a one-sheet ledger whose deadlines
(6月底, 年底前) and title give no year, last saved on 2018-05-02, as
LibreOffice saves it as Excel 97-2003. An .xls's year-less dates are read
against its last save (its summary information), not the day the file was
copied (TestLegacyXLSDatesWithoutAYear).

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_yearless.py
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "督办事项"
    ws.append(["重点工作督办台账"])
    ws.append(["编号", "事项名称", "牵头单位", "完成时限"])
    ws.append(["督1号", "老旧小区改造", "市住建局", "6月底"])
    ws.append(["督2号", "背街小巷整治", "市城管局", "年底前"])
    wb.properties.created = datetime.datetime(2018, 5, 2, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2018, 5, 2, 9, 0, 0)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "yearless.xlsx")
        wb.save(src)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                        "--convert-to", "xls", "--outdir", tmp, src], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "yearless.xls"), os.path.join(HERE, "..", "yearless_libreoffice.xls"))
    print("wrote yearless_libreoffice.xls")


if __name__ == "__main__":
    main()
