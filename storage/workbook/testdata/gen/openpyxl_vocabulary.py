#!/usr/bin/env python3
"""Writes ../vocabulary_openpyxl.xlsx and ../vocabulary_expect.json: ledgers of
every kind worded as real sections word them (done and ongoing words,
official full names and nicknames of sources, meeting kinds, marks for yes
and no, visit types, project and problem states, fund sources), and what
each word must come to: a value, or "?" for a word that must stay unknown
(kept as typed and warned). Then LibreOffice re-saves the workbook as
../vocabulary_libreoffice.xlsx (rich-text runs, its own XML).

    cd storage/workbook/testdata/gen && /usr/bin/python3 openpyxl_vocabulary.py
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
OUT = os.path.join(HERE, "..", "vocabulary_openpyxl.xlsx")
EXPECT = os.path.join(HERE, "..", "vocabulary_expect.json")

# (sheet title, sheet name, header, fixed cells before the word column, the
# enumerated column's header, JSON field, [(word, expected)]) — one row per word.
TASK_STATUS = [
    ("办结", "done"), ("已办结", "done"), ("已完成", "done"), ("已落实", "done"), ("全部完成", "done"),
    ("已于6月底办结", "done"), ("完成", "done"), ("已竣工", "done"), ("办理完毕", "?"), ("已整改到位", "?"),
    ("正在推进", "in_progress"), ("按序时推进", "in_progress"), ("推进中", "in_progress"), ("正在协调", "in_progress"),
    ("持续推进", "in_progress"), ("基本完成", "in_progress"), ("未完成", "in_progress"), ("尚未完成", "in_progress"),
    ("积极对接中", "in_progress"), ("整改中", "in_progress"), ("有序推进", "in_progress"), ("完成90%", "in_progress"),
    ("正在办理", "in_progress"), ("跟踪落实", "?"), ("进展顺利", "?"),
    ("未启动", "assigned"), ("尚未开始", "assigned"), ("已交办", "assigned"), ("待签收", "assigned"),
    ("已销号", "closed"), ("销号", "closed"), ("申请销号", "review"), ("待销号", "review"), ("待审核", "review"),
    ("已撤销", "withdrawn"), ("取消", "withdrawn"), ("暂缓", "?"), ("搁置", "?"), ("已办结，资料归档中", "?"),
    ("见附件", "?"),
]
TASK_SOURCE = [
    ("市政府常务会议确定事项", "meeting"), ("市长办公会", "meeting"), ("专题协调会", "meeting"),
    ("市政府第12次常务会议", "meeting"), ("会议纪要", "meeting"), ("常务会", "meeting"),
    ("市委书记批示", "instruction"), ("领导批示件", "instruction"), ("市长批示", "instruction"),
    ("省领导指示", "instruction"), ("现场调研", "research"), ("市领导调研交办", "research"),
    ("2019年政府工作报告", "key_task"), ("年度重点工作", "key_task"), ("招商引资签约项目", "investment"),
    ("民生重点事项", "livelihood"), ("为民办实事", "practical"), ("市办实事（公开挂牌）", "practical"),
    ("民生实事", "practical"), ("其它", "other"), ("上级来文", "?"), ("群众来信", "?"),
]
TASK_KEY = [("★", True), ("是", True), ("重点", True), ("√", True), ("一般", False), ("否", False), ("—", False), ("◎", "?")]
TASK_CYCLE = [("每月25日前", "monthly"), ("每周五", "weekly"), ("按季度", "quarterly"), ("一次性报送", "once"),
              ("月报", "monthly"), ("不定期", "?")]
MEETING_KIND = [
    ("常务会议", "executive"), ("市政府常务会议", "executive"), ("常务会", "executive"), ("市长办公会议", "mayor"),
    ("市长办公会", "mayor"), ("区长办公会", "mayor"), ("专题会议", "special"), ("专题协调会", "special"),
    ("调度会", "special"), ("现场推进会", "special"), ("联席会议", "special"), ("其他", "other"),
    ("全体会议", "?"), ("座谈会", "?"),
]
SATISFACTION = [("满意", "satisfied"), ("非常满意", "satisfied"), ("基本满意", "basically_satisfied"),
                ("比较满意", "basically_satisfied"), ("不满意", "unsatisfied"), ("不太满意", "unsatisfied"),
                ("未反馈", "none"), ("暂未评价", "none"), ("一般", "?")]
PROP_STATUS = [("已答复", "replied"), ("已书面答复", "replied"), ("已办复", "replied"), ("正在办理", "in_progress"),
               ("办理中", "in_progress"), ("已办结", "done"), ("退回改办", "returned"), ("二次办理", "rehandling"),
               ("已交办", "assigned"), ("已答复待评价", "?")]
PROP_TYPE = [("个人", "individual"), ("代表联名", "joint"), ("民主党派集体提案", "collective"), ("界别提案", "collective"),
             ("小组", "collective"), ("其他", "?")]
PROP_MODE = [("单独办理", "single"), ("主办+会办", "lead_co"), ("主协办", "lead_co"), ("分别办理", "split"), ("分办", "split"),
             ("联合", "?")]
PROP_TOPIC = [("财政经济", "财政经济"), ("农业", "农业农村"), ("乡村振兴", "农业农村"), ("教育", "教科文卫"),
              ("医疗卫生", "教科文卫"), ("交通", "城建环资"), ("社会保障", "社会建设"), ("公安", "内务司法"), ("综合", "?")]
PUBLICATION = [("全文公开", "full"), ("公开", "full"), ("摘要公开", "summary"), ("部分公开", "summary"),
               ("不予公开", "none"), ("依申请公开", "none")]
PROJECT_STATUS = [("已完工", "done"), ("已建成投用", "done"), ("竣工验收", "done"), ("正在施工", "in_progress"),
                  ("建设中", "in_progress"), ("主体完工", "in_progress"), ("完成70%", "in_progress"), ("前期", "planned"),
                  ("未开工", "planned"), ("停工", "suspended"), ("暂缓实施", "?"), ("已完成前期工作", "?")]
PROJECT_CATEGORY = [("产业项目", "产业发展"), ("产业发展", "产业发展"), ("蔬菜大棚", "产业发展"), ("道路硬化", "基础设施"),
                    ("安全饮水", "基础设施"), ("改厕", "人居环境"), ("危房改造", "人居环境"), ("助学", "教育"),
                    ("公益岗位", "就业"), ("其他", "?")]
POINT_EVERY = [("每月", "month"), ("每月一次", "month"), ("按月", "month"), ("每季度", "quarter"),
               ("一季度一次", "quarter"), ("每周", "week"), ("每半年", "half_year"), ("不定期", "?")]
VISIT_TYPE = [("领导调研", "research"), ("专题调研", "research"), ("实地考察", "research"), ("联系点走访", "liaison"),
              ("基层联系点", "liaison"), ("帮扶村走访", "village"), ("驻村帮扶", "village"), ("入户走访", "village"),
              ("座谈", "?")]
PROBLEM_STATUS = [("已解决", "resolved"), ("已化解", "resolved"), ("正在协调", "in_progress"), ("协调中", "in_progress"),
                  ("基本解决", "in_progress"), ("未解决", "open"), ("尚未解决", "open"), ("已办结", "resolved"), ("待研究", "?")]
FUND_SOURCE = [("财政专项扶贫资金", "fiscal"), ("省级财政专项", "fiscal"), ("单位帮扶资金", "assisting_unit"),
               ("爱心捐款", "donation"), ("村民自筹", "self_raised"), ("协调争取", "coordinated"),
               ("涉农整合资金", "integrated"), ("后盾单位投入", "assisting_unit"), ("企业捐赠", "donation"),
               ("其他渠道", "other")]


def title(ws, text, width):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=16)
    ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")


def main():
    wb = Workbook()
    expect = {}
    d = datetime.date(2019, 3, 1)

    def sheet(name, heading, header, columns, make_row):
        """columns: [(header index of the word, field, words)]; make_row(n) the fixed cells."""
        ws = wb.create_sheet(name)
        title(ws, heading, len(header))
        ws.append(["填报单位（盖章）：市政府办公室        填报日期：2019年7月5日"])
        ws.append(header)
        rows = {}
        n = 0
        for col, field, words in columns:
            for word, want in words:
                n += 1
                cells = make_row(n)
                cells[col] = word
                ws.append(cells)
                rows[str(ws.max_row)] = {"field": field, "word": word, "want": want}
        expect[name] = rows

    sheet("督办事项", "2019年上半年市政府督办事项台账",
          ["序号", "督办编号", "事项来源", "督办事项", "牵头单位", "交办日期", "完成时限", "办理状态", "是否重点", "报送周期"],
          [(2, "source", TASK_SOURCE), (7, "status", TASK_STATUS), (8, "key", TASK_KEY), (9, "report_cycle", TASK_CYCLE)],
          lambda n: [n, "督〔2019〕%d号" % n, None, "督办事项%d" % n, "市住建局", d, "2019年12月31日", None, None, None])
    sheet("会议", "2019年市政府会议台账", ["会议编号", "会议名称", "会议类型", "召开日期", "议题数"],
          [(2, "kind", MEETING_KIND)],
          lambda n: ["第%d次" % n, "会议%d" % n, None, d + datetime.timedelta(days=n), 3])
    sheet("建议提案", "2019年市十六届人大三次会议代表建议办理台账",
          ["建议号", "建议题目", "提出方式", "专题", "办理方式", "主办单位", "交办日期", "满意度", "办理状态", "公开方式", "答复日期"],
          [(2, "type", PROP_TYPE), (3, "topic", PROP_TOPIC), (4, "mode", PROP_MODE), (7, "satisfaction", SATISFACTION),
           (8, "status", PROP_STATUS), (9, "publication", PUBLICATION)],
          lambda n: [n, "建议%d" % n, None, None, None, "市教育局", d, None, None, None, datetime.date(2019, 6, 1)])
    sheet("帮扶项目", "帮扶项目进展表", ["项目名称", "所在村", "项目类别", "项目状态", "开工日期", "完工日期"],
          [(2, "category", PROJECT_CATEGORY), (3, "status", PROJECT_STATUS)],
          lambda n: ["项目%d" % n, "张庄村", None, None, d, datetime.date(2019, 9, 1)])
    sheet("基层联系点", "基层联系点一览表", ["联系点名称", "负责处室", "走访频次"],
          [(2, "visit_every", POINT_EVERY)], lambda n: ["联系点%d" % n, "督查处", None])
    sheet("走访调研", "2019年走访调研台账", ["走访编号", "走访类型", "走访日期", "带队领导", "走访地点"],
          [(1, "type", VISIT_TYPE)], lambda n: ["ZF%03d" % n, None, d + datetime.timedelta(days=n), "王市长", "地点%d" % n])
    sheet("问题清单", "问题清单", ["问题编号", "问题描述", "责任单位", "问题状态", "解决日期"],
          [(3, "status", PROBLEM_STATUS)], lambda n: ["WT%03d" % n, "问题%d" % n, "市水利局", None, datetime.date(2019, 5, 1)])
    sheet("帮扶资金", "帮扶资金到位情况", ["日期", "资金来源", "金额（元）", "项目"],
          [(1, "source", FUND_SOURCE)], lambda n: [d + datetime.timedelta(days=n), None, 10000 * n, "项目%d" % n])
    del wb["Sheet"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, datetime.date):
                    c.number_format = 'yyyy"年"m"月"d"日"'
    wb.save(OUT)
    with open(EXPECT, "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    words = sum(len(rows) for rows in expect.values())
    print("wrote", OUT, "with", words, "words")

    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xlsx", "--outdir", tmp, OUT], check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, "vocabulary_openpyxl.xlsx"), os.path.join(HERE, "..", "vocabulary_libreoffice.xlsx"))
            print("wrote vocabulary_libreoffice.xlsx")


if __name__ == "__main__":
    main()
