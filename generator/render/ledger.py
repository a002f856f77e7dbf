"""整改台账: the rectification ledger of a plan as an .xlsx workbook (openpyxl).

One row per 整改项目 of generator.render.plan.plan_items(): what is wrong, the target, the measures,
the quantity and estimated cost, who is responsible and by when — and three columns the office
fills in while closing the item: 整改状态 (a drop-down list, data validation), 完成日期 (a date,
validated) and 佐证材料 (evidence: photos, contracts, acceptance records).

    from generator.render.ledger import ledger_bytes
    data = ledger_bytes(plan_context(...))        # same context as the 整改方案 → identical rows

The header row is frozen, columns have set widths, long texts wrap, the sheet prints on A3
landscape one page wide (14 columns, about 10 pt) with the header repeated. Same plan → same bytes (fixed metadata
dates and zip timestamps).
"""
from __future__ import annotations

import math

from generator.numbers import MONEY_PLACES, excel_fixed, wan
from generator.io.writing import install_cell_rule, write_bytes_atomic, xlsx_bytes
from generator.render.least_cost_output import ledger_rows
from generator.render.prose import plain
from generator.io.writing import mark_formula


# The states an item goes through; the first is what a new ledger says.
STATUSES = ("未开始", "整改中", "已完成", "已销号")

# (header, key in the plan item or None for a fill-in column, width in characters, wrap).
# Fourteen columns (180 characters) that print on one A3 landscape sheet with narrow margins at about
# 10 pt (wider columns make the fit-to-width scale shrink the text): the indicator is named in
# words in 整改项目 (no rule id), the target and the unit price are the plan's (its 整改目标 and 附件).
COLUMNS = (
    ("序号", "no", 5, False),
    ("学校", "school", 12, True),
    ("整改项目", "indicator", 16, True),
    ("存在问题", "problem", 30, True),
    ("整改措施", "measures_text", 32, True),
    # a number Excel can add up, its unit beside it (not the text "572㎡")
    ("需增加", "quantity_number", 8, False),
    ("单位", "quantity_unit", 5, False),
    ("估算资金（万元）", "cost_wan", 9, False),
    ("责任人", "responsible", 12, True),
    ("完成时限", "deadline", 12, True),
    ("整改状态", None, 8, False),
    ("完成日期", None, 9, False),
    ("佐证材料", None, 12, True),
    ("备注", "remark", 10, True),
)
_KEYS = [key for _header, key, _width, _wrap in COLUMNS]
_HEADERS = [header for header, _key, _width, _wrap in COLUMNS]
STATUS_COLUMN = _HEADERS.index("整改状态") + 1          # 1-based column numbers
DATE_COLUMN = _HEADERS.index("完成日期") + 1
COST_COLUMN = _KEYS.index("cost_wan") + 1
QUANTITY_COLUMN = _KEYS.index("quantity_number") + 1


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index)


def ledger_workbook(plan: dict):
    """The ledger as an openpyxl Workbook, from a plan context (generator.render.plan.plan_context)."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    install_cell_rule()       # one rule for every cell (writing.py)
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name="黑体", size=11, bold=True)
    body_font = Font(name="仿宋", size=11)      # the names a Windows PC has (see tools/gbt9704.py)
    last = _column_letter(len(COLUMNS))

    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = plan["doc_title"].replace("整改方案", "整改台账")
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32

    for index, (header, _key, width, _wrap) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=2, column=index, value=header)
        cell.font = header_font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        ws.column_dimensions[_column_letter(index)].width = width
    ws.row_dimensions[2].height = 30

    items = plan["items"]
    first_row = 3
    for offset, item in enumerate(items):
        row = first_row + offset
        values = {key: plain(value) for key, value in item.items()}     # no line-break joiners in cells
        values["no"] = int(item["no"])
        # half-up, as every figure (generator.numbers); round() would round a half to even
        values["cost_wan"] = float(wan(item["cost_yuan"])) if item.get("cost_yuan") is not None else None
        values["quantity"] = item["quantity"] if item["quantity"] != "—" else None
        values["remark"] = "民办学校，资金由举办者自筹" if item.get("own_cost_yuan") is not None else None
        values["unit_cost"] = item["unit_cost"] if item["unit_cost"] != "—" else None
        # "2025年底前" on one line and the phase name under it, never a lone "（" at a line's end
        if isinstance(values.get("deadline"), str):
            values["deadline"] = values["deadline"].replace("（", "\n（", 1)
        for index, (_header, key, _width, wrap) in enumerate(COLUMNS, 1):
            value = values.get(key) if key else (STATUSES[0] if index == STATUS_COLUMN else None)
            cell = ws.cell(row=row, column=index, value=value)
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=wrap,
                                       horizontal="left" if wrap else "center")
        ws.row_dimensions[row].height = _row_height(values)
        ws.cell(row=row, column=COST_COLUMN).number_format = excel_fixed(MONEY_PLACES)
        ws.cell(row=row, column=QUANTITY_COLUMN).number_format = "General"
        ws.cell(row=row, column=DATE_COLUMN).number_format = "yyyy-mm-dd"

    last_item_row = first_row + len(items) - 1
    total_row = last_item_row + 1
    ws.cell(row=total_row, column=1, value="合计").font = header_font
    ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=COST_COLUMN - 1)
    cost_letter = _column_letter(COST_COLUMN)
    if items:
        total = mark_formula(ws.cell(row=total_row, column=COST_COLUMN),
                             f"=SUM({cost_letter}{first_row}:{cost_letter}{last_item_row})")
    else:
        total = ws.cell(row=total_row, column=COST_COLUMN, value=0)
    total.number_format = excel_fixed(MONEY_PLACES)
    total.font = header_font
    for index in range(1, len(COLUMNS) + 1):
        ws.cell(row=total_row, column=index).border = border
    ws.cell(row=total_row, column=1).alignment = Alignment(horizontal="center")

    if items:
        status_range = f"{_column_letter(STATUS_COLUMN)}{first_row}:{_column_letter(STATUS_COLUMN)}{last_item_row}"
        date_range = f"{_column_letter(DATE_COLUMN)}{first_row}:{_column_letter(DATE_COLUMN)}{last_item_row}"
        statuses = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=False,
                                  showErrorMessage=True, errorTitle="整改状态",
                                  error="请从列表中选择：" + "、".join(STATUSES),
                                  promptTitle="整改状态", prompt="、".join(STATUSES))
        statuses.add(status_range)
        dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                               showErrorMessage=True, errorTitle="完成日期", error="请填写日期，如 2025-06-30",
                               promptTitle="完成日期", prompt="整改完成的日期，如 2025-06-30")
        dates.add(date_range)
        ws.add_data_validation(statuses)
        ws.add_data_validation(dates)
        # A closed item turns green, one in progress yellow: the office sees progress at a glance.
        row_range = f"A{first_row}:{last}{last_item_row}"
        status_cell = f"${_column_letter(STATUS_COLUMN)}{first_row}"
        ws.conditional_formatting.add(row_range, FormulaRule(
            formula=[f'OR({status_cell}="已完成",{status_cell}="已销号")'],
            fill=PatternFill("solid", fgColor="E2EFDA", bgColor="E2EFDA")))
        ws.conditional_formatting.add(row_range, FormulaRule(
            formula=[f'{status_cell}="整改中"'], fill=PatternFill("solid", fgColor="FFF2CC", bgColor="FFF2CC")))

    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_margins.left = ws.page_margins.right = 0.4      # inches; Excel's "narrow"
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True

    notes = wb.create_sheet("填写说明")
    lines = [
        "整改台账填写说明",
        f"本台账与《{plan['doc_title']}》配套，每个整改项目一行，序号与方案中的编号一致。",
        "整改状态：从下拉列表选择 " + "、".join(STATUSES) + "；新生成的台账均为“未开始”。",
        "完成日期：整改完成后填写，格式如 2025-06-30。",
        "佐证材料：照片、合同、验收记录、采购清单等材料的名称或存放位置。",
        "完成一项、销号一项：经核查确认的项目改为“已销号”。",
        f"估算资金合计{plan['total_cost']}，按方案附件所列单价测算。",
    ]
    for row, text in enumerate(lines, 1):
        notes.cell(row=row, column=1, value=text).font = header_font if row == 1 else body_font
    notes.column_dimensions["A"].width = 100
    return wb


def _row_height(values: dict) -> float:
    """Rows sized to their wrapped text: LibreOffice (and WPS) keep a stored height and do not
    grow a row for wrapped text, so long 存在问题 / 整改措施 cells would overlap. A CJK character
    takes about two width units of an 11 pt column."""
    lines = 1
    for _header, key, width, wrap in COLUMNS:
        text = values.get(key) if key else None
        if wrap and isinstance(text, str) and text:
            lines = max(lines, math.ceil(sum(2 if ord(ch) > 0x2000 else 1 for ch in text) / max(width - 1, 1)))
    return round(14.5 * lines + 4, 1)


def ledger_bytes(plan: dict, least_cost=None) -> bytes:
    """The ledger workbook's bytes, the same for the same plan."""
    wb = ledger_workbook(plan)
    if least_cost is not None:
        _least_cost_sheet(wb, least_cost)
    return xlsx_bytes(wb)


def _least_cost_sheet(wb, least_cost) -> None:
    """`plan --least-cost --ledger`: a second sheet 达标测算, one row per addition, and the total."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("达标测算")
    for row in ledger_rows(least_cost):
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(name="黑体", size=11, bold=True)
    for letter, width in zip("ABCDEFGH", (6, 22, 8, 26, 12, 8, 16, 60)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        row[7].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def write_ledger(plan: dict, output, *, force: bool = False, least_cost=None):
    """Write the ledger atomically; an existing file is refused without force."""
    return write_bytes_atomic(output, ledger_bytes(plan, least_cost), force=force)
