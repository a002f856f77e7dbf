"""docxtpl's passes over a rendered part, each run only when what it changes is there: the same
text and tree as docxtpl's own functions, at a fraction of the cost for a document that needs none.

    source = lined(part_xml)                                  # once per template
    xml = render_part(tpl, source, part, context, env)         # = tpl.render_xml_part(part_xml, part, context, env)
    tree = parse_fixed(tpl, xml)                               # = tpl.fix_tables(xml)
    renumber_drawings(tpl, tree, xml)                          # = tpl.fix_docpr_ids(tree)

- render_xml_part puts each <w:p on a line of its own before compiling, on every call; the lined
  source is made once here. Its resolve_listing (a tab, a bell, a line or a page break typed inside
  a value becomes Word's own element) runs regular expressions over every paragraph and run of the
  document; it changes only text that holds one of those four characters, so it runs when the
  rendered part holds one.
- fix_tables reconciles a table's column grid with the cells its rows got (`{%tc %}` loops); it
  changes nothing when every table's grid already agrees, which is checked on the tree parsed here
  (the same parser) — docxtpl's function runs, on the same text, when one does not.
- fix_docpr_ids renumbers the drawings; a part without a docPr has none to renumber.

tests/test_docx_passes.py holds each against docxtpl's own function, so that a docxtpl release that
changes one is noticed.
"""
from __future__ import annotations

import re

from lxml import etree

from generator.render.rendered_layout import _first

_PARAGRAPH = re.compile(r"<w:p([ >])")


def lined(source: str) -> str:
    """The part's XML as render_xml_part compiles it: each <w:p on a line of its own (so that a
    compile or render error's line number is the paragraph's)."""
    return _PARAGRAPH.sub(r"\n<w:p\1", source)


def render_part(tpl, lined_source: str, part, context: dict, env) -> str:
    """docxtpl's render_xml_part for a source already passed through lined()."""
    tpl.current_rendering_part = part             # docxtpl's InlineImage and Subdoc read it
    xml = env.from_string(lined_source).render(context)
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")     # = re.sub(r"\n<w:p([ >])", r"<w:p\1")
    if "{" in xml or "}" in xml:                  # one look for a brace is cheaper than four replaces
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "\t" in xml or "\a" in xml or "\n" in xml or "\f" in xml:
        xml = tpl.resolve_listing(xml)
    return xml


def parse_fixed(tpl, xml: str):
    """docxtpl's fix_tables(xml): the body parsed (recovering, as it does), its tables' grids fixed."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    return tree if _grids_agree(tree) else tpl.fix_tables(xml)


def _grids_agree(tree) -> bool:
    """True when fix_tables would change nothing: every table has a grid, no row has more cells than
    it has columns, and some row spans all of them (a cell spans its first tcPr's first gridSpan,
    else one column). Anything else — or anything fix_tables itself would fail on — is left to it."""
    namespace = tree.nsmap.get("w")
    if namespace is None:
        return False
    ns = "{" + namespace + "}"
    tbl, grid_tag, col, tr, tc, tcpr, span_tag, val = (ns + name for name in (
        "tbl", "tblGrid", "gridCol", "tr", "tc", "tcPr", "gridSpan", "val"))
    for table in tree.iter(tbl):
        grid = _first(table, grid_tag)
        if grid is None:
            return False
        columns = sum(1 for _ in grid.iterchildren(col))
        wider = {}                    # row → the columns its spanning cells add beyond one each
        for span in table.iter(span_tag):
            properties = span.getparent()
            cell = properties.getparent() if properties.tag == tcpr else None
            if cell is None or cell.tag != tc or cell.getparent() is None or cell.getparent().tag != tr:
                continue
            if ((properties.getprevious() is None or _first(cell, tcpr) is properties)
                    and (span.getprevious() is None or _first(properties, span_tag) is span)):
                try:
                    width = int(span.get(val))
                except (TypeError, ValueError):
                    return False
                row = cell.getparent()
                wider[row] = wider.get(row, 0) + width - 1
        widest = 0
        for row in table.iter(tr):
            cells = sum(1 for _ in row.iterchildren(tc))
            if cells > columns:
                return False
            widest = max(widest, cells + wider.get(row, 0))
        if columns > widest:
            return False
    return True


def renumber_drawings(tpl, tree, xml: str) -> None:
    """docxtpl's fix_docpr_ids: the drawings (wp:docPr) numbered from 1001 in document order."""
    tpl.docx_ids_index = 1000                     # as docxtpl's render_init(): the count restarts per document
    if "docPr" in xml:
        tpl.fix_docpr_ids(tree)
