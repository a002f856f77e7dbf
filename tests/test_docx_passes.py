"""The passes a document goes through after Jinja (generator.render.docx_passes, rendered_layout) skip work
that cannot change anything; these tests hold them to docxtpl's own functions and to the plain reading
of a paragraph's style, on templates made to need every pass: a value with a tab, a line, a bell and a
page break in it, a literal {{ in the text, a table whose `{%tc %}` loop outgrows its grid, a table whose
grid is wider than its rows, a cell that spans columns, a picture (wp:docPr)."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from docx import Document
from docx.shared import Cm
from lxml import etree

from generator.render import docx_passes
from generator.render.documents import PreparedTemplate
from generator.render.rendered_layout import PPR, PSTYLE, VAL, W, Paragraphs


def _png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _template(tmp_path, *, tables=True, picture=True):
    document = Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("文字 {_{ 不是标签 }_} {{ note }}")
    if tables:
        grown = document.add_table(rows=1, cols=4)            # a cell per column: 1 + len(columns) cells
        for number, text in enumerate(["{{ row_name }}", "{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"]):
            grown.cell(0, number).text = text
        rows = document.add_table(rows=3, cols=3)             # {%tr %} rows, a cell spanning two columns
        rows.cell(0, 0).merge(rows.cell(0, 1))
        rows.cell(0, 0).text = "合并"
        rows.cell(1, 0).text = "{%tr for r in items %}"
        rows.cell(2, 0).text = "{{ r }}"
        rows.cell(2, 1).text = "{{ r }}"
        rows.cell(2, 2).text = "{%tr endfor %}"
    if picture:
        document.add_picture(io.BytesIO(_png()), width=Cm(1))
    document.add_paragraph("{{ signer }}")
    path = tmp_path / "t.docx"
    document.save(path)
    return PreparedTemplate(path)


def _docxtpl_way(prepared, context) -> bytes:
    tpl = prepared.docxtpl
    xml = tpl.render_xml_part(tpl.patch_xml(tpl.get_xml()), tpl.docx.part, context, prepared.env)
    tree = tpl.fix_tables(xml)
    tpl.docx_ids_index = 1000
    tpl.fix_docpr_ids(tree)
    return etree.tostring(tree)


def _our_way(prepared, context) -> bytes:
    tpl = prepared.docxtpl
    xml = docx_passes.render_part(tpl, prepared.body_source, tpl.docx.part, context, prepared.env)
    tree = docx_passes.parse_fixed(tpl, xml)
    docx_passes.renumber_drawings(tpl, tree, xml)
    return etree.tostring(tree)


CONTEXTS = [
    {},
    {"note": "一行\n二行"},
    {"note": "甲\t乙"},
    {"note": "段\a另一段"},
    {"note": "页\f新页"},
    {"note": "{{ x }} 与 {% y %}"},
    {"columns": ["一", "二", "三"]},                      # the grid (4 columns) agrees
    {"columns": ["一", "二", "三", "四", "五"]},          # the grid must grow
    {"columns": ["一"]},                                  # the grid must shrink
    {"items": []},                                        # only the merged row left: the grid is too wide
]


@pytest.mark.parametrize("extra", CONTEXTS)
@pytest.mark.parametrize("tables, picture", [(True, True), (False, False), (True, False)])
def test_the_passes_make_what_docxtpl_makes(tmp_path, extra, tables, picture):
    prepared = _template(tmp_path, tables=tables, picture=picture)
    context = {"title": "标题", "note": "说明", "columns": ["一", "二"], "row_name": "行", "items": ["甲", "乙"],
               "signer": "清河县教育局", **extra}
    ours = _our_way(prepared, context)
    assert ours == _docxtpl_way(prepared, context)
    if picture:
        assert b'id="1001"' in ours


def test_a_grid_that_agrees_is_not_refixed_and_one_that_does_not_is(tmp_path, monkeypatch):
    prepared = _template(tmp_path, picture=False)
    calls = []
    original = type(prepared.docxtpl).fix_tables
    monkeypatch.setattr(type(prepared.docxtpl), "fix_tables", lambda self, xml: calls.append(1) or original(self, xml))
    base = {"title": "t", "note": "n", "row_name": "r", "items": ["甲"], "signer": "s"}
    _our_way(prepared, {**base, "columns": ["一", "二", "三"]})
    assert calls == []                               # four columns, four cells: nothing to fix
    _our_way(prepared, {**base, "columns": ["一", "二", "三", "四"]})
    assert calls == [1]


def _plain_style(paragraph):
    ppr = paragraph.find(PPR)
    style = ppr.find(PSTYLE) if ppr is not None else None
    return style.get(VAL) if style is not None else None


def test_paragraph_styles_are_what_each_paragraph_says():
    ns = W[1:-1]
    body = etree.fromstring(
        f'<w:body xmlns:w="{ns}">'
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:p>'
        '<w:p><w:r/><w:pPr><w:pStyle w:val="AfterRun"/></w:pPr></w:p>'               # pPr not first
        '<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:pPr><w:pStyle w:val="Second"/></w:pPr></w:p>'  # 2nd pPr
        '<w:p><w:pPr><!-- c --><w:pStyle w:val="AfterComment"/><w:pStyle w:val="Later"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="Old"/></w:pPr></w:pPrChange></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle/></w:pPr></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="InCell"/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
        '<w:p/></w:body>')
    paragraphs = Paragraphs(body)
    assert [paragraphs.style(p) for p in paragraphs.all] == [_plain_style(p) for p in body.iter(f"{W}p")]
    assert [paragraphs.style(p) for p in paragraphs.all] == ["Title", "AfterRun", None, "AfterComment", None, None,
                                                            "InCell", None]


def test_appending_to_a_base_zip_makes_what_append_mode_makes():
    from generator.render.docx_zip import BaseZip, zip_bytes
    untouched = [("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", "样式".encode() * 500), ("empty", b"")]
    base = BaseZip(untouched)
    for rendered in ([("word/document.xml", "正文 {{x}}".encode() * 300)],
                     [("word/document.xml", b"<w:document/>"), ("docProps/core.xml", b""), ("文档/名.xml", b"x")]):
        assert base.plus(rendered) == zip_bytes(rendered, base=base.data)
        assert base.plus(rendered) == base.plus(rendered)        # nothing of one document stays for the next


def test_renders_of_one_template_in_many_threads_make_the_serial_bytes(tmp_path, monkeypatch):
    # the web server's threads share one prepared template, and docxtpl numbers drawings on the template object:
    # a render that paused inside the numbering must not hand its count to another's document
    import threading
    import time
    prepared = _template(tmp_path)
    contexts = [{"title": f"第{n}份", "note": "注", "row_name": "行", "columns": ["一", "二"], "items": ["甲"],
                 "signer": "某校"} for n in range(4)]
    serial = [prepared.render(context) for context in contexts]
    original = prepared.docxtpl.fix_docpr_ids

    def slow(tree):
        time.sleep(0.05)          # a thread switch in the middle of the numbering
        return original(tree)
    monkeypatch.setattr(prepared.docxtpl, "fix_docpr_ids", slow)
    made = [None] * len(contexts)

    def render(number):
        made[number] = prepared.render(contexts[number])
    threads = [threading.Thread(target=render, args=(number,)) for number in range(len(contexts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == serial
