#!/usr/bin/env python3
"""Writes ../proposals_openpyxl.xlsx and ../proposals_expect.json: NPC
suggestion and CPPCC proposal ledgers (建议提案) as proposals desks keep
them, and what a person reading each row understands. Then LibreOffice
re-saves the workbook as ../proposals_libreoffice.xlsx.

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_proposals.py

The workbook: an instructions sheet first; a sheet per body, whose body,
term and session (and year) are only in the merged title; two-level merged
headers (承办单位 over 主办单位 / 会办单位, 办理情况 over 答复日期 / 答复文号 /
办理结果, 代表满意度 over 办理工作 / 办理结果); numbers typed 第12号, 12,
〔2019〕23号, 15号; several units in one cell with roles in brackets and
、，,； or line breaks between them; result classes A/B类/1类/已解决或采纳/
列入计划解决; satisfaction words 满意, 很满意, 基本满意, 不满意, 未反馈;
领衔人 with 等N人; text dates (2019.6.20, 6月20日 with the year only in the
title, 2019年3月15日, 2019/3/15), Chinese-format and datetime cells; a 合计
row and notes at the bottom; a per-unit statistics sheet that holds no
proposals.

The JSON maps "sheet!row" to the fields that row must come to (model JSON
names; dates as YYYY-MM-DD; units as [name, role] pairs after the unit
dictionary of the workbook tests), and lists the sheets that hold none.
"""
import datetime
import json
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "proposals_openpyxl.xlsx")
EXPECT = os.path.join(HERE, "..", "proposals_expect.json")

DATE_CN = 'yyyy"年"m"月"d"日"'
D = datetime.date
DT = datetime.datetime

NPC_SESSION = "第十六届第三次会议"
CPPCC_SESSION = "第十二届第三次会议"


def title(ws, text, width, row=None):
    ws.append([text])
    r = ws.max_row
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.cell(r, 1).font = Font(bold=True, size=16)
    ws.cell(r, 1).alignment = Alignment(horizontal="center")


def merge(ws, r1, c1, r2, c2):
    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def instructions(wb):
    ws = wb.active
    ws.title = "填表说明"
    ws.append(["填表说明"])
    ws.append(["1. 建议号、提案号按大会秘书处编号填写，如“第12号”。"])
    ws.append(["2. 办理结果分为A、B、C、D四类：A类为所提问题已经解决或采纳，B类为正在解决或列入计划解决，"
               "C类为因条件限制需以后解决，D类为留作参考。政协提案按1类、2类、3类填写。"])
    ws.append(["3. 满意度：满意、基本满意、不满意；未收到反馈的填“未反馈”。"])
    ws.append(["栏目", "填写要求"])
    ws.append(["主办单位", "负责答复的单位，只填一个"])
    ws.append(["会办单位", "向主办单位提供会办意见的单位，多个单位用顿号隔开"])
    ws.append(["答复日期", "以答复函落款日期为准"])
    ws.column_dimensions["A"].width = 60


def npc(wb, expect):
    ws = wb.create_sheet("人大建议")
    # A B C D E F G H I J K L M N O
    width = 15
    title(ws, "2019年市十六届人大三次会议代表建议办理情况登记表", width)
    ws.append(["填报单位（盖章）：市政府办公室        填报人：张敏        联系电话：0371-12345678        填报日期：2019年9月30日"])
    merge(ws, 2, 1, 2, width)
    ws.append(["序号", "建议号", "案由", "领衔代表", "联名代表", "内容分类", "承办单位", None, "交办日期",
               "办理情况", None, None, "代表满意度", None, "备注"])
    ws.append([None, None, None, None, None, None, "主办单位", "会办单位", None,
               "答复日期", "答复文号", "办理结果", "办理工作", "办理结果", None])
    for c in (1, 2, 3, 4, 5, 6, 9, 15):
        merge(ws, 3, c, 4, c)
    merge(ws, 3, 7, 3, 8)
    merge(ws, 3, 10, 3, 12)
    merge(ws, 3, 13, 3, 14)

    rows = [
        ([1, "第12号", "关于加快老旧小区改造的建议", "张三等5人", None, "城乡建设", "市住建局", "市财政局、市发改委",
          D(2019, 3, 15), "2019.6.20", "住建函〔2019〕35号", "A", "满意", "满意", None],
         {"number": "12", "title": "关于加快老旧小区改造的建议", "proposer": "张三", "type": "joint",
          "topic": "城建环资",
          "units": [["市住房和城乡建设局", "lead"], ["市财政局", "co"], ["市发展和改革委员会", "co"]],
          "lead_unit": "市住房和城乡建设局", "assigned_on": "2019-03-15", "replied_on": "2019-06-20",
          "reply_ref": "住建函〔2019〕35号", "result_class": "A", "satisfaction": "satisfied",
          "result_satisfaction": "satisfied"}),
        ([2, 15, "关于增设公交线路的建议", "李四", "王五、赵六", "交通运输", "市交通运输局（主办）\n市公安局（会办）", None,
          "2019年3月15日", "6月20日", "交函〔2019〕8号", "B类", "基本满意", "不满意", None],
         {"number": "15", "title": "关于增设公交线路的建议", "proposer": "李四", "cosigners": "王五、赵六",
          "type": "joint", "topic": "城建环资",
          "units": [["市交通运输局", "lead"], ["市公安局", "co"]], "lead_unit": "市交通运输局",
          "assigned_on": "2019-03-15", "replied_on": "2019-06-20", "reply_ref": "交函〔2019〕8号",
          "result_class": "B", "satisfaction": "basically_satisfied", "result_satisfaction": "unsatisfied"}),
        ([3, "〔2019〕23号", "关于推进学前教育发展的建议", "王五", None, "教育", "市教育局", "市财政局；市人社局",
          DT(2019, 3, 15, 0, 0), DT(2019, 6, 28, 15, 30), "教函〔2019〕12号", "已解决或采纳", "很满意", "满意", None],
         {"number": "23", "title": "关于推进学前教育发展的建议", "proposer": "王五", "topic": "教科文卫",
          "units": [["市教育局", "lead"], ["市财政局", "co"], ["市人社局", "co"]], "lead_unit": "市教育局",
          "assigned_on": "2019-03-15", "replied_on": "2019-06-28", "reply_ref": "教函〔2019〕12号",
          "result_class": "A", "satisfaction": "satisfied", "result_satisfaction": "satisfied"}),
        ([4, "第31号", "关于加强食品安全监管的建议", "赵六", "钱七", "卫生健康", "市市场监管局", None,
          "2019/3/15", None, None, None, "未反馈", None, "正在办理"],
         {"number": "31", "title": "关于加强食品安全监管的建议", "proposer": "赵六", "cosigners": "钱七",
          "topic": "教科文卫", "units": [["市市场监管局", "lead"]], "lead_unit": "市市场监管局",
          "assigned_on": "2019-03-15", "replied_on": "", "satisfaction": "none", "status": "in_progress"}),
        ([5, "40", "关于乡村振兴产业发展的建议", "孙八", "周九，吴十", "农业农村", "市农业农村局、市财政局", None,
          "3月15日", D(2019, 7, 2), "农函〔2019〕5号", "列入计划解决", "基本满意", "基本满意", None],
         {"number": "40", "title": "关于乡村振兴产业发展的建议", "proposer": "孙八", "topic": "农业农村",
          "units": [["市农业农村局", "lead"], ["市财政局", "co"]], "lead_unit": "市农业农村局",
          "assigned_on": "2019-03-15", "replied_on": "2019-07-02", "reply_ref": "农函〔2019〕5号",
          "result_class": "B", "satisfaction": "basically_satisfied", "result_satisfaction": "basically_satisfied"}),
    ]
    for cells, want in rows:
        ws.append(cells)
        r = ws.max_row
        for c in (9, 10):
            if isinstance(cells[c - 1], (D, DT)):
                ws.cell(r, c).number_format = DATE_CN if c == 9 else "yyyy-mm-dd hh:mm"
        ws.cell(r, 7).alignment = Alignment(wrap_text=True)
        want.update({"body": "npc", "session": NPC_SESSION})
        expect["人大建议!%d" % r] = want
    ws.append(["合计", "5件", None, None, None, None, None, None, None, "已答复4件"])
    merge(ws, ws.max_row, 2, ws.max_row, 9)
    ws.append(["注：1.办理结果A类为所提问题已经解决或采纳，B类为正在解决或列入计划解决。"])
    merge(ws, ws.max_row, 1, ws.max_row, width)
    ws.append(["2.满意度以代表书面反馈意见为准。"])
    merge(ws, ws.max_row, 1, ws.max_row, width)


def cppcc(wb, expect):
    ws = wb.create_sheet("政协提案")
    header = ["序号", "提案号", "提案题目", "提案人", "提案类型", "界别", "承办单位", "交办时间", "办复时间",
              "办复文号", "办理结果", "面商情况", "委员满意度", "是否公开"]
    title(ws, "市政协十二届三次会议委员提案办理台账（2019年）", len(header))
    ws.append(header)
    rows = [
        ([1, 12, "关于优化营商环境的提案", "民盟市委", "集体提案", "民盟",
          "市发改委（主办）、市市场监管局（会办）、市财政局（会办）", D(2019, 3, 20), "2019年6月15日",
          "发改函〔2019〕20号", "1类", "已面商（2019.5.10）", "满意", "全文公开"],
         {"number": "12", "title": "关于优化营商环境的提案", "proposer": "民盟市委", "type": "collective",
          "units": [["市发展和改革委员会", "lead"], ["市市场监管局", "co"], ["市财政局", "co"]],
          "lead_unit": "市发展和改革委员会", "assigned_on": "2019-03-20", "replied_on": "2019-06-15",
          "reply_ref": "发改函〔2019〕20号", "result_class": "1", "class_scheme": "local", "met_on": "2019-05-10",
          "satisfaction": "satisfied", "publication": "full",
          "extra": {"界别": "民盟", "面商情况": "已面商（2019.5.10）"}}),
        ([2, "第8号", "关于发展社区养老服务的提案", "刘一", "个人", "社会福利界", "市民政局", "2019.3.20", "2019.6.30",
          "民函〔2019〕3号", "2类", "电话沟通", "基本满意", "摘要公开"],
         {"number": "8", "title": "关于发展社区养老服务的提案", "proposer": "刘一", "type": "individual",
          "units": [["市民政局", "lead"]], "lead_unit": "市民政局", "assigned_on": "2019-03-20",
          "replied_on": "2019-06-30", "reply_ref": "民函〔2019〕3号", "result_class": "2", "class_scheme": "local",
          "satisfaction": "basically_satisfied", "publication": "summary"}),
        ([3, "15号", "关于加强河道综合治理的提案", "陈二、张三", "联名", "农业界", "市水利局,市生态环境局",
          DT(2019, 3, 20, 9, 0), None, None, None, None, "未反馈", None],
         {"number": "15", "title": "关于加强河道综合治理的提案", "proposer": "陈二", "cosigners": "张三",
          "type": "joint", "units": [["市水利局", "lead"], ["市生态环境局", "co"]], "lead_unit": "市水利局",
          "assigned_on": "2019-03-20", "replied_on": "", "satisfaction": "none"}),
        ([4, 21, "关于深化职业教育校企合作的提案", "周五", "个人", "教育界", "市教育局（主办）；市人社局（协办）",
          D(2019, 3, 20), DT(2019, 6, 10, 0, 0), "教函〔2019〕30号", "3类", D(2019, 5, 20), "不满意", "不公开"],
         {"number": "21", "title": "关于深化职业教育校企合作的提案", "proposer": "周五", "type": "individual",
          "units": [["市教育局", "lead"], ["市人社局", "co"]], "lead_unit": "市教育局", "assigned_on": "2019-03-20",
          "replied_on": "2019-06-10", "reply_ref": "教函〔2019〕30号", "result_class": "3", "class_scheme": "local",
          "met_on": "2019-05-20", "satisfaction": "unsatisfied", "publication": "none"}),
    ]
    for cells, want in rows:
        ws.append(cells)
        r = ws.max_row
        for c in (8, 9, 12):
            if isinstance(cells[c - 1], (D, DT)):
                ws.cell(r, c).number_format = DATE_CN
        want.update({"body": "cppcc", "session": CPPCC_SESSION})
        expect["政协提案!%d" % r] = want
    ws.append(["合计：共4件，已办复3件"])
    merge(ws, ws.max_row, 1, ws.max_row, len(header))
    ws.append(["填表人：张敏", None, None, None, None, None, "审核人：李强"])


def carried_over(wb, expect):
    # Last year's items of both bodies in one sheet: body and session per
    # row, key marks, handling modes, split units, words in date columns.
    ws = wb.create_sheet("上年结转")
    header = ["类别", "届次", "编号", "标题", "提出人", "是否重点", "办理方式", "承办单位", "办理时限", "答复日期",
              "答复类别", "满意度", "办理状态", "是否公开", "专题"]
    title(ws, "2018年建议提案结转办理情况", len(header))
    ws.append(header)
    npc2, cppcc2 = "第十六届第二次会议", "第十二届第二次会议"
    rows = [
        (["市人大代表建议", "十六届二次", "第5号", "关于民族团结进步创建的建议", "马六", "★", "主办+会办",
          "市民宗局（主办）、市教育局（会办）", D(2018, 6, 30), "2018年6月25日", "C类", "很满意", "已办结", "全文", "民族宗教"],
         {"body": "npc", "session": npc2, "number": "5", "title": "关于民族团结进步创建的建议", "proposer": "马六",
          "key": True, "mode": "lead_co", "units": [["市民宗局", "lead"], ["市教育局", "co"]], "lead_unit": "市民宗局",
          "due_on": "2018-06-30", "replied_on": "2018-06-25", "result_class": "C", "satisfaction": "satisfied",
          "status": "done", "publication": "full", "topic": "内务司法"}),
        (["政协提案", "十二届二次", 7, "关于完善城市公共卫生体系的提案", "九三学社市委", "否", "分办",
          "市卫健委（分办）\n市疾控中心（分办）", "2018年6月30日", "未答复", None, "暂未评价", "办理中", "否", "医疗卫生"],
         {"body": "cppcc", "session": cppcc2, "number": "7", "title": "关于完善城市公共卫生体系的提案",
          "proposer": "九三学社市委", "key": False, "mode": "split",
          "units": [["市卫健委", "split"], ["市疾控中心", "split"]], "due_on": "2018-06-30", "replied_on": "",
          "extra": {"答复日期": "未答复"}, "satisfaction": "none", "status": "in_progress", "publication": "none",
          "topic": "教科文卫"}),
        (["人大建议", "十六届二次", "〔2018〕9号", "关于加强物业管理的建议", "吴十", None, "单办", "市住建局", "—",
          "2018.7.15", "留作参考", "不太满意", "重办", "摘要公开", "城市管理"],
         {"body": "npc", "session": npc2, "number": "9", "title": "关于加强物业管理的建议", "proposer": "吴十",
          "mode": "single", "units": [["市住房和城乡建设局", "lead"]], "due_on": "", "replied_on": "2018-07-15",
          "result_class": "D", "satisfaction": "unsatisfied", "status": "rehandling", "publication": "summary",
          "topic": "城建环资"}),
        (["政协提案", "十二届二次", 11, "关于支持民营企业发展的提案", "郑一", "是", "主办会办", "市工信局、市财政局",
          DT(2018, 6, 30, 0, 0), DT(2018, 6, 20, 10, 0), "已采纳", "一般", "已答复", "全文公开", "经济"],
         {"body": "cppcc", "session": cppcc2, "number": "11", "title": "关于支持民营企业发展的提案", "proposer": "郑一",
          "key": True, "mode": "lead_co", "units": [["市工信局", "lead"], ["市财政局", "co"]],
          "due_on": "2018-06-30", "replied_on": "2018-06-20", "result_class": "已采纳", "class_scheme": "local",
          "satisfaction": "none", "satisfaction_text": "一般", "status": "replied", "publication": "full",
          "topic": "财政经济"}),
    ]
    for cells, want in rows:
        ws.append(cells)
        r = ws.max_row
        ws.cell(r, 8).alignment = Alignment(wrap_text=True)
        for c in (9, 10):
            if isinstance(cells[c - 1], (D, DT)):
                ws.cell(r, c).number_format = "yyyy/m/d"
        expect["上年结转!%d" % r] = want
    ws.append(["小计", "4件"])


def rated_rows(wb, expect):
    # Next session's proposals as a rating form: one unit a row with the
    # proposal's cells merged down, a 办理类型 column, ticked result classes
    # and ratings, 0001 numbers, proposers with their titles, 无 co-units.
    ws = wb.create_sheet("十二届四次")
    title(ws, "市政协十二届四次会议提案办理情况一览表", 18)
    ws.append(["序号", "提案编号", "案  由", "提案者", "是否重点提案", "承办单位", "办理类型", "交办日期", "答复期限",
               "办结时间", "办理结果", None, None, None, "满意度", None, None, "备注"])
    ws.append([None] * 10 + ["A", "B", "C", "D", "满意", "基本满意", "不满意", None])
    for c in list(range(1, 11)) + [18]:
        merge(ws, 2, c, 3, c)
    merge(ws, 2, 11, 2, 14)
    merge(ws, 2, 15, 2, 17)
    session = "第十二届第四次会议"
    rows = [
        ([[1, "0001", "关于推进老旧管网改造的提案", "张三（市政协委员）", "是（市长领办）", "市住建局", "主办", D(2020, 3, 20),
           "6月底", D(2020, 6, 20), "√", None, None, None, "√", None, None, None],
          [None, None, None, None, None, "市财政局", "会办"] + [None] * 11],
         {"number": "1", "title": "关于推进老旧管网改造的提案", "proposer": "张三", "key": True,
          "units": [["市住房和城乡建设局", "lead"], ["市财政局", "co"]], "lead_unit": "市住房和城乡建设局",
          "assigned_on": "2020-03-20", "due_on": "2020-06-30", "replied_on": "2020-06-20", "result_class": "A",
          "satisfaction": "satisfied", "extra": {"是否重点提案": "是（市长领办）"}}),
        ([[2, "0002", "关于支持小微企业融资的提案", "李四、王五（联名）", "否", "市财政局", "会办", D(2020, 3, 20),
           "交办之日起3个月内", D(2020, 6, 28), None, None, "√", None, None, "●", None, None],
          [None, None, None, None, None, "市发改委", "主办"] + [None] * 11,
          [None, None, None, None, None, "市人民银行", "协办"] + [None] * 11],
         {"number": "2", "title": "关于支持小微企业融资的提案", "proposer": "李四", "cosigners": "王五", "type": "joint",
          "key": False, "units": [["市发展和改革委员会", "lead"], ["市财政局", "co"], ["市人民银行", "co"]],
          "lead_unit": "市发展和改革委员会", "assigned_on": "2020-03-20", "due_on": "2020-06-20",
          "replied_on": "2020-06-28", "result_class": "C", "satisfaction": "basically_satisfied"}),
        ([[3, "0003", "关于加强校园周边交通管理的提案", "赵六 委员", None, "市公安局", "主办", D(2020, 3, 20), None, None,
           None, None, None, None, None, None, None, "正在办理"],
          [None, None, None, None, None, "无", "会办"] + [None] * 11],
         {"number": "3", "title": "关于加强校园周边交通管理的提案", "proposer": "赵六", "units": [["市公安局", "lead"]],
          "lead_unit": "市公安局", "assigned_on": "2020-03-20", "result_class": "", "satisfaction": "none",
          "status": "in_progress", "remarks": "正在办理"}),
    ]
    for lines, want in rows:
        first = ws.max_row + 1
        for cells in lines:
            ws.append(cells)
            for c in (8, 10):
                if isinstance(cells[c - 1], (D, DT)):
                    ws.cell(ws.max_row, c).number_format = DATE_CN
        last = ws.max_row
        if last > first:
            for c in [1, 2, 3, 4, 5, 8, 9, 10] + list(range(11, 19)):
                merge(ws, first, c, last, c)
        want.update({"body": "cppcc", "session": session})
        expect["十二届四次!%d" % first] = want


def statistics(wb):
    # A per-unit count table: unit and satisfaction words in its header, no proposals.
    ws = wb.create_sheet("分单位统计")
    title(ws, "建议提案分单位办理情况统计表", 7)
    ws.append(["承办单位", "交办件数", "已办复", "办复率", "满意", "基本满意", "不满意"])
    ws.append(["市住建局", 3, 3, "100%", 2, 1, 0])
    ws.append(["市教育局", 2, 2, "100%", 1, 0, 1])
    ws.append(["合计", 5, 5, "100%", 3, 1, 1])


def main():
    wb = Workbook()
    expect = {}
    instructions(wb)
    npc(wb, expect)
    cppcc(wb, expect)
    carried_over(wb, expect)
    rated_rows(wb, expect)
    statistics(wb)
    wb.properties.creator = "openpyxl fixture"
    wb.save(OUT)
    with open(EXPECT, "w", encoding="utf-8") as f:
        json.dump({"rows": expect, "no_proposals": ["填表说明", "分单位统计"]}, f, ensure_ascii=False, indent=1,
                  sort_keys=True)
        f.write("\n")
    print("wrote", OUT, "with", len(expect), "proposals")

    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xlsx", "--outdir", tmp, OUT], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "proposals_openpyxl.xlsx"), os.path.join(HERE, "..", "proposals_libreoffice.xlsx"))
            print("wrote proposals_libreoffice.xlsx")


if __name__ == "__main__":
    main()
