"""A submitted report as numbered lines and sentences (.docx paragraphs and tables, .txt).

.txt is read in UTF-8 / UTF-16 with BOM / GB18030; a .docx is read paragraph by paragraph and
table row by table row in document order, each line keeping where a person finds it
("第 5 行", "第 12 段", "表1第3行"). Unreadable input raises InputErrors (exit 2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
import zipfile

from generator.errors import InputError, InputErrors
from generator.extract.cn_numbers import to_halfwidth
from generator.io.sniff import decode_text  # noqa: F401  (the one decoder of user text)
from generator.extract.report_words import FIELD_WORDS, MENTION, SENTENCE_END
from generator.limits import MAX_YAML_BYTES, check_docx, read_limited


# Characters a reader does not see (zero-width joiners and spaces, word joiner, BOM): a figure
# written "85\u200d%" is 85 %, and a quoted sentence must be what the reader reads.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass
class Line:
    number: int          # .txt: line of the file; .docx: paragraph / table row in document order
    where: str           # how a person finds it: "第 5 行", "第 12 段", "表1第3行"
    text: str

    def __post_init__(self):
        self.text = self.text.translate(_INVISIBLE)


# ---------------------------------------------------------------- reading
def read_report(path) -> list[Line]:
    """The report's text as numbered lines. Raises InputErrors (exit 2) when unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputErrors([InputError(path, None, None, "file_missing")])
    if suffix == ".docx":
        lines = _read_docx(path)
    elif suffix in (".txt", ".text", ""):
        lines = _read_txt(path)
    else:
        raise InputErrors([InputError(path, None, None, "report_suffix", suffix=suffix)])
    if not any(line.text.strip() for line in lines):
        raise InputErrors([InputError(path, None, None, "report_empty")])
    return lines


def _read_txt(path: Path) -> list[Line]:
    try:
        raw = read_limited(path, MAX_YAML_BYTES, "text")     # a regular file, within the limit
    except InputError as err:
        raise InputErrors([err]) from None
    text = decode_text(raw)
    if text is None:
        raise InputErrors([InputError(path, None, None, "report_not_text")])
    return [Line(number, f"第 {number} 行", content)
            for number, content in enumerate(text.splitlines(), start=1)]


def _read_docx(path: Path) -> list[Line]:

    import docx
    from docx.table import Table

    try:
        check_docx(path)           # a regular file, within the size and inflated-size limits
    except InputError as err:
        raise InputErrors([err]) from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputErrors([InputError(path, None, None, "report_bad_docx", detail=str(exc))]) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise InputErrors([InputError(path, None, None, "report_bad_docx",
                                      detail=str(exc).splitlines()[0][:120] if str(exc) else "not a Word file")]) from None
    lines: list[Line] = []
    counters = {"paragraph": 0, "table": 0}
    for element in _blocks(document.element.body):
        if element.tag == _W + "tbl":
            counters["table"] += 1
            for row_number, row_text in enumerate(_table_rows(Table(element, document)), start=1):
                lines.append(Line(len(lines) + 1, f"表{counters['table']}第{row_number}行", row_text))
        else:
            counters["paragraph"] += 1
            lines.append(Line(len(lines) + 1, f"第 {counters['paragraph']} 段", element_text(element)))
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Text the reader of the document sees: runs inside tracked insertions, content controls, hyperlinks,
# smart tags and simple fields count; tracked deletions and the source of a move do not.
_HIDDEN = {_W + "del", _W + "moveFrom"}


def _blocks(container):
    """Paragraphs and tables in document order, looking inside block-level content controls
    (w:sdt) and custom XML, which python-docx's own iteration passes over."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _W + "customXml":
            yield from _blocks(child)


def element_text(element) -> str:
    """A paragraph's visible text, tracked insertions included and deletions left out; a table
    cell's paragraphs one per line."""
    if element.tag == _W + "tc":
        return "\n".join(element_text(paragraph) for paragraph in element.iter(_W + "p"))
    pieces = []

    def walk(node):
        for child in node:
            if child.tag in _HIDDEN:
                continue
            if child.tag == _W + "t":
                pieces.append(child.text or "")
            elif child.tag == _W + "tab":
                pieces.append("\t")
            elif child.tag in (_W + "br", _W + "cr"):
                pieces.append("\n")
            else:
                walk(child)
    walk(element)
    return "".join(pieces)


def _table_rows(table) -> list[str]:
    """Each row as a sentence. With a header row, "学生数（人）｜981" becomes "学生数981人"."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:          # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(element_text(cell._tc).strip())
        rows.append(cells)
    if not rows:
        return []
    header = rows[0]
    header_is_labels = len(rows) > 1 and not any(MENTION.search(to_halfwidth(cell)) or
                                                 re.fullmatch(r"[\d.,]+", cell) for cell in header)
    result = ["，".join(cell for cell in header if cell) + "。"]
    for cells in rows[1:]:
        if header_is_labels and len(cells) == len(header):
            pieces = [_labelled_cell(label, value) for label, value in zip(header, cells) if value]
        elif len(cells) == 2:
            pieces = [_labelled_cell(cells[0], cells[1])]
        else:
            pieces = [cell for cell in cells if cell]
        result.append("，".join(piece for piece in pieces if piece) + "。")
    if not header_is_labels and len(header) == 2:
        result[0] = _labelled_cell(header[0], header[1]) + "。"
    return result


def _labelled_cell(label: str, value: str) -> str:
    """"占地面积（㎡）" + "13125" → "占地面积13125㎡"; a value with its own unit keeps it."""
    unit_match = re.search(r"[（(]\s*([^()（）]{1,6})\s*[)）]\s*$", label)
    bare_label = label[:unit_match.start()] if unit_match else label
    if re.fullmatch(r"[\d.,，]+", to_halfwidth(value).strip()):
        unit = unit_match.group(1) if unit_match else _unit_of_label(bare_label)
        unit = {"平方米": "平方米", "m²": "㎡", "万元": "万元"}.get(unit, unit)
        return f"{bare_label}{value}{unit}"
    return f"{bare_label}：{value}" if bare_label else value


def _unit_of_label(label: str) -> str:
    """A column headed by a count with no unit ("在校生") holds that count in its own unit (人)."""
    natural = {"people": "人", "volumes": "册", "machines": "台"}
    for _key, words, dimensions in FIELD_WORDS:
        if any(word in label for word in words) and dimensions[0] in natural:
            return natural[dimensions[0]]
    return ""


# ---------------------------------------------------------------- sentences
@dataclass
class Sentence:
    text: str
    line: Line


def sentences_of(lines: list[Line]) -> list[Sentence]:
    result = []
    for line in lines:
        for piece in SENTENCE_END.split(line.text):
            piece = piece.strip()
            if piece:
                result.append(Sentence(piece, line))
    return result
