#!/usr/bin/env python3
"""Writes ../sections_openpyxl.xlsx: a key-task ledger divided into sections
by heading rows (一、经济发展类（3项）merged across the table; （二）… typed in
the first column alone), as offices lay out 政府工作报告 task lists, with
deadlines no rule reads (视情况而定) beside ones it does (按序时推进, 年内,
12月中旬).

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_sections.py
"""
import os

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "重点工作任务"
    ws.append(["2025年政府工作报告重点任务分解落实台账"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "重点任务", "具体工作措施", "责任领导", "牵头单位", "责任单位", "完成时限", "落实情况", "是否办结"])
    rows = [
        ["一、经济发展类（3项）"] + [None] * 8,
        [1, "推进制造业高质量发展", "实施技改项目30个", "李副市长", "市工信局", "市发改委、市财政局", "2025年6月底前", "已实施技改项目18个", "否"],
        [2, "扩大有效投资", "新开工项目100个", "李副市长\n王副市长", "市发改委", "各县区", "2025年三季度", "正在推进", "否"],
        [3, "促进消费", "举办消费季活动", "王副市长", "市商务局", None, "年内", "已举办2场", "否"],
        ["（二）民生保障类"] + [None] * 8,
        [4, "新增城镇就业", "新增就业2万人", "张副市长", "市人社局", None, "12月中旬", "已新增1.5万人", "否"],
        [5, "提升教育水平", "新建幼儿园5所", "张副市长", "市教育局", "市住建局", "按序时推进", "已完成", "是"],
        [6, "筹办体育赛事", "承办省运会分项赛事", "张副市长", "市体育局", None, "视情况而定", "筹备中", "否"],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("A3:I3")
    wb.save(os.path.join(HERE, "..", "sections_openpyxl.xlsx"))


if __name__ == "__main__":
    main()
