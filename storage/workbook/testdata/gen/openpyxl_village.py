#!/usr/bin/env python3
"""Writes ../village_openpyxl.xlsx (and, when soffice is on PATH, its
LibreOffice re-save ../village_libreoffice.xlsx): the poverty-assistance
village and liaison point ledgers as real offices keep them.

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_village.py

One workbook, an instructions sheet first, then the village profile, funds in
yuan and in 万元 (unit in the title or in the header), projects under a
two-level merged header, visits with date ranges whose year is only in the
title, problems with 是否解决 / 解决情况 / 办结时间, and the liaison points
with phone numbers typed as numbers. What each row must come to is asserted
in village_corpus_test.go.
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DATE_CN = 'yyyy"年"m"月"d"日"'
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "village_openpyxl.xlsx")


def title(ws, text, width):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=16)
    ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")


def line(ws, text, width):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)


def main():
    wb = Workbook()

    # An instructions sheet first: sentences, no header.
    ws = wb.active
    ws.title = "填报说明"
    ws.append(["填报说明"])
    ws.append(["1．本表由帮扶工作队填写，每月25日前报市政府办公室。"])
    ws.append(["2．金额以万元为单位，保留两位小数。"])
    ws.append(["3．走访日期跨天的，填写起止日期，如5月6日-8日。"])

    # Village profile: households and people typed with their measure words.
    ws = wb.create_sheet("村基本情况")
    header = ["村名", "所属乡镇", "县（区）", "帮扶单位", "驻村第一书记", "年度", "总户数", "总人口", "建档立卡贫困户", "贫困人口", "低保户", "五保户"]
    title(ws, "对口帮扶村基本情况表", len(header))
    ws.append(header)
    ws.append(["王庄村", "城关镇", "平安县", "市政府办公室", "张　伟", "2018年", "118户", "450人", "32户", "97人", "12户", "3户"])
    ws.append(["王庄村", "城关镇", "平安县", "市政府办公室", "张　伟", "2019年度", "120户", "456人", 30, 91, 11, 3])

    # Funds in yuan: the amounts carry their own unit words, a 合计 row.
    ws = wb.create_sheet("资金到位（元）")
    header = ["序号", "到位时间", "资金来源", "金额（元）", "资金用途", "备注"]
    title(ws, "2019年帮扶资金到位情况", len(header))
    line(ws, "填报单位（盖章）：市政府办公室驻村工作队        填报日期：2019年7月5日", len(header))
    ws.append(header)
    ws.append([1, datetime.date(2019, 3, 15), "财政专项扶贫资金", "115万元", "蔬菜大棚", None])
    ws.append([2, "2019年4月2日", "省级财政专项", "1,150,000", "村道硬化", None])
    ws.append([3, "2019.4.20", "单位帮扶资金", "¥1150000.00", "饮水安全", None])
    ws.append([4, "2019/5/8", "爱心捐款", "5000", "助学", "某企业"])
    ws.append([5, "2019年5月", "群众自筹", 20000, "村道硬化", "到位月份"])
    ws.append(["合计", None, None, "=SUM(D4:D8)", None, None])
    ws.cell(4, 2).number_format = DATE_CN

    # Funds in 万元: the unit only in the title; 11.5（万元） in a cell.
    ws = wb.create_sheet("资金到位（万元）")
    header = ["序号", "日期", "来源", "金额", "项目", "备注"]
    title(ws, "2019年下半年帮扶资金明细表（单位：万元）", len(header))
    ws.append(header)
    ws.append([1, datetime.date(2019, 7, 10), "涉农整合资金", 30, "光伏电站", None])
    ws.append([2, datetime.date(2019, 8, 1), "协调争取资金", "11.5（万元）", "产业路", None])
    ws.append([3, datetime.date(2019, 9, 3), "社会捐赠", "2.5万", "困难户慰问", None])
    ws.append([4, datetime.date(2019, 9, 20), "市财政局", 8.25, "农田水利", None])
    ws.append(["合  计", None, None, 52.25, None, None])
    for r in range(3, 7):
        ws.cell(r, 2).number_format = DATE_CN

    # Funds: 金额（万元） in the header itself.
    ws = wb.create_sheet("资金（万元列）")
    ws.append(["序号", "拨付日期", "资金性质", "金额（万元）", "资金使用项目"])
    ws.append([1, datetime.date(2019, 10, 8), "县级财政专项", 115, "蔬菜大棚二期"])
    ws.append([2, datetime.date(2019, 11, 12), "帮扶单位投入", "0.8", "党建活动室"])
    ws.append(["合计", None, None, 115.8, None])
    for r in (2, 3):
        ws.cell(r, 2).number_format = "yyyy-mm-dd"

    # Funds grouped by source: the source only in the section headings,
    # a 小计 row under each group and a 总计 row at the end.
    ws = wb.create_sheet("资金分类")
    header = ["序号", "到位日期", "金额（万元）", "资金用途"]
    title(ws, "王庄村2019年帮扶资金分类明细", len(header))
    ws.append(header)
    ws.append(["一、财政专项扶贫资金"])
    ws.append([1, datetime.date(2019, 12, 2), 10, "产业奖补"])
    ws.append([2, datetime.date(2019, 12, 9), 5, "公益岗位"])
    ws.append(["小计", None, 15, None])
    ws.append(["二、社会捐赠"])
    ws.append([1, datetime.date(2019, 12, 16), 1.2, "冬季慰问"])
    ws.append(["小计", None, 1.2, None])
    ws.append(["总计", None, 16.2, None])
    for r in (4, 5, 8):
        ws.cell(r, 2).number_format = DATE_CN

    # Funds split by source in columns under a 资金来源 heading, a row a
    # project; 资金合计 is the row's sum.
    ws = wb.create_sheet("资金来源构成")
    title(ws, "2020年帮扶资金投入情况（单位：万元）", 8)
    ws.append(["序号", "项目名称", "到位时间", "资金合计", "资金来源", None, None, None])
    ws.append([None, None, None, None, "财政专项资金", "帮扶单位", "社会捐赠", "群众自筹"])
    for c in range(1, 5):
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    ws.merge_cells(start_row=2, start_column=5, end_row=2, end_column=8)
    ws.append([1, "冷库", "2020年3月", 50, 30, 10, None, 10])
    ws.append([2, "助学", "2020.9.1", 2, "—", None, "2", None])
    ws.append(["合计", None, None, 52, 30, 10, 2, 10])

    # Projects: a two-level merged header, money in 万元, month-only dates.
    ws = wb.create_sheet("帮扶项目")
    title(ws, "2019年帮扶项目推进情况表", 11)
    ws.append(["序号", "项目名称", "项目类别", "建设内容及规模", "投资（万元）", None, "建设时间", None, "进展情况", "受益情况", None])
    ws.append([None, None, None, None, "计划投资", "实际投资", "开工时间", "完工时间", None, "受益户数", "其中贫困户"])
    for c in (1, 2, 3, 4, 9):
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    for c in (5, 7, 10):
        ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + 1)
    ws.append([1, "蔬菜大棚", "产业扶贫", "21座大棚", 115, 115, "2019年3月", "2019年6月", "已完工", "120户", "30户"])
    ws.append([2, "村道硬化", "基础设施", "硬化道路3.2公里", "60", "45.5", "2019.4", "2019.9", "正在施工", 80, 20])
    ws.append([3, "饮水安全", "基础设施建设", "新建蓄水池2个", 20, "—", "2019年5月", "/", "未开工", "无", "无"])
    ws.append([4, "光伏电站", "产业项目", "100千瓦", "30万元", "30万元", datetime.date(2019, 7, 1), datetime.date(2019, 8, 30), "建成投用", 35, 35])
    ws.append(["合计", None, None, None, 225, 190.5, None, None, None, None, None])
    ws.cell(7, 7).number_format = DATE_CN
    ws.cell(7, 8).number_format = DATE_CN

    # Visits: the year only in the title, ranges typed every way, leaders
    # with titles and full-width spaces, several units in one cell.
    ws = wb.create_sheet("调研走访")
    header = ["序号", "调研时间", "调研类型", "带队领导", "随行人员", "调研地点", "接触基层单位", "调研主题", "发现问题"]
    title(ws, "2019年市领导基层调研走访台账", len(header))
    ws.append(header)
    ws.append([1, "5月6日-8日", "领导调研", "王市长", "张三、李四", "平安县", "城关镇政府、王庄村委会\n平安县第一中学", "乡村振兴", "灌溉设施老化"])
    ws.append([2, "5.10-5.11", "调研", "王建国副市长", "张三", "平安县", "城关镇政府；平安县人民医院", "医疗卫生", None])
    ws.append([3, "2019/5/13至5/14", "督导检查", "王　建国", "李四", "河西区", "河西区住建局,河西区应急局", "安全生产", "消防通道堵塞"])
    ws.append([4, "5月20日", "联系点走访", "李副市长", "赵六", "城关镇社区服务中心", "城关镇社区服务中心", "社区治理", None])
    ws.append([5, "6月3日", "入户走访", "李　明", "赵六、钱七", "王庄村", "王庄村委会", "两不愁三保障", "2户住房漏雨"])
    ws.append([6, datetime.date(2019, 6, 12), "驻村帮扶", "王市长", None, "王庄村", "王庄村委会", "大棚验收", None])
    ws.append([7, "5月21日上午", "调研", "李　明", None, "河西区", "河西区应急局", "防汛", None])
    ws.append([8, "5月22、23日", "专题调研", "王市长", None, "平安县", "平安县水利局、城关镇政府", "防汛", None])
    # One visit over two rows: date, type, leader and place merged down,
    # a unit and a finding a row.
    ws.append([9, "6月20日", "调研", "王市长", None, "河西区", "河西区住建局", "城市更新", "老旧管网"])
    ws.append([None, None, None, None, None, None, "河西区应急局", None, "消防设施不足"])
    for c in (1, 2, 3, 4, 5, 6, 8):
        ws.merge_cells(start_row=11, start_column=c, end_row=12, end_column=c)
    ws.cell(9, 2).number_format = DATE_CN

    # A research log with no type column (its title says 调研), a leader
    # cell naming two, a half day.
    ws = wb.create_sheet("基层调研")
    title(ws, "2019年市领导基层调研台账", 5)
    ws.append(["调研日期", "带队领导", "调研地点", "接触基层单位", "调研主题"])
    ws.append(["6月25日上午", "王建国、李明", "平安县", "平安县水利局", "防汛检查"])
    ws.append(["6月26日", "李明", "河西区", "河西区应急局", "防汛检查"])

    # Problems: 是否解决 / 解决情况 / 办结时间.
    ws = wb.create_sheet("问题清单")
    header = ["序号", "问题描述", "责任单位", "提出时间", "是否解决", "解决情况", "办结时间"]
    title(ws, "2019年调研发现问题清单", len(header))
    ws.append(header)
    ws.append([1, "王庄村灌溉设施老化", "平安县水利局", "5月8日", "是", "已更换水泵2台", "6月20日"])
    ws.append([2, "消防通道堵塞", "河西区应急局", "2019.5.14", "否", "正在协调", "/"])
    ws.append([3, "2户住房漏雨", "城关镇政府", datetime.date(2019, 6, 3), "已解决", "已维修", datetime.date(2019, 6, 28)])
    ws.append([4, "社区活动场地不足", "城关镇", "5月20日", "部分解决", "已协调临时场地", None])
    ws.append([5, "防汛物资不足", "平安县水利局", "6月25日", "是", "已于7月3日补齐沙袋", None])
    ws.cell(6, 4).number_format = DATE_CN
    ws.cell(6, 7).number_format = DATE_CN

    # Liaison points: phone numbers typed as numbers.
    ws = wb.create_sheet("基层联系点")
    header = ["序号", "联系点名称", "地址", "联系人", "联系电话", "责任处室", "走访频次"]
    title(ws, "市政府办公室基层联系点一览表", len(header))
    ws.append(header)
    ws.append([1, "城关镇社区服务中心", "平安县城关镇人民路1号", "刘芳", 13812345678, "秘书一处", "每月一次"])
    ws.append([2, "河西区应急管理局", "河西区建设路8号", "陈刚", 5551234, "督查室", "每月至少1次"])
    ws.append([3, "平安县第一中学", "平安县学府路3号", "周　敏", "0371-5551234", "秘书二处", "每季度"])

    wb.save(OUT)
    print("wrote", OUT)

    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/lo", "--headless",
                            "--convert-to", "xlsx", "--outdir", tmp, OUT], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.copy(os.path.join(tmp, "village_openpyxl.xlsx"),
                        os.path.join(HERE, "..", "village_libreoffice.xlsx"))
        print("wrote", os.path.join(HERE, "..", "village_libreoffice.xlsx"))


if __name__ == "__main__":
    main()
