"""The banner list's rows, the print file (one slogan a page, in the largest type that fits) and the
banner list as a workbook."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from generator.publicity.banners import banner_size, size_text
from generator.publicity.corpus import Slogan
from generator.publicity.placement import Placement
from generator.io.writing import install_cell_rule, xlsx_bytes


def list_rows(slogans: list[Slogan], placements: list[Placement] | None = None) -> list[dict]:
    """Rows of the banner list: one per slogan, or one per site when the slogans were placed."""
    if placements is None:
        return [{"number": index, "text": s.text, "chars": s.chars, "size": size_text(s), "place": "",
                 "school": "", "site": "", "slogan": s}
                for index, s in enumerate(slogans, start=1)]
    return [{"number": p.number, "text": p.slogan.text, "chars": p.slogan.chars, "size": size_text(p.slogan),
             "place": f"{p.school}\n{p.site}", "school": p.school, "site": p.site, "slogan": p.slogan}
            for p in placements]


# The print file's page (tools/make_publicity_templates.py): A4 landscape, 15 mm margins; the slogan
# is centred in a 267 × 160 mm box with a caption line below. Characters of a CJK font are one em
# wide; a line of the 黑体-like face at single spacing takes about 1.45 em, so 1.5 em is allowed.
PRINT_WIDTH_MM = Decimal(267)
PRINT_HEIGHT_MM = Decimal(160)
PRINT_LINE_EM = Decimal("1.5")
PRINT_WIDTH_SAFETY = Decimal("0.95")          # full-width punctuation may run a little wide
PRINT_MAX_PT = 160
MM_PER_PT = Decimal("0.3528")


def _pieces(text: str) -> list[str]:
    """The text cut after each clause mark, marks kept: a line break never falls inside a clause."""
    pieces, current = [], ""
    for char in text:
        current += char
        if char in "，；！？":
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _groupings(pieces: list[str], lines: int):
    """Every way to cut the clause list into `lines` consecutive lines."""
    for cuts in combinations(range(1, len(pieces)), lines - 1):
        bounds = (0, *cuts, len(pieces))
        yield ["".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])]


PRINT_FEWER_LINES_SHARE = Decimal("0.85")


def print_layout(slogan: Slogan) -> tuple[list[str], int]:
    """The slogan's lines and font size (pt) for the print file.

    Lines break only between clauses. For each number of lines the best break (largest type) is
    found; then the fewest lines whose type is at least 85 % of the largest possible win — a
    balanced two-line banner reads better than three ragged lines a few points larger. Size is
    capped at PRINT_MAX_PT and rounded down to a whole point.
    """
    pieces = _pieces(slogan.text)
    best_by_count = []
    for count in range(1, len(pieces) + 1):
        best = None
        for lines in _groupings(pieces, count):
            widest = max(len(line) for line in lines)
            size_mm = min(PRINT_WIDTH_MM * PRINT_WIDTH_SAFETY / widest, PRINT_HEIGHT_MM / (count * PRINT_LINE_EM))
            points = min(int(size_mm / MM_PER_PT), PRINT_MAX_PT)
            if best is None or points > best[1]:
                best = (lines, points)
        best_by_count.append(best)
    largest = max(points for _, points in best_by_count)
    return next(choice for choice in best_by_count if choice[1] >= largest * PRINT_FEWER_LINES_SHARE)


def print_pages(rows: list[dict]) -> list[dict]:
    """Pages of the print file: each row's slogan in large type, and a caption for the print shop."""
    from docxtpl import RichText

    pages = []
    total = len(rows)
    for row in rows:
        lines, points = print_layout(row["slogan"])
        caption = f"第 {row['number']} 幅（共 {total} 幅） · {row['chars']} 字 · 建议尺寸 {row['size']} 米"
        if row["place"]:
            caption += f" · 悬挂：{row['school']} {row['site']}"
        pages.append({"lines": [RichText(line, size=points * 2) for line in lines], "caption": caption,
                      "points": points, "text_lines": lines})
    return pages


def workbook_bytes(rows: list[dict], title: str) -> bytes:
    """The banner list as an .xlsx (openpyxl), with the same bytes for the same rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    install_cell_rule()       # one rule for every cell (writing.py)
    book = Workbook()
    sheet = book.active
    sheet.title = "横幅标语"
    headers = ["序号", "标语", "字数", "建议长度（米）", "建议宽度（米）", "悬挂学校", "悬挂地点", "主题", "语料编号"]
    sheet.append([title])
    sheet.append(headers)
    for row in rows:
        size = banner_size(row["slogan"])
        sheet.append([row["number"], row["text"], row["chars"], float(size.length_m), float(size.height_m),
                      row["school"], row["site"], "、".join(row["slogan"].themes), row["slogan"].id])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for line in sheet.iter_rows(min_row=3):
        line[1].alignment = Alignment(wrap_text=True)
        line[3].number_format = line[4].number_format = "0.0"
    for index, width in enumerate((6, 48, 6, 12, 12, 14, 16, 20, 10), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    return xlsx_bytes(book)
