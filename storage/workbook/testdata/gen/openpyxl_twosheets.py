#!/usr/bin/env python3
"""Writes ../twosheets_openpyxl.xlsx: a CPPCC proposals workbook as a
proposals desk keeps it, the handling ledger on one sheet and the members'
满意度测评 of the same proposals on another; then LibreOffice re-saves it as
../twosheets_libreoffice.xlsx.

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_twosheets.py

The handling sheet: a merged title with the year, a header, five proposals
whose 承办单位 cells name a contact after the unit the ways desks type it
(市住建局 王小明, 市财政局 联系人：张华 0931-8888888, 市教育局（李明华）,
市发改委、市财政局 陈建国 13912345678) and one plain. The rating sheet: its own
title, the number and title again, 委员满意度; one proposal not rated yet,
the rows in another order. storage/exchange's TestTwoSheetWorkbookFromOtherWriters
says what each proposal must come to.
"""
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "twosheets_openpyxl.xlsx")

PROPOSALS = [
    # number, title, proposer, units cell, result
    ("1", "关于加强背街小巷环境治理的提案", "张委员", "市住建局 王小明", "已解决或采纳"),
    ("2", "关于完善城区停车设施的提案", "李委员", "市财政局 联系人：张华 0931-8888888", "列入计划解决"),
    ("3", "关于推进义务教育均衡发展的提案", "王委员", "市教育局（李明华）", "已解决或采纳"),
    ("4", "关于优化营商环境的提案", "赵委员", "市发改委、市财政局 陈建国 13912345678", "留作参考"),
    ("5", "关于加快老旧小区改造的提案", "刘委员", "市住建局", "已解决或采纳"),
]
RATINGS = {"5": "满意", "1": "满意", "3": "基本满意", "2": "不满意"}  # 4 not rated yet


def title(ws, text, width):
    ws.append([text])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "办理情况"
    title(ws, "2019年市政协十二届三次会议提案办理情况", 6)
    ws.append(["序号", "提案号", "提案题目", "提案人", "承办单位", "办理结果"])
    for i, (no, t, who, units, result) in enumerate(PROPOSALS, 1):
        ws.append([i, no, t, who, units, result])

    rs = wb.create_sheet("满意度测评")
    title(rs, "2019年市政协提案办理满意度测评", 4)
    rs.append(["提案号", "提案题目", "提案人", "委员满意度"])
    for no in ["5", "1", "3", "2"]:
        p = next(p for p in PROPOSALS if p[0] == no)
        rs.append([no, p[1], p[2], RATINGS[no]])

    wb.properties.creator = "openpyxl fixture"
    wb.save(OUT)
    print("wrote", OUT)
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xlsx", "--outdir", tmp, OUT], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "twosheets_openpyxl.xlsx"), os.path.join(HERE, "..", "twosheets_libreoffice.xlsx"))
            print("wrote twosheets_libreoffice.xlsx")


if __name__ == "__main__":
    main()
