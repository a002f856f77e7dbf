"""Careless and hostile input files, made on the fly at any size (never committed: some inflate to
hundreds of megabytes). Each maker writes its file and returns the path; `size` scales the bomb so
the test suite can build a tiny one and bench/bench_readers.py the full one.

Workbooks start from a normal county workbook (`junheng export`) and add the bomb beside it, as a
careless or hostile sender would: a huge text in a sheet nobody reads, a sheet stored outside
`xl/worksheets/`, millions of one-character shared strings.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _copy_with(base: Path, path: Path, changes: dict, extra) -> Path:
    """`base` copied to `path`, members in `changes` replaced (bytes → bytes), then `extra(zip)`."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in changes:
                data = changes[info.filename](data)
            target.writestr(info.filename, data)
        extra(target)
    return path


def _stream_member(archive: zipfile.ZipFile, name: str, head: bytes, repeat: bytes, times: int, tail: bytes):
    """Write a member of head + repeat * times + tail without holding it in memory."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head)
        block = repeat * max(1, min(times, (1 << 20) // max(len(repeat), 1)))
        per_block = block.count(repeat)
        left = times
        while left >= per_block:
            member.write(block)
            left -= per_block
        member.write(repeat * left)
        member.write(tail)


def _add_sheet(base: Path, path: Path, title: str, member: str, head: bytes, repeat: bytes, times: int,
               tail: bytes) -> Path:
    """A new worksheet `title` stored at `member`, registered in workbook.xml, its rels and content types."""
    rid = "rIdBomb"

    def book(xml: bytes) -> bytes:
        return xml.replace(b"</sheets>", f'<sheet xmlns:r="{REL}" name="{title}" sheetId="99" r:id="{rid}"/></sheets>'.encode())

    def rels(xml: bytes) -> bytes:
        target = "/" + member
        return xml.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{REL}/worksheet" '
                                                f'Target="{target}"/></Relationships>'.encode())

    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", f'<Override PartName="/{member}" ContentType="application/'
                                        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                        f'</Types>'.encode())

    changes = {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
    return _copy_with(base, path, changes, lambda z: _stream_member(z, member, head, repeat, times, tail))


def huge_text_in_unused_sheet(base: Path, path: Path, chars: int = 190_000_000) -> Path:
    """A sheet 备注 nobody reads, whose one cell holds `chars` characters (190 MB → a ~250 KB file)."""
    head = b'<?xml version="1.0"?><worksheet ' + MAIN + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    return _add_sheet(base, path, "备注", "xl/worksheets/sheet99.xml", head, b"a", chars,
                      b"</t></is></c></row></sheetData></worksheet>")


def sheet_outside_worksheets(base: Path, path: Path, rows: int = 1_000_000) -> Path:
    """A sheet stored at xl/elsewhere/data.xml with `rows` rows of one number each."""
    head = b'<?xml version="1.0"?><worksheet ' + MAIN + b"><sheetData>"
    # every row the same number: r is optional in the format, a reader counts rows by position
    return _add_sheet(base, path, "数据", "xl/elsewhere/data.xml", head, b'<row><c t="n"><v>1</v></c></row>', rows,
                      b"</sheetData></worksheet>")


def many_shared_strings(base: Path, path: Path, count: int = 5_000_000) -> Path:
    """A shared-string table of `count` one-character strings (5 million → a ~400 KB file)."""
    member = "xl/sharedStrings.xml"

    def rels(xml: bytes) -> bytes:
        xml = re.sub(rb'<Relationship [^>]*sharedStrings[^>]*/>', b"", xml)
        return xml.replace(b"</Relationships>", f'<Relationship Id="rIdStrings" Type="{REL}/sharedStrings" '
                                                f'Target="sharedStrings.xml"/></Relationships>'.encode())

    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')

    head = b'<?xml version="1.0"?><sst ' + MAIN + b">"
    with zipfile.ZipFile(base) as source:
        if member in source.namelist():
            raise ValueError("the base workbook already has shared strings")
    return _copy_with(base, path, {"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
                      lambda z: _stream_member(z, member, head, b"<si><t>a</t></si>", count, b"</sst>"))


def huge_docx(base: Path, path: Path, megabytes: float = 119) -> Path:
    """`base` (.docx) with its body grown by `megabytes` MB of plain paragraphs (a ~1 MB file)."""
    paragraph = "<w:p><w:r><w:t>在校学生540人，教师36人。</w:t></w:r></w:p>".encode()
    times = int(megabytes * (1 << 20) / len(paragraph))
    with zipfile.ZipFile(base) as source:
        document = source.read("word/document.xml")
    cut = re.search(rb"<w:body\b[^>]*>", document).end()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info.filename, source.read(info.filename))
        _stream_member(target, "word/document.xml", document[:cut], paragraph, times, document[cut:])
    return path


def unknown_keys_yaml(path: Path, keys: int = 400_000, tab: bool = False) -> Path:
    """A school fact file with `keys` keys no schema knows (and nothing else wrong); `tab`: a tab after
    `name:`, which the fast reader leaves to the full YAML loader."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"kind: school\nname:{chr(9) if tab else ' '}一所学校\nstage: primary\n")
        for index in range(keys):
            out.write(f"unknown_key_{index}: 1\n")
    return path


# ---------------------------------------------------------------- small workbooks written by hand
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SCHOOL_KEYS = ("name", "stage", "students.primary", "classes", "books")
SCHOOL_HEADS = ("学校名称", "学校类型", "在校生数", "教学班数", "图书册数")


def _xml_cell(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def school_sheet(d5: str | None = None) -> str:
    """The sheetData rows of a one-school workbook as junheng writes it (headers on row 1, keys on row 3,
    the school on row 5) with its 教学班数 cell D5 given as raw XML (`d5`), or 12."""
    values = ("一小", "小学", 500, None, 9000)
    rows = ['<row r="1">' + "".join(_xml_cell(f"{c}1", h) for c, h in zip("ABCDE", SCHOOL_HEADS)) + "</row>",
            '<row r="3">' + "".join(_xml_cell(f"{c}3", k) for c, k in zip("ABCDE", SCHOOL_KEYS)) + "</row>",
            '<row r="5">' + "".join(_xml_cell(f"{c}5", v) if v is not None else (d5 or '<c r="D5"><v>12</v></c>')
                                    for c, v in zip("ABCDE", values)) + "</row>"]
    return "".join(rows)


def hand_made_workbook(path: Path, sheet_data: str, merge: str = "", shared: list | None = None,
                       title: str = "学校基本情况") -> Path:
    """A minimal .xlsx written with zipfile: one sheet `title` holding `sheet_data`, an optional merged
    range and shared-string table (None in it: an empty <si/>)."""
    main = MAIN.decode().split('"')[1]
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData>'
             + (f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else "") + "</worksheet>")
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
               if shared is not None else "") + "</Relationships>")
    root = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_rels/.rels", root)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">'
                             + "".join("<si/>" if s is None else f"<si><t>{s}</t></si>" for s in shared) + "</sst>")
    return path
