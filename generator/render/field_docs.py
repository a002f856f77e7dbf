"""What each top-level field of a document context holds (for `--list-fields` and the README)."""
from __future__ import annotations

from generator.i18n import BLANK_DATE


FIELD_DOCS = {
    "report-school": {
        "doc_title": "文件标题：某某学校义务教育均衡发展自查报告",
        "school": "学校概况：name 名称, stage 类型, location 城乡, ownership 性质, province, county, year, "
                  "students 在校生, classes 教学班, teachers 专任教师（均为文字）",
        "profile_name": "评估标准（profile）名称",
        "standard_name": "办学基本条件标准的名称",
        "year": "年度（事实文件 year；未填为空）",
        "intro": "开头一段",
        "basic_text": "基本情况：由事实生成的一段话",
        "profile_citation": "评估办法的名称和文号：《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）",
        "work_sections": "主要工作四节：title, heading（（一）统筹管理…）, paragraphs[], placeholder（未在事实文件 narrative "
                         "中填写时为 true，段落为〔请补充：…〕）",
        "practices": "主要做法和经验：title, paragraphs[], placeholder", "plans": "下一步打算：title, paragraphs[], placeholder",
        "stages": "达标情况表，每学段一张：title 学段, heading（（一）小学部；单学段为空）, "
                  "rows[] = {id, name, standard, value, status, deficit}",
        "met_count": "达标项数（数字，可写 {% if met_count > 0 %}）", "failed_count": "未达标项数（数字）",
        "missing_count": "缺数据项数（数字）", "applicable_count": "应评项数（数字）",
        "met_text": "达标项的概括：“生均运动场地面积、…等7项达到标准。”",
        "sentences": "每项指标一句（旧模板用）：“生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。”",
        "problems": "存在的问题：未达标和缺数据各项，由事实写成：“生均图书册数仅10.8册（图书册数10600册，在校生981人），"
                    "低于15册的标准，尚缺图书4115册。”",
        "placeholders": "尚待补充的叙述部分名称（命令会提示）",
        "drafted": "由事实文件的数据起草的叙述部分名称（命令会提示核对）",
        "sample_note": "示例数据的说明（事实文件 sample: true 时；否则为空）",
        "measures": "整改措施摘要：每个未达标项一句（来自 rules/measures.yaml）",
        "passed": "是否达标（true/false，可用于 {% if passed %}）",
        "conclusion": "结论一段",
        "signer": "署名（学校名称）",
        "date_text": f"成文日期：--date；未给出时为“{BLANK_DATE}”待手填",
    },
    "report-county": {
        "doc_title": "文件标题", "county": "县概况：name, province, year, schools 学校数, students 在校生",
        "profile_citation": "评估办法的名称和文号", "standard_name": "办学基本标准的称谓",
        "work_sections": "主要工作四节（同学校报告）", "practices": "主要做法和经验", "plans": "下一步打算",
        "placeholders": "尚待补充的叙述部分名称",
        "drafted": "由事实文件的数据起草的叙述部分名称", "sample_note": "示例数据的说明（sample: true 时）",
        "profile_name": "评估标准名称", "intro": "开头一段", "schools_summary": "学校概况一段",
        "school_rows": "各校达标情况表 rows = {name, type, students, status, not_met}",
        "cv_tables": "差异系数表，每学段一张：stage, title, schools, students, rows[] = {id, name, cv}, composite, "
                     "standard, status",
        "cv_text": "差异系数结论句",
        "government": "政府推进工作：score, total, pass_score",
        "government_rows": "政府推进工作得分表（按A级分组，A级行为小计）：id, name, points, score, note, is_area",
        "government_text": "政府推进工作得分及失分项目一段",
        "conditions": "四项条件表 rows = {id, name, standard, value, status, deficit}",
        "condition_sentences": "四项条件逐条的句子（一是……四是……）",
        "problems": "存在的问题", "measures": "整改措施摘要", "passed": "是否四项全部达到",
        "conclusion": "结论一段", "signer": "署名（某某县人民政府）", "date_text": "成文日期",
    },
    "plan": {
        "doc_title": "文件标题：某某义务教育均衡发展整改方案", "name": "学校或县名称", "kind": "“学校”或“县”",
        "intro": "开头一段", "summary": "自查结果与资金总额一段", "goal": "整改目标一段",
        "phases": "三年行动计划：name 建设推进年…, year, note, count, tasks（本阶段的项目）",
        "items": "整改项目：no, school, id, indicator, title 小标题, problem 存在问题, target 整改目标, measures[] 措施, "
                 "measures_text, quantity 需增加, quantity_number/quantity_unit（数字和单位）, cost 估算（万元或元；"
                 "民办学校为“举办者自筹”）, unit_cost 单价, responsible 责任人, heading 小标题（只有一项时不编号）, "
                 "deadline 完成时限, deadline_short 时限（表格用，不含阶段名）, phase 阶段",
        "has_items": "是否有整改项目", "total_cost": "估算资金合计（1万元以上写万元，否则写元；民办学校自筹的不计入）",
        "total_cost_yuan": "估算资金合计（元，数字）", "annex_title": "附件名称（资金测算单价；无单价时为空）",
        "cost_basis": "所用单价：name, value, unit, note（rules/costs.yaml 或 --costs）",
        "leader": "组长（校长 / 县人民政府分管领导）", "deadline_note": "完成时限说明一段",
        "signer": "署名", "date_text": "成文日期",
        "lc_scope": "达标测算与估算整改资金的口径说明一句（--least-cost；两数相同时说一致）",
        "lc_private_wan": "达标测算中民办学校由举办者自筹的部分（万元；无则为空）",
    },
}


def describe_context(context: dict, docs: dict) -> list[tuple[str, str, str]]:
    """(field, description, example) for --list-fields, from a context actually built."""
    rows = []
    for key, value in context.items():
        example = value
        if isinstance(value, list):
            example = f"列表，{len(value)} 项" + (f"；每项字段：{', '.join(value[0])}" if value and
                                                  isinstance(value[0], dict) else "")
        elif isinstance(value, dict):
            example = "字段：" + ", ".join(value)
        example = str(example)
        rows.append((key, docs.get(key, ""), example if len(example) <= 60 else example[:59] + "…"))
    return rows
