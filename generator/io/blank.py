"""`junheng new`: a commented blank fact file listing every key with its Chinese label and unit."""
from __future__ import annotations

from generator.model import schema
from generator.io.yaml_writer import dump

_HEADERS = {
    "school": "学校事实文件（junheng）。每个键也可以写成其中文名；数字可写成 \"13,125\"，比率可写成 \"85%\"。",
    "county": "县事实文件（junheng）。schools 下列出学校文件（相对本文件的路径）或直接写学校条目。",
    "centre": "中心学校事实文件（junheng），用于宣传方案：所辖学校及横幅悬挂地点。",
}


def _value(example) -> str:
    text = dump(example, flow=True, sort_keys=True, width=1000).strip()
    if text.endswith("\n...") or text.endswith("..."):
        text = text.rsplit("\n", 1)[0].strip()
    return text


def _comment(fld) -> str:
    parts = [fld.label]
    if fld.unit:
        parts.append(f"单位：{fld.unit}")
    if fld.required:
        parts.append("必填")
    if fld.help:
        parts.append(fld.help)
    return "  # " + "；".join(parts)


def blank_file(kind: str) -> str:
    lines = [f"# {_HEADERS[kind]}", "# 填写后运行：junheng check 本文件", ""]
    for fld in schema.FIELDS_BY_KIND[kind]:
        if fld.key == "government":
            lines.append(f"government:{_comment(fld)}")
            for gov in schema.GOVERNMENT_FIELDS:
                lines.append(f"  {gov.key}:{_comment(gov)}；例：{_value(gov.example)}")
            continue
        if fld.key == "kind":
            lines.append(f"kind: {kind}{_comment(fld)}")
        elif fld.required or fld.type in ("claims", "breakdowns"):
            lines.append(f"{fld.key}: {_value(fld.example)}{_comment(fld)}")
        else:
            # Left blank: an unfilled fact is reported as missing, never guessed.
            example = f"；例：{_value(fld.example)}" if fld.example is not None else ""
            lines.append(f"{fld.key}:{_comment(fld)}{example}")
    return "\n".join(lines) + "\n"
