"""Banner (横幅) sizes from a slogan's length, and the rule in words for the documents."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from generator.publicity.corpus import Slogan

# Suggested banner (横幅) size from the slogan's length. A clause break is printed as a blank one
# character wide, so the banner holds `cells` = printed characters + clause breaks. Longer slogans
# get narrower banners with smaller characters so that a 30-character slogan does not become a
# 25-metre banner. Cell width includes the spacing between characters; each end keeps a blank
# margin; the length is rounded up to the next 0.5 m (how banner cloth is cut and priced).
#   cells ≤ 12: banner 0.9 m high, 0.70 m per character
#   cells ≤ 20: 0.8 m, 0.60 m      cells ≤ 28: 0.7 m, 0.50 m      longer: 0.6 m, 0.45 m
# Example: 推进均衡发展，维护教育公平 = 12 characters + 1 break = 13 cells → 13 × 0.60 + 2 × 0.5 = 8.8
# → 9.0 m × 0.8 m.
BANNER_TIERS = (  # (max cells, banner height m, cell width m)
    (12, Decimal("0.9"), Decimal("0.70")),
    (20, Decimal("0.8"), Decimal("0.60")),
    (28, Decimal("0.7"), Decimal("0.50")),
    (None, Decimal("0.6"), Decimal("0.45")),
)
BANNER_END_MARGIN = Decimal("0.5")
BANNER_LENGTH_STEP = Decimal("0.5")


@dataclass(frozen=True)
class BannerSize:
    cells: int
    length_m: Decimal
    height_m: Decimal
    cell_m: Decimal

    def describe(self, lang: str = "zh") -> str:
        return f"{self.length_m} × {self.height_m} 米" if lang == "zh" else f"{self.length_m} m × {self.height_m} m"


# 字数 leaves out 《》“”, but they are printed and take a cell each on the banner.
_PRINTED_MARKS = "《》〈〉“”‘’"


def banner_size(slogan: Slogan) -> BannerSize:
    marks = sum(slogan.text.count(mark) for mark in _PRINTED_MARKS)
    cells = slogan.chars + marks + max(len(slogan.clauses) - 1, 0)
    for max_cells, height, cell in BANNER_TIERS:
        if max_cells is None or cells <= max_cells:
            break
    raw = cells * cell + 2 * BANNER_END_MARGIN
    length = (raw / BANNER_LENGTH_STEP).to_integral_value(rounding=ROUND_CEILING) * BANNER_LENGTH_STEP
    return BannerSize(cells=cells, length_m=length.quantize(Decimal("0.1")), height_m=height, cell_m=cell)


def _metres(value: Decimal) -> str:
    return format(value.normalize(), "f")


def size_note() -> str:
    """The banner size rule in words, from BANNER_TIERS (so the documents cannot drift from it)."""
    parts = []
    for max_cells, height, cell in BANNER_TIERS:
        band = f"{max_cells}格以内" if max_cells is not None else "更长的"
        parts.append(f"{band}用{_metres(height)}米宽横幅、每字{_metres(cell)}米")
    return ("建议尺寸（长×宽，米）按字数计算：字数加上书名号、引号和分句处的空格为字格数；" + "，".join(parts)
            + f"；两端各留{_metres(BANNER_END_MARGIN)}米，长度向上取整到{_metres(BANNER_LENGTH_STEP)}米。")


SIZE_NOTE = size_note()


def size_text(slogan: Slogan) -> str:
    size = banner_size(slogan)
    return f"{size.length_m}×{size.height_m}"
