#!/usr/bin/env python3
"""Writes ../tasks_openpyxl.xlsx: supervised-item ledgers laid out the ways
offices and departments lay them out, none written by Taizhang, and
../tasks_libreoffice.xlsx, LibreOffice's re-save of it (its own XML,
rich-text runs):

- 重点任务: a title, a 填报单位 line, a two-level header whose 责任单位 spans
  牵头单位 / 配合单位 and whose 办理情况 spans 进展情况 / 完成百分比 /
  存在问题 / 下步措施, a 栏次 row (甲 乙 1 2 …), section headings merged
  across (一、…) and typed alone in the 序号 column ((二)…), the header
  typed again mid-sheet, a 合计 row and a note;
- 交办事项: numbers typed with other brackets, padded or without 号, units
  with their roles in brackets inside one cell, a deadline header that
  names the year (完成时限（2025年）) over year-less deadlines, deadlines
  in words no rule reads, dates with a full stop or a time after them,
  percentages in words.

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_tasks.py
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tasks_openpyxl.xlsx")


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "重点任务"
    ws.append(["2025年重点任务落实情况台账"])
    ws.merge_cells("A1:K1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["填报单位（盖章）：市发改委      填报人：王五     填报日期：2025年7月3日"])
    ws.merge_cells("A2:K2")
    ws.append(["序号", "编号", "重点任务", "责任单位", None, "完成时限", "办理情况", None, None, None, "备注"])
    ws.append([None, None, None, "牵头单位", "配合单位", None, "进展情况", "完成百分比", "存在问题", "下步措施", None])
    for rng in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:J3", "K3:K4"):
        ws.merge_cells(rng)
    ws.append(["甲", "乙", "丙", 1, 2, 3, 4, 5, 6, 7, 8])
    ws.append(["一、经济发展类（2项）"] + [None] * 10)
    ws.merge_cells("A6:K6")
    ws.append([1, "督〔2025〕1号", "推进制造业高质量发展", "市工信局", "市发改委、市财政局", "6月底", "已实施技改项目18个", "60%", "资金缺口", "争取专项债", None])
    ws.append([2, "督〔2025〕2号", "扩大有效投资", "市发改委", "各县区", "2025年三季度", "正在推进", "五成", None, "加快审批", "重点"])
    ws.append(["（二）民生保障类"] + [None] * 10)
    ws.append(["序号", "编号", "重点任务", "牵头单位", "配合单位", "完成时限", "进展情况", "完成百分比", "存在问题", "下步措施", "备注"])
    ws.append([3, "督〔2025〕3号", "新增城镇就业", "市人社局", None, "按序时推进", "已新增1.5万人", "百分之七十五", None, None, None])
    ws.append([4, "督〔2025〕4号", "筹办体育赛事", "市体育局", None, "视情况而定", "筹备中", None, "场馆未定", None, None])
    ws.append(["合计", None, "4项"] + [None] * 8)
    ws.append(["注：本表由各牵头单位于每月25日前报送。"])

    ws = wb.create_sheet("交办事项")
    ws.append(["序号", "督办编号", "交办事项", "责任单位", "交办日期", "完成时限（2025年）", "目前进展"])
    rows = [
        [1, "督[2025]11号", "老旧小区改造", "市住建局（牵头）、市财政局（配合）", "2025.3.1.", "6月底", "已完成12个小区"],
        [2, "督(2025)12号", "黑臭水体整治", "牵头：市生态环境局；配合：市水利局", datetime.datetime(2025, 3, 5, 9, 30), "10月31日", "整治中"],
        [3, "督〔2025〕013号", "智慧城市建设", "市大数据局牵头，市公安局配合", "25.4.1", "年底前", "方案已报批"],
        [4, "督【2025】14", "停车难治理", "市公安局", "2025/4/10 0:00:00", "2025/12/31 0:00:00", "新增车位800个"],
    ]
    for r in rows:
        ws.append(r)
    ws.cell(3, 5).number_format = "yyyy-mm-dd hh:mm"
    wb.save(OUT)
    print("wrote tasks_openpyxl.xlsx")

    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xlsx", "--outdir", tmp, OUT], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "tasks_openpyxl.xlsx"), os.path.join(HERE, "..", "tasks_libreoffice.xlsx"))
            print("wrote tasks_libreoffice.xlsx")


if __name__ == "__main__":
    main()
