"""A campaign's centre schools (中心学校) and their publicity: the county uploads each centre's fact file
(kind: centre — its schools and their banner sites; YAML, workbook or .zip, or JSON through the API); it is read
by the CLI's loader (`load_centre`) and kept as the fact file `junheng export` writes, naming the campaign's
standard. From it come the centre's 宣传方案, each school's own scheme (.zip), the 标语横幅清单 (.xlsx, .docx)
and the print sheet — through generator.service.publicity, the functions `junheng publicity` and
`junheng slogans --centre` call, so each download is the CLI's bytes on the exported centre file
(`centres/<name>.yaml` of the export).

A centre is not a school of the campaign (its list may name a kindergarten or the centre's own seat): its schools
are banner sites, not fact files. Uploading a centre of the same name again replaces it; the change is kept in
the county's history (field `中心学校：NAME`).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import sqlalchemy as sa

from generator.collect import db
from generator.collect.campaigns import need_campaign, need_role
from generator.collect.refusals import Refused
from generator.collect import county, standards
from generator.errors import InputErrors
from generator.sanitize import file_name

FOLDER = "centres"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# kind → (file name after the centre's name, type): what the CLI writes for one centre
DOCUMENTS = {
    "publicity.docx": ("宣传方案.docx", DOCX),                 # junheng publicity CENTRE -o X.docx
    "publicity-schools.zip": ("各校宣传方案.zip", "application/zip"),   # publicity --each-school -o DIR/
    "slogans.xlsx": ("标语横幅清单.xlsx", XLSX),                # junheng slogans --centre CENTRE -o X.xlsx
    "slogans.docx": ("标语横幅清单.docx", DOCX),                # … -o X.docx
    "print.docx": ("标语印刷稿.docx", DOCX),                   # … --print X.docx
}
HISTORY_FIELD = "中心学校：{name}"


def _refuse(errors, lang: str) -> Refused:
    return Refused(422, "col_unusable", errors=[{"field": e.key or "", "message": e.describe(lang),
                                                 "incomplete": False} for e in errors.errors])


def _profile_named(campaign) -> str:
    """What the stored file's `profile:` says: the campaign's shipped standard, or the export's profile.yaml."""
    return county.PROFILE_FILE if standards.is_own(campaign.profile) else campaign.profile


def _text_of(centre, campaign) -> str:
    """The centre as `junheng export` writes it, naming the campaign's standard (the campaign decides it)."""
    from generator.io.workbook.export import facts_yaml
    centre.facts["profile"] = _profile_named(campaign)
    return facts_yaml(centre)


def _load_text(text: str, folder: Path):
    from generator.publicity.placement import load_centre
    path = Path(folder) / "centre.yaml"
    path.write_text(text, encoding="utf-8")
    return load_centre(path)


def read_upload(upload, folder: Path, lang: str = "zh"):
    """An uploaded centre file (saved and confined as the stateless pages save uploads), loaded."""
    from generator.criteria.profiles import shipped_profiles
    from generator.publicity.placement import load_centre
    from generator.web import uploads

    if upload is None or not upload.filename:
        raise Refused(422, "web_no_file")
    try:
        path = uploads.save_upload(upload.read(), upload.filename, folder, uploads.FACT_SUFFIXES)
        uploads.confine(path, folder / "zip", shipped_profiles())
        return load_centre(path)
    except InputErrors as errors:
        raise _refuse(errors, lang) from None


def read_mapping(mapping, folder: Path, lang: str = "zh"):
    """A centre fact file sent as JSON, loaded by the same loader (written out as YAML first)."""
    from generator.io.yaml_writer import dump
    if not isinstance(mapping, dict):
        raise Refused(422, "col_bad_json")
    data = dict(mapping)
    data.pop("profile", None)           # the campaign decides the standard; a path is never opened
    data.pop("评估标准", None)
    try:
        return _load_text(dump(data, width=120), folder)
    except InputErrors as errors:
        raise _refuse(errors, lang) from None


def put(store, account, campaign_id, centre, lang: str = "zh") -> str:
    """Keep a loaded centre in the campaign (replacing one of the same name); its name."""
    campaign = need_campaign(store, account, campaign_id)
    need_role(account, "county")
    text = _text_of(centre, campaign)
    try:                     # every banner site must get a slogan: refused now, not at the first download
        made(campaign, text, store.data)
    except InputErrors as errors:
        raise _refuse(errors, lang) from None
    when, field = db.now(), HISTORY_FIELD.format(name=centre.name)
    with store.write() as conn:
        row = conn.execute(sa.select(db.centres).where(db.centres.c.campaign_id == campaign.id,
                                                       db.centres.c.name == centre.name)).first()
        if row is None:
            conn.execute(db.centres.insert().values(campaign_id=campaign.id, name=centre.name, text=text,
                                                    updated_at=when, updated_by=account.name))
        else:
            conn.execute(db.centres.update().where(db.centres.c.id == row.id)
                         .values(text=text, updated_at=when, updated_by=account.name))
        if row is None or row.text != text:
            conn.execute(db.changes.insert().values(campaign_id=campaign.id, school=None, field=field,
                                                    old=row.text if row is not None else None, new=text,
                                                    by=account.name, at=when))
    return centre.name


def listing(store, campaign) -> list:
    """The campaign's centres in the order they were first uploaded: rows (name, text, updated_at, updated_by)."""
    query = sa.select(db.centres).where(db.centres.c.campaign_id == campaign.id).order_by(db.centres.c.id)
    with store.read() as conn:
        return list(conn.execute(query))


def need_centre(store, account, campaign_id, name: str):
    """(campaign, the centre's row) for a reader of the campaign (county, inspector); else 403/404."""
    campaign = need_campaign(store, account, campaign_id)
    need_role(account, "county", "inspector")
    with store.read() as conn:
        row = conn.execute(sa.select(db.centres).where(db.centres.c.campaign_id == campaign.id,
                                                       db.centres.c.name == name)).first()
    if row is None:
        raise Refused(404, "col_no_centre")
    return campaign, row


def export_files(campaign, rows) -> list[tuple[str, bytes]]:
    """centres/<name>.yaml for each centre: what `junheng publicity` reads in the unpacked export."""
    from generator.service.files import unique_file_names
    names = unique_file_names([row.name for row in rows], lambda text: file_name(text, ".yaml"))
    return [(f"{FOLDER}/{name}", row.text.encode("utf-8")) for row, name in zip(rows, names)]


def made(campaign, text: str, data_dir):
    """What `junheng publicity` chooses for the stored centre under the campaign's standard (no themes, count
    or length asked: the CLI's defaults)."""
    from generator.service import publicity
    from generator.service.evaluate import choose_profile

    run = county.options(campaign, data_dir)
    with tempfile.TemporaryDirectory(prefix="junheng-centre-") as folder:
        centre = _load_text(text, Path(folder))
    return publicity.choose(centre, choose_profile(run), run)


def document(campaign, row, kind: str, data_dir) -> tuple[str, str, bytes]:
    """(file name, type, bytes) of one of the centre's publicity documents, as the CLI writes it."""
    from generator.service import publicity
    from generator.service.files import zip_bytes

    if kind not in DOCUMENTS:
        raise Refused(404, "col_no_document", kind=kind)
    tail, mimetype = DOCUMENTS[kind]
    chosen = made(campaign, row.text, data_dir)
    if kind == "publicity.docx":
        data = publicity.scheme_docx(chosen)
    elif kind == "publicity-schools.zip":
        data = zip_bytes(publicity.school_schemes(chosen))
    elif kind in ("slogans.xlsx", "slogans.docx"):
        data = publicity.slogan_list(chosen, kind.endswith(".xlsx"))
    else:
        data = publicity.print_sheet_docx(publicity.slogan_rows(chosen))
    return file_name(row.name, tail), mimetype, data
