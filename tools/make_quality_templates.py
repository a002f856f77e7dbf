"""Build the 优质均衡 document templates in doc_templates/ (GB/T 9704 layout, tools/gbt9704.py):

    python tools/make_quality_templates.py

    quality-report-county.docx   县域义务教育优质均衡发展自评报告 (generator.render.report_quality)
    quality-report-school.docx   学校优质均衡自查报告
    quality-plan.docx            优质均衡整改方案 (generator.render.plan_quality)

The structure follows real 自评报告: 基本情况, 资源配置 (per school / 学段 part and the
per-indicator 差异系数 table), 政府保障程度, 教育质量, 社会认可度, 一票否决情形, 存在问题,
下一步工作, 自评结论. Building twice gives identical bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gbt9704 as g  # noqa: E402
from builder import (CENTER, LEFT, RIGHT, build_all, closing, document, each,  # noqa: E402
                     keep_with_signature, numbered, plain)
from make_templates import least_cost_and_annex  # noqa: E402


def sample_note(doc):
    """注：… under 基本情况 when the fact file is a sample (`sample: true`)."""
    g.add_tag_paragraph(doc, "{%p if sample_note %}")
    g.add_paragraph(doc, "{{ sample_note }}")
    g.add_tag_paragraph(doc, "{%p endif %}")


def items_table(doc, section: str, status_header: str = "结论"):
    g.add_loop_table(doc, ["序号", "指标", status_header, "说明"],
                     ["{{ loop.index }}", "{{ r.name }}", "{{ r.status }}", "{{ r.note }}"],
                     loop=f"r in {section}.rows", widths_mm=[14, 86, 22, 34], aligns=[CENTER, LEFT, CENTER, LEFT])


def county_report():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、基本情况")
    g.add_paragraph(doc, "{{ summary }}")
    sample_note(doc)
    g.add_heading1(doc, "二、主要做法")
    g.add_tag_paragraph(doc, "{%p for n in work_sections %}")
    g.add_heading2(doc, "{{ n.heading }}")
    each(doc, "t in n.paragraphs", "{{ t }}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_heading1(doc, "三、资源配置")
    g.add_heading2(doc, "（一）各校（学段）资源配置达标情况")
    g.add_paragraph(doc, "{{ resource_text }}")
    g.add_loop_table(doc, ["学校（学段）", "学段", "在校生", "达到项数", "结论", "未达到项（达成率）"],
                     ["{{ r.name }}", "{{ r.stage }}", "{{ r.students }}", "{{ r.met }}", "{{ r.status }}",
                      "{{ r.not_met }}"],
                     loop="r in part_rows", widths_mm=[40, 14, 18, 14, 18, 52],
                     aligns=[LEFT, CENTER, RIGHT, CENTER, CENTER, LEFT])
    g.add_heading2(doc, "（二）校际差异系数")
    g.add_paragraph(doc, "{{ cv_text }}")
    g.add_loop_table(doc, ["序号", "指标", "小学", "初中"],
                     ["{{ loop.index }}", "{{ r.name }}", "{{ r.primary }}", "{{ r.junior }}"],
                     loop="r in cv_rows", widths_mm=[16, 92, 24, 24], aligns=[CENTER, LEFT, RIGHT, RIGHT],
                     footer=["", "标准（每项指标）", "{{ cv_limits.primary }}", "{{ cv_limits.junior }}"])
    g.add_note(doc, "注：差异系数按在校生数加权计算，保留三位小数；标“＊”者高于标准。标准：{{ cv_standard }}。")
    g.add_heading1(doc, "四、政府保障程度")
    g.add_paragraph(doc, "{{ government.text }}")
    items_table(doc, "government")
    g.add_heading1(doc, "五、教育质量")
    g.add_paragraph(doc, "{{ quality.text }}")
    items_table(doc, "quality")
    g.add_heading1(doc, "六、社会认可度")
    g.add_paragraph(doc, "{{ recognition_text }}")
    g.add_heading1(doc, "七、一票否决情形核查")
    g.add_paragraph(doc, "{{ vetoes.text }}")
    items_table(doc, "vetoes", "情况")
    g.add_heading1(doc, "八、存在的问题")
    numbered(doc, "problems", "对照优质均衡各项要求，均已达到。")
    g.add_heading1(doc, "九、下一步工作")
    numbered(doc, "next_steps", "巩固优质均衡发展成果。")
    g.add_paragraph(doc, "各项整改的数量、资金、责任单位和完成时限见《{{ county_name }}义务教育优质均衡发展整改方案》。")
    g.add_heading1(doc, "十、自评结论")
    g.add_loop_table(doc, ["序号", "认定条件", "结论"],
                     ["{{ loop.index }}", "{{ c.name }}", "{{ c.status }}"],
                     loop="c in conditions", widths_mm=[18, 110, 28], aligns=[CENTER, LEFT, CENTER])
    closing(doc, "{{ conclusion }}", lines_together=False)
    return doc


def school_report():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、基本情况")
    g.add_paragraph(doc, "{{ basic_text }}")
    sample_note(doc)
    g.add_heading1(doc, "二、主要做法")
    each(doc, "t in practices.paragraphs", "{{ t }}")
    g.add_heading1(doc, "三、资源配置达标情况")
    g.add_paragraph(doc, "对照《{{ standard_name }}》，资源配置须{{ rule_text }}。逐项情况见下表。")
    g.add_tag_paragraph(doc, "{%p for p in parts %}")
    g.add_tag_paragraph(doc, "{%p if p.title %}")
    g.add_heading2(doc, "{{ p.title }}（{{ p.status }}）")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_loop_table(doc, ["指标", "标准", "实际", "达成率", "结论", "达标尚缺", "达85%尚缺"],
                     ["{{ r.name }}", "{{ r.standard }}", "{{ r.value }}", "{{ r.achieved }}",
                      "{{ r.status }}", "{{ r.deficit }}", "{{ r.floor_deficit }}"],
                     loop="r in p.rows", widths_mm=[40, 26, 20, 16, 17, 19, 18],
                     aligns=[LEFT, CENTER, RIGHT, RIGHT, CENTER, RIGHT, RIGHT])
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_paragraph(doc, "")
    plain(doc, "sentences")
    g.add_heading1(doc, "四、存在的问题")
    numbered(doc, "problems", "对照优质均衡资源配置标准，各项指标均已达到要求。")
    g.add_heading1(doc, "五、整改措施")
    numbered(doc, "measures", "继续加强管理，巩固各项资源配置成果。")
    g.add_heading1(doc, "六、自查结论")
    closing(doc, "{{ conclusion }}", lines_together=False)
    return doc


def plan():
    doc = document()
    g.add_paragraph(doc, "{{ intro }}")
    g.add_heading1(doc, "一、自查发现的问题")
    g.add_paragraph(doc, "{{ summary }}")
    g.add_tag_paragraph(doc, "{%p if has_items %}")
    g.add_loop_table(doc, ["序号", "整改项目", "达标需增加", "达85%需增加", "估算资金", "责任人", "完成时限"],
                     ["{{ i.no }}", "{{ i.title }}", "{{ i.full_quantity }}", "{{ i.floor_quantity }}",
                      "{{ i.cost }}", "{{ i.responsible }}", "{{ i.deadline_short }}"],
                     loop="i in items", widths_mm=[13, 32, 23, 20, 22, 20, 26],
                     aligns=[CENTER, LEFT, RIGHT, RIGHT, RIGHT, CENTER, CENTER],
                     footer=["", "合计", "", "", "{{ total_cost }}", "", ""])
    g.add_note(doc, "注：“达85%需增加”指使该项达到标准的85%（资源配置的最低要求）所需的数量；“—”表示已达到或不适用。")
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
    g.add_paragraph(doc, "各项指标均已达到优质均衡要求，重点做好巩固提升工作。")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_heading1(doc, "四、实施步骤")
    g.add_paragraph(doc, "{{ deadline_note }}")
    g.add_tag_paragraph(doc, "{%p for p in phases %}")
    g.add_paragraph(doc, "{{ p.year }}为“{{ p.name }}”：{{ p.note }}。{% if p.count != '0' %}本阶段完成：{{ p.tasks }}。{% endif %}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_heading1(doc, "五、保障措施")
    g.add_run_in(doc, "（一）加强组织领导。", "成立以{{ leader }}为组长的优质均衡创建工作领导小组，"
                 "对每个整改项目明确责任人和完成时限。")
    g.add_run_in(doc, "（二）落实经费保障。", "本方案估算整改资金{{ total_cost }}，"
                 "积极争取上级专项资金，统筹安排本级预算，专款专用。")
    last = g.add_run_in(doc, "（三）实行台账管理。", "建立整改台账，逐项登记整改进度、完成日期和佐证材料，"
                        "完成一项、销号一项，{{ monitoring }}。")
    keep_with_signature(last)
    least_cost_and_annex(doc)        # shared with plan.docx
    return doc


TEMPLATES = {"quality-report-county.docx": county_report, "quality-report-school.docx": school_report,
             "quality-plan.docx": plan}


if __name__ == "__main__":
    build_all(TEMPLATES)
