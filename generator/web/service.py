"""What the pages do, in the same calls the CLI verbs make (generator/cli*.py): load_facts,
load_profile, evaluate, the report/plan/publicity/slogan context builders, render_docx, the
ledger, audit_facts and convert_many_to_pdf. Nothing here words a rule or fills a template
its own way; it only returns bytes instead of writing files, since the server keeps nothing.
"""
from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path, PurePosixPath

from generator.errors import InputError, InputErrors
from generator.web import uploads

AUTO = "auto"       # the county file's own profile, else basic-2012 (the CLI's default behaviour)

KIND_WORDS = {"school": "学校", "county": "县（区）", "centre": "中心学校"}


def shipped() -> list[str]:
    from generator.criteria.profiles import shipped_profiles
    return shipped_profiles()


def engine() -> str:
    """The rules backend, resolved as the CLI's default `--engine auto` resolves it."""
    from generator.criteria.engine import resolve
    return resolve(None)[0]


def choose_profile(choice: str, subject):
    """The profile the page uses, chosen as the CLI chooses (criteria.profile_choice.profile_name: the page's
    choice, else the file's own, else basic-2012) — but a shipped name only: a path would open
    a file on the server."""
    from generator.criteria.profile_choice import profile_name
    from generator.criteria.profiles import load_profile

    names = shipped()
    name = profile_name(None if choice in (AUTO, None, "") else choice, subject)
    if name not in names:
        raise InputErrors([InputError(None, None, "profile", "web_profile_shipped",
                                      known="、".join(names), name=name or choice)])
    return load_profile(name)


def load(path: Path, folder: Path, kinds: tuple, allow_empty_county: bool = False):
    """Validate and load an uploaded fact file; its school paths stay inside the upload."""
    from generator.io.facts import load_facts

    uploads.confine(path, folder / "zip", shipped())
    subject = load_facts(path, allow_empty_county=allow_empty_county)
    if subject.kind not in kinds:
        expected = "或".join(KIND_WORDS[k] for k in kinds)
        raise InputErrors([InputError(path, None, "kind", "web_wrong_kind", expected=expected, got=subject.kind)])
    return subject


def check(path: Path, folder: Path, choice: str):
    """(subject, profile, result) for a school or county: what `junheng check` prints."""
    from generator.criteria.evaluate import evaluate

    subject = load(path, folder, ("school", "county"))
    rules = choose_profile(choice, subject)
    return subject, rules, evaluate(subject, rules, engine())


def report_docx(subject, rules, result, date=None) -> bytes:
    from generator.render.document_kinds import report_document
    from generator.render.documents import render_docx_bytes
    from generator.render.documents_meta import document_metadata
    from generator.render.prose import for_print

    context, _, template = report_document(subject, result, rules, date)
    return render_docx_bytes(template, for_print(context), document_metadata(result, rules))


def plan_files(subject, rules, result, date=None) -> tuple[bytes, bytes]:
    """整改方案 .docx and 整改台账 .xlsx from one plan context, as `junheng plan --ledger` writes them."""
    from generator.render.document_kinds import plan_document
    from generator.render.documents import render_docx_bytes
    from generator.render.documents_meta import document_metadata
    from generator.render.prose import for_print
    from generator.render.ledger import ledger_bytes
    from generator.io.costs_file import load_costs

    context, _, template = plan_document(subject, result, rules, costs=load_costs(None), date=date)
    return render_docx_bytes(template, for_print(context), document_metadata(result, rules)), ledger_bytes(context)


def least_cost_files(subject, rules, result, date=None) -> tuple[bytes, bytes]:
    """The 整改方案 with its 达标测算 section and the plan's JSON, the bytes `junheng plan COUNTY
    --least-cost -o X.docx --date D` and `--least-cost --json` write (default unit prices)."""
    from generator.render.least_cost_document import least_cost_docx, least_cost_document
    from generator.plan.least_cost import least_cost_plan
    from generator.render.least_cost_output import to_json
    from generator.io.costs_file import load_costs

    costs = load_costs(None)
    plan = least_cost_plan(subject, rules, costs, result, engine=engine())
    doc, template = least_cost_document(subject, rules, result, plan, costs, date=date)
    return least_cost_docx(doc, template, result, rules), (to_json(plan) + "\n").encode("utf-8")


def each_school_reports(subject, rules, date, progress, lang="zh") -> list[tuple[str, bytes]]:
    """One 自查报告 per school of a county (report --each-school), plus a list of schools not written."""
    from generator.render.school_report_job import school_file_name
    from generator.render.document_kinds import report_document
    from generator.render.documents import render_docx_bytes
    from generator.render.documents_meta import document_metadata
    from generator.render.prose import for_print
    from generator.criteria.evaluate import evaluate

    files, taken = [], set()
    progress(0, len(subject.schools))
    for number, school in enumerate(subject.schools, 1):
        result = evaluate(school, rules, engine())
        name, extra = school_file_name(school.name), 1
        while name in taken:
            extra += 1
            name = school_file_name(f"{school.name}（{extra}）")
        taken.add(name)
        context, _, template = report_document(school, result, rules, date)
        files.append((name, render_docx_bytes(template, for_print(context), document_metadata(result, rules))))
        progress(number, len(subject.schools))
    return files


# ---------------------------------------------------------------- PDF, bounded
class Converter:
    """LibreOffice conversions: at most `slots` at once, each bounded in time."""

    def __init__(self, slots: int = 1, timeout: int = 180, wait: int = 600):
        self.slots = threading.BoundedSemaphore(max(1, slots))
        self.timeout, self.wait = timeout, wait

    def to_pdf(self, files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        """(name.docx, bytes) → (name.pdf, bytes), in one LibreOffice run."""
        from generator.render.pdf import convert_many_to_pdf, soffice_command

        if soffice_command() is None:
            raise InputErrors([InputError(None, None, None, "soffice_missing")])
        if not self.slots.acquire(timeout=self.wait):
            raise InputErrors([InputError(None, None, None, "web_pdf_busy")])
        folder = Path(tempfile.mkdtemp(prefix="junheng-web-pdf-"))
        try:
            paths = []
            for number, (name, data) in enumerate(files):
                # fixed names on disk (the school name is only the name inside the .zip)
                path = folder / f"d{number:04d}.docx"
                path.write_bytes(data)
                paths.append(path)
            produced = convert_many_to_pdf(paths, timeout=self.timeout)
            try:
                return [(PurePosixPath(name).with_suffix(".pdf").as_posix(), pdf.read_bytes())
                        for (name, _), pdf in zip(files, produced)]
            finally:
                shutil.rmtree(produced[0].parent, ignore_errors=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            self.slots.release()


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A .zip whose names are UTF-8 (flagged), which Windows Explorer and WPS read."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))   # same input, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# ---------------------------------------------------------------- centre: publicity and slogans
def centre_documents(path: Path, folder: Path, options: dict, lang="zh") -> dict:
    """The centre and what `junheng publicity` chooses for it (render/slogan_choice.publicity_choice)."""
    from generator.publicity.choice import publicity_choice
    from generator.publicity.placement import load_centre

    load(path, folder, ("centre",))
    centre = load_centre(path)
    rules = choose_profile(AUTO, centre)         # the centre file's own profile (shipped only), else basic-2012
    words, corpus, themes, chosen, placements = publicity_choice(
        centre, rules, options.get("themes") or (), options.get("count"), options.get("max_chars"),
        bool(options.get("allow_repeat")), lang)
    return {"centre": centre, "words": words, "corpus": corpus, "themes": themes, "chosen": chosen,
            "placements": placements, "max_chars": options.get("max_chars")}


def publicity_docx(made: dict) -> bytes:
    from generator.render.documents import render_docx_bytes
    from generator.publicity.scheme import centre_context
    return render_docx_bytes("publicity.docx", centre_context(made["centre"], made["placements"], made["chosen"],
                                                              made["words"]))


def publicity_each(made: dict, progress) -> list[tuple[str, bytes]]:
    from generator.render.documents import render_docx_bytes
    from generator.publicity.scheme import school_context, school_file_name

    centre = made["centre"]
    files, taken = [], set()
    progress(0, len(centre.schools))
    for number, school in enumerate(centre.schools, 1):
        name, extra = school_file_name(school["name"]), 1
        while name in taken:
            extra += 1
            name = school_file_name(f"{school['name']}（{extra}）")
        taken.add(name)
        files.append((name, render_docx_bytes("publicity-school.docx", school_context(
            centre, school["name"], made["placements"], made["chosen"], made["words"]))))
        progress(number, len(centre.schools))
    return files


def slogan_rows(made: dict):
    from generator.publicity.slogan_lists import list_rows
    return list_rows(made["chosen"], made["placements"])


def slogan_list(made: dict, as_xlsx: bool) -> bytes:
    """标语横幅清单 as `junheng slogans --centre … -o` writes it (.docx or .xlsx)."""
    from generator.publicity.choice import list_context
    from generator.render.documents import render_docx_bytes
    from generator.publicity.slogan_lists import workbook_bytes

    rows, title, name = slogan_rows(made), made["words"]["list_title"], made["centre"].name
    if as_xlsx:
        return workbook_bytes(rows, f"{title}　{name}".strip())
    return render_docx_bytes("slogans.docx", list_context(rows, made["corpus"], made["themes"], made["max_chars"],
                                                          title, name))


def print_sheet(made: dict) -> bytes:
    from generator.render.documents import render_docx_bytes
    from generator.publicity.slogan_lists import print_pages
    return render_docx_bytes("slogans-print.docx", {"pages": print_pages(slogan_rows(made))})


# ---------------------------------------------------------------- inspector
def audit(path: Path, folder: Path, choice: str):
    """(subject, profile, result, extraction) as `junheng audit` computes them."""
    from generator.audit.core import audit_facts
    from generator.extract.report import is_report, load_report

    extraction = None
    if is_report(path):
        subject, extraction = load_report(path)
    else:
        subject = load(path, folder, ("school", "county"), allow_empty_county=True)
    rules = choose_profile(choice, subject)
    return subject, rules, audit_facts(subject, rules, engine=engine()), extraction


def opinion_docx(result, subject, rules, lang="zh") -> bytes:
    """The 督导核查意见 as `junheng audit -o` writes it (cli/audit.py write_opinion)."""
    from generator.audit.opinion import OPINION_TEMPLATE, opinion_context
    from generator.render.documents import render_docx_bytes
    from generator.resources import templates_dir
    return render_docx_bytes(templates_dir() / OPINION_TEMPLATE, opinion_context(result, subject, lang),
                             {"generator": "junheng", "profile": rules.id, "engine": engine()})
