"""The one builder behind every template script (tools/make_*.py): what all templates share.

GB/T 9704 layout lives in tools/gbt9704.py; this module adds the scaffolding the scripts used to
repeat: a new document with its title, the alignment names, docxtpl lists (a loop of paragraphs,
numbered 1．2．… or plain), the last paragraph kept with the 署名 and 成文日期, and saving each
template of a script with fixed bytes (building twice gives identical files). A script states
only its document's content and ends with `build_all({"name.docx": builder, …})`.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gbt9704 as g  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "doc_templates"
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def document(title: str | None = "{{ doc_title }}"):
    """A GB/T 9704 document (tools/gbt9704.new_document) opening with its title."""
    doc = g.new_document()
    if title is not None:
        g.add_title(doc, title)
    return doc


def each(doc, loop: str, text: str):
    """One paragraph per element: {%p for LOOP %} TEXT {%p endfor %}."""
    g.add_tag_paragraph(doc, f"{{%p for {loop} %}}")
    g.add_paragraph(doc, text)
    g.add_tag_paragraph(doc, "{%p endfor %}")


def plain(doc, items: str):
    """The list `items` as paragraphs, unnumbered."""
    each(doc, f"x in {items}", "{{ x }}")


def numbered(doc, items: str, empty_text: str | None = None):
    """One paragraph per list item, numbered 1．2．…; `empty_text` when the list is empty.
    (Under a 一、 heading the list skips the （一） level, which GB/T 9704 allows; it never
    stands as a lone （一）.)"""
    if empty_text:
        g.add_tag_paragraph(doc, f"{{%p if {items} %}}")
    each(doc, f"x in {items}", "{{ loop.index }}．{{ x }}")
    if empty_text:
        g.add_tag_paragraph(doc, "{%p else %}")
        g.add_paragraph(doc, empty_text)
        g.add_tag_paragraph(doc, "{%p endif %}")


def keep_with_signature(paragraph):
    """GB/T 9704 §7.3.5: the signature and date never stand alone on a page; the last
    paragraph goes with them (add_signature keeps its own blank lines with the block)."""
    return g.keep_with_next(paragraph)


def signature(doc, signer: str = "{{ signer }}", date: str = "{{ date_text }}"):
    """署名 and 成文日期 (tools/gbt9704.add_signature)."""
    return g.add_signature(doc, signer, date)


def closing(doc, text: str, *, lines_together: bool = True):
    """The last paragraph, kept with the signature, then the signature. The 优质均衡 templates
    have always kept only the paragraph with the next (lines_together=False), not its lines."""
    paragraph = g.add_paragraph(doc, text)
    if lines_together:
        keep_with_signature(paragraph)
    else:
        paragraph.paragraph_format.keep_with_next = True
    return signature(doc)


def build_all(templates: dict, out: Path = OUT) -> list[Path]:
    """Build and save each template (file name → function returning the document); print the paths."""
    paths = []
    for name, build in templates.items():
        path = g.save(build(), out / name)
        print(path)
        paths.append(path)
    return paths
