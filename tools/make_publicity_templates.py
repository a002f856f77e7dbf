#!/usr/bin/env python3
"""Build the publicity and slogan templates in doc_templates/ with tools/gbt9704.py.

    python tools/make_publicity_templates.py

Writes four ordinary Word documents with docxtpl tags (a clerk may edit their wording in Word or
WPS; keep each {{ … }} tag inside one run):

* publicity.docx         宣传方案 of a centre school for all its schools (junheng publicity CENTRE)
* publicity-school.docx  one school's own 宣传方案 (junheng publicity CENTRE --each-school -o DIR/)
* slogans.docx           the banner list 宣传标语（横幅）一览表 (junheng slogans -o OUT.docx)
* slogans-print.docx     one slogan per landscape page in large type for the print shop (--print)

The scheme follows the structure of the real ones in seed 000 (目的, 宣传内容, 宣传方式 with the
banner sites, 目标任务, 工作要求, signature, the slogan list as 附件); the wording is ours. The
fields each template uses are filled by generator/publicity/scheme.py and generator/publicity/slogan_lists.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gbt9704 as g  # noqa: E402
from builder import CENTER, LEFT, build_all, document, each, signature  # noqa: E402

# Print-file page: A4 landscape with narrow margins; the slogan fills the middle.
PRINT_MARGIN_MM = 15
PRINT_TEXT_WIDTH_MM = 297 - 2 * PRINT_MARGIN_MM          # 267
PRINT_TEXT_HEIGHT_MM = 210 - 2 * PRINT_MARGIN_MM         # 180
PRINT_BOX_HEIGHT_MM = 160                                 # the slogan's box; the caption goes below


def _placement_section(doc, *, whole_centre: bool):
    subject = "各校" if whole_centre else "{{ we }}"     # 我校, or 我园 for a kindergarten
    g.add_heading2(doc, "（四）悬挂横幅标语。")
    g.add_tag_paragraph(doc, "{%p if total_sites %}")
    g.add_paragraph(doc, "{{ placement_text }}")
    each(doc, "s in school_sites", "{{ s.sentence }}")
    g.add_loop_table(doc, ["序号", "学校", "悬挂地点", "横幅标语", "建议尺寸（米）"],
                     ["{{ p.number }}", "{{ p.school }}", "{{ p.site }}", "{{ p.slogan }}", "{{ p.size }}"],
                     loop="p in placements", widths_mm=[13, 23, 26, 68, 26],
                     aligns=[CENTER, CENTER, CENTER, LEFT, CENTER], keep_last=True)
    g.add_tag_paragraph(doc, "{%p else %}")
    g.add_paragraph(doc, f"{subject}未列横幅悬挂地点；需要悬挂时，从附件所列标语中选用。")
    g.add_tag_paragraph(doc, "{%p endif %}")


def _attachment(doc):
    """附件 on its own page: 黑体 "附件" top left, the title, the slogan table (GB/T 9704 §8)."""
    g.add_annex_page(doc, "{{ attachment_title }}")
    g.add_loop_table(doc, ["序号", "标语", "字数", "建议尺寸（米）"],
                     ["{{ a.number }}", "{{ a.text }}", "{{ a.chars }}", "{{ a.size }}"],
                     loop="a in attachment", widths_mm=[13, 103, 14, 26], aligns=[CENTER, LEFT, CENTER, CENTER], keep_last=True)
    g.add_note(doc, "{{ size_note }}")


def publicity(whole_centre: bool):
    doc = document("{{ title }}")
    we = "我镇各校" if whole_centre else "{{ we }}"
    # The wording that depends on the standard (基本均衡 2012 / 优质均衡 2017) comes from
    # corpora/publicity/wording.yaml through generator/publicity/scheme.py: intro, purpose, content, topic.
    g.add_paragraph(doc, "{{ intro }}"
                         + ("{{ centre.name }}结合本镇实际，制定本方案，请各校认真组织实施。" if whole_centre
                            else "{{ school_intro }}"))

    g.add_heading1(doc, "一、宣传目的")
    g.add_paragraph(doc, "{{ purpose }}")

    g.add_heading1(doc, "二、宣传内容")
    each(doc, "c in content", "{{ c }}")

    g.add_heading1(doc, "三、宣传方式")
    g.add_heading2(doc, "（一）用好校园广播和黑板报。")
    g.add_paragraph(doc, f"{we}利用校园广播、黑板报、宣传栏和升旗仪式，定期宣传{{{{ topic }}}}的政策和学校的做法，"
                         "做到人人知晓。")
    g.add_heading2(doc, "（二）开好班会和家长会。")
    g.add_paragraph(doc, "以班级为单位召开主题班会和家长会，" + ("校长" if whole_centre else "{{ head }}") + "和教师分片包干，"
                         "向家长讲清{{ short_topic }}的政策和学校的变化；"
                         "对不能到会的家长，采取家访、电话等方式逐一宣传。")
    g.add_heading2(doc, "（三）加强网络宣传。")
    g.add_paragraph(doc, "通过{{ website }}和学校网站，及时报道推进{{ topic }}的工作动态和实施成效。")
    _placement_section(doc, whole_centre=whole_centre)

    g.add_heading1(doc, "四、目标任务")
    if whole_centre:
        g.add_paragraph(doc, "（一）各校每月向{{ centre.name }}办公室报送{{ topic }}工作信息{{ news_per_month }}条。")
        g.add_paragraph(doc, "（二）各校在{{ parents_meeting }}召开一次{{ topic }}专题家长会。")
        g.add_paragraph(doc, "（三）各校按本方案所列地点悬挂横幅标语，做到位置醒目、悬挂牢固、字迹清楚。")
        g.add_paragraph(doc, "（四）主动与县内电视台、报纸等媒体联系，宣传各校推进{{ topic }}的进展和亮点；"
                             "{{ centre.name }}将组织人员到各校采写报道。")
    else:
        g.add_paragraph(doc, "（一）每月向{{ report_to }}报送{{ topic }}工作信息{{ news_per_month }}条。")
        g.add_paragraph(doc, "（二）在{{ parents_meeting }}召开一次{{ topic }}专题家长会。")
        g.add_paragraph(doc, "（三）按本方案所列地点悬挂横幅标语，做到位置醒目、悬挂牢固、字迹清楚。")
        g.add_paragraph(doc, "（四）主动与县内媒体联系，宣传{{ we }}推进{{ topic }}的进展和亮点。")

    g.add_heading1(doc, "五、工作要求")
    g.add_heading2(doc, "（一）加强领导，落实责任。")
    g.add_paragraph(doc, ("各校校长是本校宣传工作的第一责任人，" if whole_centre else "{{ head }}是{{ we }}宣传工作的第一责任人，")
                    + "要亲自安排、及时报送，使{{ topic }}得到全社会的关注和支持。")
    g.add_heading2(doc, "（二）明确重点，精心组织。")
    g.add_paragraph(doc, "围绕推进{{ topic }}的中心工作组织好每一项宣传活动，做到学校重视、教师清楚、家长知晓。")
    g.add_heading2(doc, "（三）强化督查，确保落实。")
    # the last paragraph, the 附件说明 and the signature are one chain (keep-with-next): the
    # signature never stands alone on a page (GB/T 9704 §7.3.5)
    g.keep_with_next(g.add_paragraph(doc, ("{{ centre.name }}通过定期检查和随机抽查督促各校落实本方案，"
                                           "对宣传不到位的学校及时通报。" if whole_centre else
                                           "学校定期检查宣传工作落实情况，对宣传不到位的班级和教师及时提醒。")))
    g.add_annex_note(doc, "{{ attachment_title }}")
    signature(doc)
    _attachment(doc)
    return doc


def slogan_list():
    doc = document("{{ title }}")
    g.add_tag_paragraph(doc, "{%p if subtitle %}")
    g.add_subtitle(doc, "{{ subtitle }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p if reasons %}")
    g.add_paragraph(doc, "{{ reasons_intro }}")
    each(doc, "r in reasons", "{{ r }}")
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_loop_table(doc, ["序号", "标语", "字数", "建议尺寸（米）", "悬挂位置"],
                     ["{{ r.number }}", "{{ r.text }}", "{{ r.chars }}", "{{ r.size }}", "{{ r.place }}"],
                     loop="r in rows", widths_mm=[13, 73, 14, 26, 30], aligns=[CENTER, LEFT, CENTER, CENTER, CENTER], keep_last=True)
    g.add_note(doc, "{{ size_note }}")
    g.add_tag_paragraph(doc, "{%p for n in notes %}")
    g.add_note(doc, "{{ n }}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    return doc


def _landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(PRINT_MARGIN_MM))
    section.footer_distance = Mm(8)
    # Each page's content is centred vertically (w:vAlign in the section properties).
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    sect_pr = section._sectPr
    # CT_SectPr order: … pgNumType, cols, formProt, vAlign, noEndnote, titlePg, textDirection, bidi, rtlGutter,
    # docGrid …: vAlign goes right before docGrid (titlePg is absent here).
    grid = sect_pr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "default")
    grid.addprevious(valign)


def slogan_print():
    doc = document(title=None)
    _landscape(doc)
    big = doc.styles.add_style("横幅大字", 1)
    big.base_style = doc.styles["Normal"]
    g.set_fonts(big.element, g.FONT_HEADING1)
    big.font.size = Pt(72)
    fmt = big.paragraph_format
    fmt.alignment = CENTER
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.15
    fmt.space_before = fmt.space_after = Pt(0)
    ppr = big.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ppr.remove(ind)
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)
    caption = doc.styles.add_style("横幅说明", 1)
    caption.base_style = doc.styles[g.TABLE_TEXT_STYLE]
    caption.font.size = Pt(12)
    caption.paragraph_format.alignment = CENTER
    caption.paragraph_format.space_before = Pt(6)

    g.add_tag_paragraph(doc, "{%p for s in pages %}")
    # The slogan sits in a borderless one-cell table of fixed height whose cell centres its
    # content vertically: Word and LibreOffice both honour that (LibreOffice 7.4 ignores a
    # section's w:vAlign).
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    row.height = Mm(PRINT_BOX_HEIGHT_MM)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    cell = row.cells[0]
    cell.width = Mm(PRINT_TEXT_WIDTH_MM)
    table.columns[0].width = Mm(PRINT_TEXT_WIDTH_MM)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first = cell.paragraphs[0]
    first.style = doc.styles[g.TAG_STYLE]
    first.add_run("{%p for line in s.lines %}")
    paragraph = cell.add_paragraph(style="横幅大字")
    paragraph.add_run("{{r line }}")
    cell.add_paragraph("{%p endfor %}", style=g.TAG_STYLE)
    paragraph = doc.add_paragraph(style="横幅说明")
    paragraph.add_run("{{ s.caption }}")
    g.add_tag_paragraph(doc, "{%p if not loop.last %}")
    g.add_page_break(doc)
    g.add_tag_paragraph(doc, "{%p endif %}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    return doc


TEMPLATES = {"publicity.docx": lambda: publicity(True), "publicity-school.docx": lambda: publicity(False),
             "slogans.docx": slogan_list, "slogans-print.docx": slogan_print}


if __name__ == "__main__":
    build_all(TEMPLATES)
