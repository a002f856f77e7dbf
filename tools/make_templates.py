"""Build the document templates in doc_templates/ (自查报告 for a school and a county, 整改方案).

    python tools/make_templates.py          # rewrites doc_templates/report-school.docx, …

The templates are ordinary Word files laid out per GB/T 9704-2012 (tools/gbt9704.py) with
docxtpl tags; the fields they use are listed by `junheng report FACTS --list-fields` and in the
README. A clerk may edit the built files in Word or WPS (keep each {{ tag }} in one run); run
this script only to start again from the shipped layout. Building twice gives identical bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gbt9704 as g  # noqa: E402
from builder import (CENTER, LEFT, RIGHT, build_all, closing, document, each,  # noqa: E402
                     keep_with_signature, numbered, plain, signature)


def narrative(doc, section: str, heading: bool):
    """A narrative section: the fact file's paragraphs, or the 〔请补充：…〕 placeholder."""
    if heading:
        g.add_heading2(doc, f"{{{{ {section}.heading }}}}")
    each(doc, f"t in {section}.paragraphs", "{{ t }}")


def sample_note(doc):
    """注：… under 基本情况 when the fact file is a sample (`sample: true`)."""
    g.add_tag_paragraph(doc, "{%p if sample_note %}")
    g.add_paragraph(doc, "{{ sample_note }}")
    g.add_tag_paragraph(doc, "{%p endif %}")


def work_sections(doc):
    g.add_tag_paragraph(doc, "{%p for n in work_sections %}")
    narrative(doc, "n", heading=True)
    g.add_tag_paragraph(doc, "{%p endfor %}")


def school_report():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、基本情况")
    g.add_paragraph(doc, "{{ basic_text }}")
    sample_note(doc)
    g.add_heading1(doc, "二、主要工作")
    work_sections(doc)
    g.add_heading1(doc, "三、办学基本条件达标情况")
    g.add_paragraph(doc, "对照{{ standard_name }}，应评{{ applicable_count }}项，达标{{ met_count }}项"
                         "{% if failed_count > 0 %}，未达标{{ failed_count }}项{% endif %}"
                         "{% if missing_count > 0 %}，缺少数据{{ missing_count }}项{% endif %}。"
                         "{{ met_text }}逐项情况见下表。")
    g.add_tag_paragraph(doc, "{%p for st in stages %}")
    g.add_tag_paragraph(doc, "{%p if st.heading %}")
    g.add_heading2(doc, "{{ st.heading }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_loop_table(doc, ["指标", "标准", "实际", "结论", "尚缺"],
                     ["{{ r.name }}", "{{ r.standard }}", "{{ r.value }}", "{{ r.status }}", "{{ r.deficit }}"],
                     loop="r in st.rows", widths_mm=[56, 30, 24, 18, 28],
                     aligns=[LEFT, CENTER, RIGHT, CENTER, RIGHT])
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_heading1(doc, "四、主要做法和经验")
    narrative(doc, "practices", heading=False)
    g.add_heading1(doc, "五、存在的问题")
    numbered(doc, "problems", "对照标准，各项指标均已达到要求。")
    g.add_heading1(doc, "六、下一步打算")
    g.add_tag_paragraph(doc, "{%p if not plans.placeholder %}")
    narrative(doc, "plans", heading=False)
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if measures %}")
    numbered(doc, "measures")
    g.add_paragraph(doc, "各项整改的数量、资金、责任人和完成时限见《{{ school.name }}义务教育均衡发展整改方案》。")
    g.add_tag_paragraph(doc, "{%p elif plans.placeholder %}")
    g.add_paragraph(doc, "继续加强管理，巩固各项办学条件，防止出现新的短板。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "七、自查结论")
    closing(doc, "{{ conclusion }}")
    return doc


def county_report():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、基本情况")
    g.add_paragraph(doc, "{{ schools_summary }}各校达标情况见下表。")
    g.add_loop_table(doc, ["学校", "类型", "在校生", "结论", "未达标项"],
                     ["{{ r.name }}", "{{ r.type }}", "{{ r.students }}", "{{ r.status }}", "{{ r.not_met }}"],
                     loop="r in school_rows", widths_mm=[36, 26, 18, 18, 58],
                     aligns=[LEFT, CENTER, RIGHT, CENTER, LEFT])
    sample_note(doc)
    g.add_heading1(doc, "二、主要工作")
    work_sections(doc)
    g.add_heading1(doc, "三、评估认定条件达成情况")
    plain(doc, "condition_sentences")
    g.add_heading2(doc, "（一）校际均衡状况")
    g.add_paragraph(doc, "按小学、初中分别计算8项指标的差异系数，结果见下表。")
    g.add_tag_paragraph(doc, "{%p for t in cv_tables %}")
    g.add_tag_paragraph(doc, "{%p if t.heading %}")
    g.add_heading3(doc, "{{ t.heading }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_loop_table(doc, ["指标", "差异系数"],
                     ["{{ r.name }}", "{{ r.cv }}"],
                     loop="r in t.rows", widths_mm=[116, 40], aligns=[LEFT, RIGHT],
                     footer=["综合差异系数（标准：不高于{{ t.standard }}；{{ t.status }}）", "{{ t.composite }}"],
                     keep_together=True)
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_heading2(doc, "（二）县级人民政府推进工作")
    g.add_paragraph(doc, "{{ government_text }}")
    g.add_loop_table(doc, ["项目", "满分", "得分", "情况"],
                     ["{{ r.name }}", "{{ r.points }}", "{{ r.score }}", "{{ r.note }}"],
                     loop="r in government_rows", widths_mm=[98, 16, 16, 26],
                     aligns=[LEFT, RIGHT, RIGHT, LEFT],
                     footer=["合计", "{{ government.total }}", "{{ government.score }}",
                             "{{ government.pass_score }}分达标"], keep_last=True)
    g.add_heading1(doc, "四、主要做法和经验")
    narrative(doc, "practices", heading=False)
    g.add_heading1(doc, "五、存在的问题")
    numbered(doc, "problems", "对照四项条件，各项均已达到要求。")
    g.add_heading1(doc, "六、下一步打算")
    g.add_tag_paragraph(doc, "{%p if not plans.placeholder %}")
    narrative(doc, "plans", heading=False)
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if measures %}")
    numbered(doc, "measures")
    g.add_paragraph(doc, "各项整改的数量、资金、责任单位和完成时限见《{{ county.name }}义务教育均衡发展整改方案》。")
    g.add_tag_paragraph(doc, "{%p elif plans.placeholder %}")
    g.add_paragraph(doc, "继续巩固均衡发展成果，建立动态监测机制，防止出现新的短板。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "七、自查结论")
    closing(doc, "{{ conclusion }}")
    return doc


def plan():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、存在的问题")
    g.add_paragraph(doc, "{{ summary }}{% if has_items %}整改项目见下表。{% endif %}")
    g.add_tag_paragraph(doc, "{%p if has_items %}")
    g.add_loop_table(doc, ["序号", "整改项目", "需增加", "估算资金", "责任人", "完成时限"],
                     ["{{ i.no }}", "{{ i.title }}", "{{ i.quantity }}", "{{ i.cost }}", "{{ i.responsible }}",
                      "{{ i.deadline_short }}"],
                     loop="i in items", widths_mm=[13, 42, 20, 25, 30, 26],
                     aligns=[CENTER, LEFT, RIGHT, RIGHT, CENTER, CENTER],
                     footer=["", "合计", "", "{{ total_cost }}", "", ""], keep_last=True)
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "二、整改目标")
    g.add_paragraph(doc, "{{ goal }}")
    g.add_heading1(doc, "三、整改项目和措施")
    g.add_tag_paragraph(doc, "{%p for i in items %}")
    g.add_heading2(doc, "{{ i.heading }}")
    g.add_paragraph(doc, "存在问题：{{ i.problem }}")
    g.add_paragraph(doc, "整改目标：{{ i.target }}。")
    g.add_paragraph(doc, "整改措施：{{ i.measures_text }}")
    g.add_tag_paragraph(doc, "{%p if i.quantity != '—' or i.cost != '—' %}")
    g.add_paragraph(doc, "需增加：{{ i.quantity }}；估算资金：{{ i.cost }}"
                         "{% if i.unit_cost != '—' %}（按{{ i.unit_cost }}测算）{% endif %}。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_paragraph(doc, "责任人：{{ i.responsible }}；完成时限：{{ i.deadline }}。")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_tag_paragraph(doc, "{%p if not has_items %}")
    g.add_paragraph(doc, "各项指标均已达到标准，重点做好巩固提升工作。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "四、实施步骤")
    g.add_paragraph(doc, "{{ deadline_note }}")
    g.add_tag_paragraph(doc, "{%p for p in phases %}")
    g.add_paragraph(doc, "{{ loop.index }}．{{ p.year }}为“{{ p.name }}”：{{ p.note }}。{% if p.count != '0' %}本阶段完成：{{ p.tasks }}。{% endif %}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_heading1(doc, "五、保障措施")
    g.add_run_in(doc, "（一）加强组织领导。", "成立以{{ leader }}为组长的整改工作领导小组，"
                 "对每个整改项目明确责任人和完成时限，做到有人管、有人查、有人抓。")
    g.add_run_in(doc, "（二）落实经费保障。", "本方案估算整改资金{{ total_cost }}，"
                 "积极争取上级专项资金，统筹安排本级预算，专款专用。")
    last = g.add_run_in(doc, "（三）实行台账管理。", "建立整改台账，逐项登记整改进度、完成日期和佐证材料，"
                        "完成一项、销号一项，定期报告整改情况。")
    keep_with_signature(last)
    least_cost_and_annex(doc)
    return doc


# ---------------------------------------------------------------- 达标测算, the 附件 of prices, the signature
def least_cost_and_annex(doc):
    """A plan's ending, the same in the basic and the 优质均衡 plan: 六、达标测算, the 附件 note, the signature,
    then the 附件 page of unit prices (both only when the plan priced something)."""
    least_cost_section(doc)          # 六、达标测算 (plan --least-cost)
    g.add_tag_paragraph(doc, "{%p if annex_title %}")
    g.add_annex_note(doc, "{{ annex_title }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    signature(doc)
    g.add_tag_paragraph(doc, "{%p if annex_title %}")
    g.add_annex_page(doc, "{{ annex_title }}")
    g.add_loop_table(doc, ["项目", "单价", "说明"],
                     ["{{ c.name }}", "{{ c.value }}{{ c.unit }}", "{{ c.note }}"],
                     loop="c in cost_basis", widths_mm=[40, 40, 76], aligns=[LEFT, RIGHT, LEFT])
    g.add_tag_paragraph(doc, "{%p endif %}")


def least_cost_section(doc):
    """六、达标测算: shown only with `plan --least-cost` (fields from generator.render.least_cost_output)."""
    g.add_tag_paragraph(doc, "{%p if least_cost %}")
    g.add_heading1(doc, "六、达标测算")
    g.add_tag_paragraph(doc, "{%p if lc_rows %}")
    g.add_paragraph(doc, "按附件所列单价测算，使各校达到学校标准、各项差异系数均在标准以内，最少需增加投入"
                         "{{ lc_total_wan }}（{{ lc_total }}元），逐校明细如下。")
    g.add_loop_table(doc, ["序号", "学校", "学段", "增加", "数量", "估算资金（元）", "原因"],
                     ["{{ r.no }}", "{{ r.school }}", "{{ r.stage }}", "{{ r.thing }}", "{{ r.amount }}",
                      "{{ r.cost }}", "{{ r.reason }}"],
                     loop="r in lc_rows", widths_mm=[13, 22, 13, 28, 18, 18, 44],
                     aligns=[CENTER, LEFT, CENTER, LEFT, RIGHT, RIGHT, LEFT],
                     footer=["", "合计", "", "", "", "{{ lc_total }}", ""])
    g.add_tag_paragraph(doc, "{%p else %}")
    g.add_paragraph(doc, "各校均已达到学校标准，各项差异系数均在标准以内，无需增加投入。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if lc_left %}")
    g.add_paragraph(doc, "按学校达标规则可暂不达标（补到规定下限）的项目：{{ lc_left }}。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if lc_cv_rows %}")
    g.add_paragraph(doc, "测算前后的差异系数：")
    g.add_loop_table(doc, ["学段", "指标", "测算前", "测算后"],
                     ["{{ c.stage }}", "{{ c.indicator }}", "{{ c.before }}", "{{ c.after }}"],
                     loop="c in lc_cv_rows", widths_mm=[22, 78, 28, 28], aligns=[CENTER, LEFT, RIGHT, RIGHT])
    g.add_tag_paragraph(doc, "{%p endif %}")
    plain(doc, "lc_notes")
    g.add_tag_paragraph(doc, "{%p if lc_scope %}")
    g.add_paragraph(doc, "{{ lc_scope }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    numbered(doc, "lc_problems")
    g.add_tag_paragraph(doc, "{%p endif %}")


TEMPLATES = {"report-school.docx": school_report, "report-county.docx": county_report, "plan.docx": plan}


if __name__ == "__main__":
    build_all(TEMPLATES)
