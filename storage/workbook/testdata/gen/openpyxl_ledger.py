#!/usr/bin/env python3
"""Writes ../openpyxl_mixed.xlsx: ledgers as a workbook written by openpyxl
(shared strings, styled date serials, merged title rows) rather than excelize.

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_ledger.py
"""
import datetime
import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DATE_CN = 'yyyy"年"m"月"d"日"'


def title(ws, text, width):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=16)
    ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")


def main():
    wb = Workbook()

    # Proposals: body and session only in the title; a 填报单位 line.
    ws = wb.active
    ws.title = "Sheet1"
    header = ["序号", "建议号", "建议题目", "领衔代表", "主办单位", "协办单位", "答复日期", "代表满意度"]
    title(ws, "2019年市十六届人大三次会议代表建议办理台账", len(header))
    ws.append(["填报单位（盖章）：市政府办公室        填报日期：2019年7月5日"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    ws.append(header)
    rows = [
        [1, 12, "关于加快老旧小区改造的建议", "张三", "市住建局", "市财政局", datetime.date(2019, 6, 20), "满意"],
        [2, 27, "关于增设公交线路的建议", "李四", "市交通运输局", None, datetime.date(2019, 6, 28), "基本满意"],
        [3, 35, "关于推进学前教育的建议", "王五", "市教育局", "市财政局、市发改委", None, None],
    ]
    for r in rows:
        ws.append(r)
        ws.cell(ws.max_row, 7).number_format = DATE_CN

    # Visits: a plain header, datetime cells.
    ws = wb.create_sheet("走访调研")
    ws.append(["序号", "走访时间", "带队领导", "随行人员", "走访地点", "调研内容", "联系基层单位", "发现问题"])
    ws.append([1, datetime.datetime(2019, 4, 12, 9, 30), "王副市长", "张三、李四", "城关镇王庄村", "春季农业生产",
               "王庄村委会、城关镇农技站", "灌溉设施老化"])
    ws.append([2, datetime.datetime(2019, 5, 8), "李副市长", "赵六", "市第一中学", "校园安全检查", "市第一中学", None])
    for r in (2, 3):
        ws.cell(r, 2).number_format = "yyyy-mm-dd"

    # Funds: amounts in 万元, a total row.
    ws = wb.create_sheet("帮扶资金")
    title(ws, "2019年帮扶资金到位情况", 6)
    ws.append(["序号", "到位时间", "资金来源", "金额（万元）", "资金用途", "备注"])
    ws.append([1, datetime.date(2019, 3, 15), "财政专项扶贫资金", 115, "蔬菜大棚", None])
    ws.append([2, datetime.date(2019, 4, 2), "市政府办公室帮扶资金", 12.5, "村道硬化", "分两次拨付"])
    ws.append(["合计", None, None, "=SUM(D3:D4)", None, None])
    for r in (3, 4):
        ws.cell(r, 2).number_format = DATE_CN

    # A notes sheet without a header.
    ws = wb.create_sheet("说明")
    ws.append(["本工作簿由各单位每月25日前报送。"])
    ws.append(["金额单位为万元。"])

    wb.properties.creator = "openpyxl fixture"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "openpyxl_mixed.xlsx")
    wb.save(out)


if __name__ == "__main__":
    main()
