"""Charts as inline SVG drawn on the server: no script, no CDN, prints as it shows.

Only picture, no new numbers: a bar's length is the verdict's own achievement (value against
its standard, generator.criteria.evaluate.Verdict.achievement) or the coefficient the result holds.
Every text is escaped (school names come from uploads).
"""
from __future__ import annotations

from decimal import Decimal
from html import escape

from markupsafe import Markup

from generator.i18n import STATUS_WORDS
from generator.numbers import fixed_text
from generator.render.terminal import stage_suffix, standard_text, value_text

COLOURS = {"pass": "#2e7d32", "fail": "#c62828", "missing": "#f9a825", "n/a": "#9e9e9e"}
FONT = "font-family='Noto Sans CJK SC, Microsoft YaHei, SimHei, sans-serif'"
CAP = Decimal(2)          # bars stop at 200 % of the standard; the value is still written beside


def _text(x, y, text, size=12, anchor="start", colour="#222", weight="normal") -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' fill='{colour}' "
            f"font-weight='{weight}' {FONT}>{escape(str(text))}</text>")


def _svg(width, height, body, label) -> Markup:
    return Markup(f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='100%' "
                  f"role='img' aria-label='{escape(label)}' class='chart'>{''.join(body)}</svg>")


def school_chart(verdicts) -> Markup:
    """Each indicator as a bar: how much of its standard the school reaches; 100 % is the line."""
    rows = [v for v in verdicts if v.standard is not None]
    left, bar_w, row_h, top = 250, 420, 26, 30
    width, height = left + bar_w + 170, top + row_h * len(rows) + 30
    body = [_text(left, 18, "达到标准的程度（标准 = 100%；≤ 类指标按 标准/实际 计）", 12, colour="#555")]
    scale = bar_w / CAP
    for index, verdict in enumerate(rows):
        y = top + index * row_h
        body.append(_text(left - 8, y + 16, f"{verdict.name}{stage_suffix(verdict)}"[:18], 12, "end"))
        # yes/no and lab-type items have no degree: their verdict word stands in for a bar
        ratio = verdict.achievement() if verdict.measure not in ("flag", "labs") else None
        colour = COLOURS.get(verdict.status, "#9e9e9e")
        if ratio is None:
            word = STATUS_WORDS[verdict.status] if verdict.status in ("missing", "pass", "fail") else "—"
            body.append(_text(left + 4, y + 16, word, 12, colour=colour))
        else:
            length = float(min(ratio, CAP) * scale)
            body.append(f"<rect x='{left}' y='{y + 4}' width='{length:.1f}' height='{row_h - 10}' fill='{colour}'>"
                        f"<title>{escape(verdict.name)}：{escape(value_text(verdict))}"
                        f"（标准 {escape(standard_text(verdict))}）</title></rect>")
        body.append(_text(left + bar_w + 8, y + 16, f"{value_text(verdict)}（{standard_text(verdict)}）"[:24], 11,
                          colour="#444"))
    line_x = left + float(scale)
    body.append(f"<line x1='{line_x:.1f}' y1='{top - 4}' x2='{line_x:.1f}' y2='{height - 22}' stroke='#1565c0' "
                f"stroke-dasharray='4 3' stroke-width='1.5'/>")
    body.append(_text(line_x, height - 8, "标准", 11, "middle", "#1565c0"))
    body.append(_text(left + bar_w, height - 8, "200%", 11, "end", "#777"))
    return _svg(width, height, body, "各项指标与标准对比")


def county_schools_chart(school_results) -> Markup:
    """Per indicator, one dot per school at its share of the standard; red dots fall short."""
    order, seen = [], {}
    for school in school_results:
        for verdict in school.verdicts:
            key = verdict.rule
            if key not in seen and verdict.standard is not None and verdict.measure not in ("flag", "labs"):
                seen[key] = verdict.name
                order.append(key)
    left, plot_w, row_h, top = 230, 520, 30, 34
    width, height = left + plot_w + 110, top + row_h * len(order) + 32
    scale = plot_w / float(CAP)
    body = [_text(left, 18, "各校实际值达到标准的程度（每点一所学校，红点" + STATUS_WORDS["fail"] + "；实验室、开齐开足等是否类指标见下表）", 12, colour="#555")]
    for index, rule in enumerate(order):
        y = top + index * row_h
        body.append(f"<line x1='{left}' y1='{y + row_h / 2:.1f}' x2='{left + plot_w}' y2='{y + row_h / 2:.1f}' "
                    f"stroke='#eee'/>")
        body.append(_text(left - 8, y + 19, seen[rule][:16], 12, "end"))
        short = set()            # schools, not parts: a 九年一贯制 school short in both 学段 counts once
        drawn = set()            # a passing dot where one is already drawn adds nothing to see (300 schools)
        for school in school_results:
            for verdict in school.verdicts:
                if verdict.rule != rule:
                    continue
                ratio = verdict.achievement()
                if ratio is None:
                    continue
                if verdict.status == "fail":
                    short.add(school.name)
                x = left + float(min(ratio, CAP)) * scale
                colour = COLOURS.get(verdict.status, "#9e9e9e")
                if verdict.status == "pass":
                    # passing schools are a cloud; only the ones short are named (their dot has a title)
                    if round(x) in drawn:
                        continue
                    drawn.add(round(x))
                    body.append(f"<circle cx='{x:.0f}' cy='{y + row_h / 2:.0f}' r='4' fill='{colour}' "
                                f"fill-opacity='0.6'/>")
                    continue
                body.append(f"<circle cx='{x:.1f}' cy='{y + row_h / 2:.1f}' r='4' fill='{colour}' "
                            f"fill-opacity='0.75'><title>{escape(school.name)}{escape(stage_suffix(verdict))}："
                            f"{escape(value_text(verdict))}（标准 {escape(standard_text(verdict))}）</title></circle>")
        body.append(_text(left + plot_w + 10, y + 19, f"{len(short)} 所{STATUS_WORDS['fail']}" if short else "全部" + STATUS_WORDS["pass"], 11,
                          colour=COLOURS["fail"] if short else COLOURS["pass"]))
    line_x = left + scale
    body.append(f"<line x1='{line_x:.1f}' y1='{top - 4}' x2='{line_x:.1f}' y2='{height - 24}' stroke='#1565c0' "
                f"stroke-dasharray='4 3' stroke-width='1.5'/>")
    body.append(_text(line_x, height - 8, "标准", 11, "middle", "#1565c0"))
    body.append(_text(left, height - 8, "0", 11, "middle", "#777"))
    body.append(_text(left + plot_w, height - 8, "≥200%", 11, "middle", "#777"))
    return _svg(width, height, body, "各校指标与标准对比")


def cv_chart(stage_label: str, values: dict, composite, limit, status: str,
             composite_label: str | None = "综合差异系数", places: int | None = None,
             statuses: dict | None = None, names: dict | None = None) -> Markup:
    """The stage's coefficients as horizontal bars named in Chinese (`names`: id → name), the composite
    coloured by its verdict, the limit as a line. Without a composite (优质均衡: each indicator judged
    alone) a bar is red when its verdict (`statuses`, as evaluation decided it) failed. Figures print at
    `places` (monitoring cv.decimals)."""
    names = names or {}
    if composite_label is None:
        bars = [(names.get(key, key), value, COLOURS["fail"] if (statuses or {}).get(key) == "fail" else "#78909c")
                for key, value in values.items()]
    else:
        bars = [(names.get(key, key), value, "#78909c") for key, value in values.items()]
        bars.append((composite_label, composite, COLOURS.get(status, "#9e9e9e")))
    numbers = [float(v) for _, v, _ in bars if v is not None] + ([float(limit)] if limit is not None else [])
    top_value = max(numbers + [0.1]) * 1.15
    left, plot_w, row_h, top = 250, 420, 24, 28
    width, height = left + plot_w + 70, top + row_h * len(bars) + 30

    def x_of(value):
        return left + float(value) / top_value * plot_w

    body = [_text(left, 16, f"{stage_label}差异系数（越小越均衡）", 12, colour="#555")]
    for index, (label, value, colour) in enumerate(bars):
        y = top + index * row_h
        bold = "bold" if label == composite_label else "normal"
        body.append(_text(left - 8, y + 15, label[:18], 12, "end", weight=bold))
        if value is None:
            body.append(_text(left + 4, y + 15, STATUS_WORDS["missing"], 11, colour=COLOURS["missing"]))
            continue
        body.append(f"<rect x='{left}' y='{y + 3}' width='{x_of(value) - left:.1f}' height='{row_h - 8}' "
                    f"fill='{colour}'><title>{escape(label)}：{fixed_text(value, places)}</title></rect>")
        body.append(_text(x_of(value) + 4, y + 15, fixed_text(value, places), 11, weight=bold))
    if limit is not None:
        body.append(f"<line x1='{x_of(limit):.1f}' y1='{top - 4}' x2='{x_of(limit):.1f}' y2='{height - 22}' "
                    f"stroke='#c62828' stroke-dasharray='5 3' stroke-width='1.5'/>")
        what = "综合差异系数标准" if composite_label else "各项差异系数标准"
        body.append(_text(x_of(limit), height - 8, f"{what}：不高于 {float(limit):g}", 11, "middle", "#c62828"))
    return _svg(width, height, body, f"{stage_label}差异系数与标准")
