"""Build Word templates laid out per GB/T 9704-2012《党政机关公文格式》, with python-docx.

Used by tools/make_templates.py (and by other helpers' template builders) to make the
.docx files in doc_templates/. The result is an ordinary Word document with docxtpl tags
that a clerk can open and edit in Word or WPS.

    import gbt9704 as g            # from a script in tools/ (tools/ is on sys.path)
    # elsewhere: sys.path.insert(0, "tools"); import gbt9704 as g

    doc = g.new_document()
    g.add_title(doc, "{{ school.name }}义务教育均衡发展自查报告")
    g.add_heading1(doc, "一、基本情况")
    g.add_paragraph(doc, "{{ basic_text }}")
    g.add_heading2(doc, "（一）办学基本条件")
    g.add_loop_table(doc, ["指标", "标准", "实际", "结论", "尚缺"],
                     ["{{ r.name }}", "{{ r.standard }}", "{{ r.value }}", "{{ r.status }}", "{{ r.deficit }}"],
                     loop="r in rows", widths_mm=[50, 32, 26, 20, 28])
    g.add_tag_paragraph(doc, "{%p for s in sentences %}")   # a docxtpl paragraph tag
    g.add_paragraph(doc, "{{ s }}")
    g.add_tag_paragraph(doc, "{%p endfor %}")
    g.add_signature(doc, "{{ signer }}", "{{ date_text }}")
    g.save(doc, "doc_templates/report-school.docx")

The page (GB/T 9704-2012 §5): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
版心 156 × 225 mm holding 22 lines of 28 characters: body 仿宋 三号 (16 pt) with a fixed
line spacing of 28.95 pt on a 22-line grid, characters 0.25 pt closer so 28 fit a line. Title 方正小标宋简体
二号 (22 pt) centred; 一级标题 黑体 三号 ("一、"), 二级标题 楷体_GB2312 三号 ("（一）"), 三级标题 仿宋
bold. Page numbers 宋体 四号 "— 1 —": odd pages right (one character in), even pages left.

Fonts: each style names, in w:eastAsia, the Chinese font (the title 方正小标宋简体; 仿宋, 楷体,
黑体, 宋体 for the rest, which every Windows PC has) and Times New Roman in w:ascii/hAnsi
for digits and Latin; fontTable.xml gives each its English name as w:altName (FangSong …)
plus its GB2312 charset and family. PDFs are made with doc_templates/fonts.conf, which maps
these names to free faces (generator.render.pdf.PDF_FONTS).

The API above is stable; other helpers build their own templates with it.
"""
from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import sys as _sys

# the template scripts run from tools/; the package is one level up
if str(Path(__file__).resolve().parents[1]) not in _sys.path:
    _sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generator.render.documents import CJK_FONT_FALLBACKS  # noqa: E402

# ---------------------------------------------------------------- the standard's numbers
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM       # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM     # 225
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# 225 mm / 22 lines = 28.99 pt; Word offices use 28.95 pt ("固定值 28.95 磅") so that rounding
# in twips never lets a 23rd line in or pushes the 22nd out.
LINE_PITCH_PT = 28.95
LINE_PITCH_TWIPS = 579                       # docGrid linePitch (twips)

BODY_PT, TITLE_PT, HEADING_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 16, 14, 12

# The names Word/WPS on every Windows PC have, except the title: GB/T 9704 asks for
# 方正小标宋简体 二号, which every office that files 公文 installs, so the 标题 style names it
# (not bold: the face is heavy itself). fontTable.xml gives it 宋体 as its w:altName, the
# face Word falls back to where it is missing; doc_templates/fonts.conf maps it to a heavy
# free serif for PDFs. Body, headings and page numbers name 仿宋 / 黑体 / 楷体 / 宋体.
FONT_TITLE = "方正小标宋简体"
FONT_TITLE_OFFICIAL = FONT_TITLE
TITLE_BOLD = False
FONT_BODY = "仿宋"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"

# Chinese font → (fallback family, w:family, w:pitch) written into fontTable.xml. The fallback
# families are generator.render.documents.CJK_FONT_FALLBACKS, which convert_to_pdf() also hands to
# LibreOffice as its replacement table.
FONT_FALLBACKS = {
    font: (CJK_FONT_FALLBACKS[font], family, pitch)
    for font, family, pitch in ((FONT_TITLE, "roman", "variable"), (FONT_BODY, "modern", "fixed"),
                                (FONT_HEADING1, "modern", "fixed"), (FONT_HEADING2, "modern", "fixed"),
                                (FONT_PAGE_NUMBER, "roman", "variable"))
}
# Body characters are drawn 0.25 pt closer (w:spacing −5 twentieths): 28 × 15.75 pt fits the
# 156 mm (442.2 pt) line, so a line holds 28 characters even without punctuation squeezing.
CHAR_SPACING_TWENTIETHS = -5

TABLE_STYLE = "Table Grid"
TABLE_TEXT_STYLE = "表格文字"
TABLE_HEADER_STYLE = "表格标题行"
TAG_STYLE = "模板标签"
# Reproducible template files: python-docx would otherwise keep its own 2013 dates.
FIXED_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- low-level helpers
def set_fonts(element_with_rpr, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Set w:rFonts (ascii/hAnsi/eastAsia/cs) on a style or run, dropping theme fonts.

    Theme attributes (w:asciiTheme …) override explicit names in Word, so they go.
    """
    rpr = element_with_rpr.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def _clear_run_props(style) -> None:
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)


def _set_style(style, east_asia: str, size_pt: float, bold: bool = False, latin: str = FONT_LATIN,
               squeeze: bool = False):
    _clear_run_props(style)
    set_fonts(style.element, east_asia, latin)
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    rpr = style.element.get_or_add_rPr()
    if squeeze:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING_TWENTIETHS))
        rpr.append(spacing)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rpr.append(color)
    _sort_children(rpr, _RPR_ORDER)


# CT_RPr children must appear in schema order or Word reports the file as damaged.
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _sort_children(parent, order) -> None:
    rank = {name: i for i, name in enumerate(order)}
    children = sorted(list(parent), key=lambda el: rank.get(el.tag.split("}")[1], len(rank)))
    for child in children:
        parent.remove(child)
    for child in children:
        parent.append(child)


def _paragraph_format(style, *, align=None, first_line_chars: int = 0, line_pt: float = LINE_PITCH_PT,
                      exact: bool = True, snap: bool = True, keep_next: bool = False, outline=None):
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.SINGLE
    if exact:
        fmt.line_spacing = Pt(line_pt)
    if align is not None:
        fmt.alignment = align
    fmt.keep_with_next = keep_next
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    if first_line_chars:
        # firstLineChars is in 1/100 character: "首行缩进2字符" as Word writes it.
        ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
        ind.set(qn("w:firstLine"), str(first_line_chars * BODY_PT * 20))
    else:
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:left"), "0")
    if not snap:
        snap_el = OxmlElement("w:snapToGrid")
        snap_el.set(qn("w:val"), "0")
        ppr.append(snap_el)
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    _sort_ppr(ppr)


# CT_PPr children must appear in schema order or Word refuses the file.
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"]


def _sort_ppr(ppr) -> None:
    _sort_children(ppr, _PPR_ORDER)


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style


def _font_table(doc) -> None:
    """Declare each Chinese font with its fallback (w:altName), GB2312 charset and family."""
    from lxml import etree
    for part in doc.part.package.parts:
        if part.content_type.endswith("wordprocessingml.fontTable+xml"):
            break
    else:  # pragma: no cover - python-docx's default template always has one
        return
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for font in list(root):
        if font.get(f"{{{w}}}name") in FONT_FALLBACKS:
            root.remove(font)
    for name, (fallback, family, pitch) in FONT_FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": fallback})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})   # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": family})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": pitch})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _doc_defaults(doc) -> None:
    """Chinese as the East Asian language (line breaking, punctuation) and the body fonts."""
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), FONT_LATIN)
    fonts.set(qn("w:hAnsi"), FONT_LATIN)
    fonts.set(qn("w:eastAsia"), FONT_BODY)
    fonts.set(qn("w:cs"), FONT_LATIN)
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")        # digits too: the Chinese line-breaking lists apply to them
    lang.set(qn("w:eastAsia"), "zh-CN")
    for el in rpr_default.findall(qn("w:sz")) + rpr_default.findall(qn("w:szCs")):
        el.set(qn("w:val"), str(BODY_PT * 2))
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(LINE_PITCH_PT * 20)))
    spacing.set(qn("w:lineRule"), "exact")


def _page_number_paragraph(paragraph, align) -> None:
    """"— N —" with a PAGE field, 宋体 四号, one character in from the outer edge."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    fmt.first_line_indent = Pt(0)

    def run(text=None):
        r = paragraph.add_run(text)
        set_fonts(r._r, FONT_PAGE_NUMBER)
        r.font.size = Pt(PAGE_NUMBER_PT)
        return r

    run("— ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind == "text":
            r.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
    run(" —")


# ---------------------------------------------------------------- the document
def new_document() -> Document:
    """A python-docx Document with the GB/T 9704-2012 page, styles and page-number footers."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # The page number sits about 7 mm below the text block (GB/T 9704 §7.5).
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7 - 6)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    # A line grid only ("只指定行网格"): a character grid makes LibreOffice give each 16 pt
    # character two 15.8 pt cells; the 28 characters come from CHAR_SPACING_TWENTIETHS instead.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))

    _doc_defaults(doc)
    _font_table(doc)
    styles = doc.styles

    normal = styles["Normal"]
    _set_style(normal, FONT_BODY, BODY_PT, squeeze=True)
    _paragraph_format(normal, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_chars=2)

    title = styles["Title"]
    _set_style(title, FONT_TITLE, TITLE_PT, bold=TITLE_BOLD)
    # The title sits on two grid lines' worth of space, then one blank line before the body.
    _paragraph_format(title, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=36, keep_next=True)
    title.paragraph_format.space_after = Pt(LINE_PITCH_PT)
    _remove_borders(title)

    subtitle = styles["Subtitle"]
    _set_style(subtitle, FONT_HEADING2, BODY_PT)
    _paragraph_format(subtitle, align=WD_ALIGN_PARAGRAPH.CENTER)

    h1 = styles["Heading 1"]
    _set_style(h1, FONT_HEADING1, HEADING_PT, squeeze=True)
    _paragraph_format(h1, first_line_chars=2, keep_next=True, outline=0)
    h2 = styles["Heading 2"]
    _set_style(h2, FONT_HEADING2, HEADING_PT, squeeze=True)
    _paragraph_format(h2, first_line_chars=2, keep_next=True, outline=1)
    h3 = styles["Heading 3"]
    _set_style(h3, FONT_BODY, HEADING_PT, bold=True, squeeze=True)
    _paragraph_format(h3, first_line_chars=2, keep_next=True, outline=2)

    table_text = _paragraph_style(doc, TABLE_TEXT_STYLE)
    _set_style(table_text, FONT_BODY, TABLE_PT)
    # Tables do not snap to the 22-line grid: a 12 pt row at the grid's 29 pt pitch wastes paper.
    _paragraph_format(table_text, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=TABLE_PT * 1.5, snap=False)
    table_header = _paragraph_style(doc, TABLE_HEADER_STYLE, base=TABLE_TEXT_STYLE)
    _set_style(table_header, FONT_HEADING1, TABLE_PT)
    _paragraph_format(table_header, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=TABLE_PT * 1.5, snap=False,
                      keep_next=True)

    tag = _paragraph_style(doc, TAG_STYLE)
    _paragraph_format(tag, first_line_chars=0)

    for name in ("Header", "Footer"):
        style = styles[name]
        _set_style(style, FONT_PAGE_NUMBER, PAGE_NUMBER_PT)
        _paragraph_format(style, exact=False, snap=False)

    _no_line_start(doc)

    # Odd pages: number on the right; even pages: on the left (GB/T 9704 §7.5).
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    # python-docx's template brings an English thumbnail and 2013 dates; neither belongs here.
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)
    props = doc.core_properties
    props.author = "junheng"
    props.last_modified_by = "junheng"
    props.comments = ""
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    props.language = "zh-CN"
    # Remove the default body's empty paragraph so the first thing added comes first.
    body = doc.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    return doc


# Word's 首尾字符 for Simplified Chinese (标准 level) plus ㎡ (never at a line start) and the digits
# (never at a line end), so a number always goes with its unit in Word and WPS. Written as the
# document's own lists, which replace the default ones; the same lists are set for the PDFs
# (generator.render.pdf, LibreOffice's Asian layout).
from generator.render.pdf import NO_LINE_END, NO_LINE_START  # noqa: E402


def _no_line_start(doc) -> None:
    settings = doc.settings.element
    for tag in ("w:noLineBreaksAfter", "w:noLineBreaksBefore"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    # CT_Settings order: …characterSpacingControl, printTwoOnOne, strictFirstAndLastChars,
    # noLineBreaksAfter, noLineBreaksBefore, savePreviewPicture…
    anchor = None
    for name in ("strictFirstAndLastChars", "printTwoOnOne", "characterSpacingControl"):
        anchor = settings.find(qn(f"w:{name}"))
        if anchor is not None:
            break
    for tag, characters in (("w:noLineBreaksAfter", NO_LINE_END), ("w:noLineBreaksBefore", NO_LINE_START)):
        element = OxmlElement(tag)
        element.set(qn("w:lang"), "zh-CN")
        element.set(qn("w:val"), characters)
        if anchor is not None:
            anchor.addnext(element)
        else:
            settings.append(element)
        anchor = element


def _remove_borders(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for el in ppr.findall(qn("w:pBdr")):
        ppr.remove(el)


# ---------------------------------------------------------------- content helpers
def add_title(doc, text: str):
    """The document title: 方正小标宋简体 二号, centred, a blank line after it."""
    return doc.add_paragraph(text, style="Title")


def add_subtitle(doc, text: str):
    """A centred line under the title (e.g. the school or the date), 楷体 三号."""
    return doc.add_paragraph(text, style="Subtitle")


def add_heading1(doc, text: str):
    """一级标题 "一、…": 黑体 三号, indented two characters like the body."""
    return doc.add_paragraph(text, style="Heading 1")


def add_heading2(doc, text: str):
    """二级标题 "（一）…": 楷体_GB2312 三号."""
    return doc.add_paragraph(text, style="Heading 2")


def add_heading3(doc, text: str):
    """三级标题 "1. …": 仿宋_GB2312 三号 bold."""
    return doc.add_paragraph(text, style="Heading 3")


def add_paragraph(doc, text: str = "", *, indent: bool = True, align=None, bold: bool = False):
    """A body paragraph (仿宋_GB2312 三号, first line indented two characters).

    Keep each Jinja tag ({{ … }}) inside the one run this helper writes.
    """
    paragraph = doc.add_paragraph(style="Normal")
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:firstLineChars"), "0")
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


def add_tag_paragraph(doc, tag: str):
    """A paragraph holding only a docxtpl paragraph tag ("{%p if x %}", "{%p endfor %}").

    docxtpl replaces the whole paragraph by the tag, so it leaves no blank line.
    """
    return doc.add_paragraph(tag, style=TAG_STYLE)


def add_page_break(doc):
    from docx.enum.text import WD_BREAK
    paragraph = doc.add_paragraph(style=TAG_STYLE)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def _cell_text(cell, text: str, style: str, align=None):
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.add_run(text)
    if align is not None:
        paragraph.paragraph_format.alignment = align
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.insert(0, cant_split)


def _no_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _table(doc, columns: int, widths_mm):
    if widths_mm is None:
        widths_mm = [TEXT_WIDTH_MM / columns] * columns
    if abs(sum(widths_mm) - TEXT_WIDTH_MM) > 0.5:
        raise ValueError(f"table widths add up to {sum(widths_mm)} mm; the text block is {TEXT_WIDTH_MM} mm")
    table = doc.add_table(rows=0, cols=columns)
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    _sort_tblpr(tbl_pr)
    for col, mm in zip(table.columns, widths_mm):
        col.width = Mm(mm)
    return table, widths_mm


_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                "tblLook", "tblCaption", "tblDescription"]


def _sort_tblpr(tbl_pr) -> None:
    _sort_children(tbl_pr, _TBLPR_ORDER)


def _add_row(table, texts, widths_mm, style, aligns=None):
    row = table.add_row()
    for index, (cell, text) in enumerate(zip(row.cells, texts)):
        cell.width = Mm(widths_mm[index])
        align = aligns[index] if aligns else None
        _cell_text(cell, text, style, align)
    return row


def add_table(doc, headers, rows, widths_mm=None, aligns=None):
    """A fixed table: a header row (黑体, repeated on each page) and rows of text.

    widths_mm must add up to the 156 mm text block; aligns is a list of
    WD_ALIGN_PARAGRAPH values per column (default centred).
    """
    table, widths_mm = _table(doc, len(headers), widths_mm)
    _repeat_header(_add_row(table, headers, widths_mm, TABLE_HEADER_STYLE))
    for texts in rows:
        _no_split(_add_row(table, texts, widths_mm, TABLE_TEXT_STYLE, aligns))
    return table


def _keep_rows_together(table) -> None:
    """Every row kept with the next (keepNext on its paragraphs): a short table moves to the
    next page whole instead of leaving its last row (a 合计 or 综合 line) alone there."""
    rows = table._tbl.findall(qn("w:tr"))
    for row in rows[:-1]:
        for p_el in row.iter(qn("w:p")):
            ppr = p_el.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                ppr.append(OxmlElement("w:keepNext"))
            _sort_ppr(ppr)


def _keep_row_with_next(tr) -> None:
    for p_el in tr.iter(qn("w:p")):
        ppr = p_el.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.append(OxmlElement("w:keepNext"))
        _sort_ppr(ppr)


def add_loop_table(doc, headers, cells, loop: str, widths_mm=None, aligns=None, footer=None,
                   keep_together: bool = False, keep_last: bool = False):
    """A table with one row per item of a list: docxtpl's `{%tr for <loop> %}` row loop.

    headers: the column titles; cells: one Jinja expression per column for the repeated
    row (e.g. "{{ r.name }}"); loop: the for-clause ("r in rows"). footer: an optional
    last row of texts (e.g. a 合计 line). The tag rows vanish when rendered.
    """
    table, widths_mm = _table(doc, len(headers), widths_mm)
    _repeat_header(_add_row(table, headers, widths_mm, TABLE_HEADER_STYLE))
    blank = [""] * (len(headers) - 1)
    if keep_last:
        # The last item gets a row of its own, kept with what follows (the footer row or a
        # note): "for r in rows[:-1]" then "for r in rows[-1:]". Plain Word markup: a clerk
        # can still edit the template. (loop.index restarts in the second loop.)
        name, _, iterable = loop.partition(" in ")
        _add_row(table, [f"{{%tr for {name} in ({iterable})[:-1] %}}"] + blank, widths_mm, TABLE_TEXT_STYLE)
        _no_split(_add_row(table, cells, widths_mm, TABLE_TEXT_STYLE, aligns))
        _add_row(table, ["{%tr endfor %}"] + blank, widths_mm, TABLE_TEXT_STYLE)
        _add_row(table, [f"{{%tr for {name} in ({iterable})[-1:] %}}"] + blank, widths_mm, TABLE_TEXT_STYLE)
        last = _add_row(table, cells, widths_mm, TABLE_TEXT_STYLE, aligns)
        _no_split(last)
        if footer:
            _keep_row_with_next(last._tr)
        _add_row(table, ["{%tr endfor %}"] + blank, widths_mm, TABLE_TEXT_STYLE)
    else:
        _add_row(table, [f"{{%tr for {loop} %}}"] + blank, widths_mm, TABLE_TEXT_STYLE)
        _no_split(_add_row(table, cells, widths_mm, TABLE_TEXT_STYLE, aligns))
        _add_row(table, ["{%tr endfor %}"] + blank, widths_mm, TABLE_TEXT_STYLE)
    if footer:
        _no_split(_add_row(table, footer, widths_mm, TABLE_TEXT_STYLE, aligns))
    if keep_together:
        _keep_rows_together(table)
    return table


def add_note(doc, text: str):
    """A small note under a table (仿宋 12 pt, not indented). The table's last row is kept with
    it (keep-with-next on the row's paragraphs), so a note never starts a page on its own."""
    tables = doc.element.body.findall(qn("w:tbl"))
    content = [el for el in doc.element.body if el.tag != qn("w:sectPr")]
    if tables and content and content[-1] is tables[-1]:
        rows = tables[-1].findall(qn("w:tr"))
        # in a loop table the last row is the "{%tr endfor %}" tag row, which vanishes: the row
        # before it is the last item's (add_loop_table(keep_last=True) gives it a row of its own)
        last_row = rows[-2] if len(rows) > 1 and "{%tr endfor" in "".join(rows[-1].itertext()) else rows[-1]
        _keep_row_with_next(last_row)
    paragraph = doc.add_paragraph(style=TABLE_TEXT_STYLE)
    paragraph.add_run(text)
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = Pt(3)
    return paragraph


def _tag_expression(text: str):
    """"{{ signer }}" → "signer"; None when the text is not a single plain tag."""
    import re
    match = re.fullmatch(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}", text.strip())
    return match.group(1) if match else None


def add_signature(doc, signer: str, date: str, blank_lines: int = 2):
    """署名 and 成文日期 (GB/T 9704 §7.3.5.1, 加盖印章的公文): the date 右空四字 (right-aligned, four
    characters in from the right margin), the 署名 centred over the date.

    Both are right-aligned paragraphs with a four-character right indent, in the styles 署名
    (Signature) and 成文日期 (Date); after filling, generator.render.documents widens the right
    indent of the shorter of the two so the 署名 stays centred over the date whatever their
    lengths (no padding characters are written). The blank lines and the 署名 are kept with the next
    paragraph: together with keep_with_signature() on the last body paragraph, the signature
    never stands alone on a page. Returns the date paragraph.
    """
    for _ in range(blank_lines):
        keep_with_next(add_paragraph(doc, "", indent=False))
    paragraphs = []
    for text, style in ((signer, SIGNER_STYLE), (date, DATE_STYLE)):
        paragraph = add_paragraph(doc, text, indent=False)
        paragraph.style = _signature_style(doc, style)
        paragraphs.append(paragraph)
    keep_with_next(paragraphs[0])
    return paragraphs[1]


DATE_RIGHT_CHARS = 4
# Style ids generator.render.documents looks for to centre the 署名 over the 成文日期.
SIGNER_STYLE, DATE_STYLE = "Signature", "Date"


def _signature_style(doc, name: str):
    style = _paragraph_style(doc, name)
    _paragraph_format(style, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line_chars=0)
    style.paragraph_format.right_indent = Pt(DATE_RIGHT_CHARS * BODY_PT)
    return style


def keep_with_next(paragraph):
    """Keep a paragraph on the same page as the next one (and its lines together)."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


def add_run_in(doc, head: str, text: str, font: str | None = None):
    """A body paragraph that opens with a run-in heading: "（一）加强组织领导。" in 楷体, then the
    text in 仿宋 (GB/T 9704 §7.3.3: the second level is 楷体)."""
    paragraph = doc.add_paragraph(style="Normal")
    run = paragraph.add_run(head)
    set_fonts(run._r, font or FONT_HEADING2)
    paragraph.add_run(text)
    return paragraph


def add_annex_note(doc, title: str):
    """附件说明 (GB/T 9704 §7.3.4): after the body, one blank line, then "附件：名称" two characters in."""
    keep_with_next(add_paragraph(doc, "", indent=False))
    return keep_with_next(add_paragraph(doc, f"附件：{title}"))


def add_annex_page(doc, title: str):
    """A 附件 on its own page (GB/T 9704 §8): "附件" in 黑体 at the top left, then the title.
    Returns the title paragraph; add the annex's table or text after it."""
    label = keep_with_next(add_paragraph(doc, "附件", indent=False))
    label.paragraph_format.page_break_before = True
    set_fonts(label.runs[0]._r, FONT_HEADING1)
    return add_title(doc, title)


def save(doc, path) -> Path:
    """Save the template. Run make_templates.py again to rebuild; a clerk may edit the result."""
    import io
    import zipfile
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    # python-docx stamps zip members with the current time; rewrite them with a fixed one
    # so that rebuilding an unchanged template gives identical bytes (clean git diffs).
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    path.write_bytes(out.getvalue())
    return path


def copy_style_run(source_run, target_paragraph, text):
    """Add a run to target_paragraph with source_run's formatting (for letterhead tweaks)."""
    run = target_paragraph.add_run(text)
    if source_run._r.rPr is not None:
        run._r.insert(0, copy.deepcopy(source_run._r.rPr))
    return run
