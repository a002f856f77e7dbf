"""Layout decided once the text is known: the 署名 centred over the 成文日期 (GB/T 9704 §7.3.5.1)
and each table's ends kept on one page (no row left alone at the top or bottom of a page).

    finish_layout(body)     # the rendered body (lxml), in place: break_title, centre_signature, keep_table_ends

The templates give the two paragraphs their own styles (tools/gbt9704.add_signature: 署名 =
"Signature", 成文日期 = "Date"), both right-aligned four characters in from the right margin.
Once the text is known, the shorter of the two gets a wider right indent so that both share
one centre. Only paragraph properties change: no padding characters are written (spaces at a
line end are dropped by renderers, and closing them with an invisible character breaks search
and copy-paste). A template without these styles (a clerk's letterhead) is left as it is.
"""
from __future__ import annotations

from generator.render.prose import DATE_RIGHT_CHARS, EM_TWIPS, text_width_em

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, PPR, PSTYLE, VAL, T, BR, IND = (W + name for name in ("p", "pPr", "pStyle", "val", "t", "br", "ind"))
TBL, TR, TRPR, TBL_HEADER, KEEP_NEXT = (W + name for name in ("tbl", "tr", "trPr", "tblHeader", "keepNext"))
SIGNER_STYLE, DATE_STYLE = "Signature", "Date"
# CT_PPr children in schema order (the ones that precede and follow w:ind).
_BEFORE_IND = {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
               "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
               "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
               "snapToGrid", "spacing"}


def _first(element, tag):
    """element.find(tag), the first child of that tag, without ElementPath's cost (a document has
    hundreds of paragraphs, and each is asked)."""
    for child in element.iterchildren(tag):
        return child
    return None


class Paragraphs:
    """The body's paragraphs in document order, and the style of each (its first pPr's first pStyle):
    found once for all the fixes, from the pStyle elements up rather than from every paragraph down."""

    def __init__(self, tree):
        self.all = list(tree.iter(P))
        self.styles = styles = {}
        for style in tree.iter(PSTYLE):
            ppr = style.getparent()
            paragraph = ppr.getparent() if ppr.tag == PPR else None
            if paragraph is None or paragraph.tag != P or paragraph in styles:
                continue
            # the first child of its kind (almost always the very first child: no search then)
            if ((ppr.getprevious() is None or _first(paragraph, PPR) is ppr)
                    and (style.getprevious() is None or _first(ppr, PSTYLE) is style)):
                styles[paragraph] = style.get(VAL)

    def style(self, paragraph) -> str | None:
        return self.styles.get(paragraph)

    def pairs(self, first: str, second: str):
        """Each paragraph of style `first` with the next paragraph, when that one is of style `second`."""
        style = self.styles.get
        for index, paragraph in enumerate(self.all[:-1]):
            if style(paragraph) == first and style(self.all[index + 1]) == second:
                yield paragraph, self.all[index + 1]


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(T))


def _set_right_indent(paragraph, twips: int) -> None:
    ppr = _first(paragraph, PPR)
    ind = _first(ppr, IND)
    if ind is None:
        ind = ppr.makeelement(IND, {})
        position = 0
        for index, child in enumerate(ppr):
            if child.tag.startswith(W) and child.tag[len(W):] in _BEFORE_IND:
                position = index + 1
        ppr.insert(position, ind)
    ind.set(f"{W}right", str(twips))


def centre_signature(tree, paragraphs: Paragraphs | None = None) -> None:
    """Each 署名 paragraph followed by a 成文日期 paragraph: the shorter text's right indent widened
    by half the difference of their widths (in 三号 characters)."""
    paragraphs = paragraphs or Paragraphs(tree)
    for signer, date in paragraphs.pairs(SIGNER_STYLE, DATE_STYLE):
        signer_width, date_width = text_width_em(_text(signer).strip()), text_width_em(_text(date).strip())
        if not signer_width or not date_width:
            continue
        narrower, gap = (signer, date_width - signer_width) if date_width > signer_width else (date, signer_width - date_width)
        if gap >= 0.5:        # half an em or less: the paragraphs already share a centre
            _set_right_indent(narrower, round((DATE_RIGHT_CHARS + gap / 2) * EM_TWIPS))


# A table of at most this many body rows moves to the next page whole; a longer one may break
# across pages, with its header repeated, but never leaves one or two rows alone at either end.
WHOLE_TABLE_ROWS = 4


def _keep_next(row) -> None:
    for paragraph in row.iter(P):
        ppr = _first(paragraph, PPR)
        if ppr is None:
            ppr = paragraph.makeelement(PPR, {})
            paragraph.insert(0, ppr)
        if _first(ppr, KEEP_NEXT) is None:
            keep = ppr.makeelement(KEEP_NEXT, {})
            position = 1 if _first(ppr, PSTYLE) is not None else 0
            ppr.insert(position, keep)


def _is_header(row) -> bool:
    trpr = _first(row, TRPR)
    return trpr is not None and _first(trpr, TBL_HEADER) is not None


def keep_table_ends(tree) -> None:
    """Every table: the header with the first two rows, the last two rows together (a 2 + 1 split
    cannot happen), a short table whole; the paragraph that announces it ("…见下表。") with it."""
    for table in tree.iter(TBL):
        rows = list(table.iterchildren(TR))
        body = [row for row in rows if not _is_header(row)]
        if not body:
            continue
        if len(body) <= WHOLE_TABLE_ROWS:
            chained = rows[:-1]
        else:
            chained = [row for row in rows if _is_header(row)] + [body[0], body[-2]]
        for row in chained:
            _keep_next(row)
        previous = table.getprevious()
        if previous is not None and previous.tag == P and _text(previous).strip():
            _keep_next(previous)


# 方正小标宋简体 二号 (22 pt) on the 156 mm line of GB/T 9704: twenty characters.
TITLE_LINE_EM = 20
# Where a long title breaks, first choice first: after the school's or county's name.
TITLE_BREAKS = ("县域义务教育", "义务教育")


def break_title(tree, paragraphs: Paragraphs | None = None) -> None:
    """A title too long for one line breaks where the meaning allows (GB/T 9704 §7.3.3): after the
    name, "红星九年一贯制学校 / 义务教育均衡发展自查报告" — never one character left on a line of
    its own ("…自查报 / 告"). A title that already breaks, or has no such place, is left as it is."""
    paragraphs = paragraphs or Paragraphs(tree)
    style = paragraphs.styles.get
    for paragraph in paragraphs.all:
        if style(paragraph) != "Title" or paragraph.find(f".//{W}br") is not None:
            continue
        texts = list(paragraph.iter(T))
        text = "".join(t.text or "" for t in texts)
        if text_width_em(text) <= TITLE_LINE_EM or len(texts) != 1:
            continue
        for word in TITLE_BREAKS:
            at = text.find(word)
            if at > 0 and text_width_em(text[:at]) <= TITLE_LINE_EM and text_width_em(text[at:]) <= TITLE_LINE_EM:
                first = texts[0]
                first.text = text[:at]
                run_break = first.makeelement(BR, {})
                second = first.makeelement(T, {})
                second.text = text[at:]
                first.addnext(run_break)
                run_break.addnext(second)
                break


def finish_layout(tree) -> None:
    paragraphs = Paragraphs(tree)      # neither of the first two adds, removes or restyles a paragraph
    break_title(tree, paragraphs)
    centre_signature(tree, paragraphs)
    keep_table_ends(tree)
