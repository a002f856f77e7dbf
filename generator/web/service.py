"""What the pages do: the upload's own checks (its school paths stay inside it, the kind the page needs),
then the calls every front end makes (generator.service). The server keeps nothing, so documents come
back as bytes; PDFs are made by LibreOffice, a bounded number at once."""
from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path, PurePosixPath

from generator.criteria.profiles import shipped_profiles
from generator.errors import InputError, InputErrors
from generator.service import documents, publicity
from generator.service.evaluate import Evaluated, choose_profile as _choose_profile, evaluate_subject, load_file
from generator.service.files import zip_bytes  # noqa: F401  (the routes' .zip downloads)
from generator.service.options import RunOptions
from generator.web import uploads

AUTO = "auto"       # the county file's own profile, else basic-2012 (the CLI's default behaviour)

KIND_WORDS = {"school": "学校", "county": "县（区）", "centre": "中心学校"}


def shipped() -> list[str]:
    return shipped_profiles()


def profile_options() -> list[tuple[str, str]]:
    """(id, Chinese title) of every shipped standard, for the pages' select."""
    from generator.criteria.profile_names import profile_choices
    return profile_choices()


def options(choice: str | None = None, date=None, lang: str = "zh") -> RunOptions:
    """The page's choices as run options: a shipped profile only (a path would open a file on the server)."""
    return RunOptions(profile=None if choice in (AUTO, None, "") else choice, date=date, lang=lang,
                      shipped_only=True)


def engine() -> str:
    """The rules backend, resolved as the CLI's default `--engine auto` resolves it."""
    return RunOptions().backend()


def choose_profile(choice: str, subject):
    return _choose_profile(options(choice), subject)


def load(path: Path, folder: Path, kinds: tuple, allow_empty_county: bool = False, as_stated: bool = False):
    """Validate and load an uploaded fact file; its school paths stay inside the upload."""
    uploads.confine(path, folder / "zip", shipped())
    subject = load_file(path, allow_empty_county=allow_empty_county, as_stated=as_stated)
    if subject.kind not in kinds:
        expected = "或".join(KIND_WORDS[k] for k in kinds)
        raise InputErrors([InputError(path, None, "kind", "web_wrong_kind", expected=expected, got=subject.kind)])
    return subject


def check(path: Path, folder: Path, choice: str):
    """(subject, profile, result) for a school or county: what `junheng check` prints."""
    subject = load(path, folder, ("school", "county"))
    evaluated = evaluate_subject(subject, options(choice))
    return evaluated.subject, evaluated.rules, evaluated.result


def report_docx(subject, rules, result, date=None) -> bytes:
    return documents.report_docx(Evaluated(subject, rules, result), options(date=date))


def plan_files(subject, rules, result, date=None) -> tuple[bytes, bytes]:
    """整改方案 .docx and 整改台账 .xlsx from one plan context, as `junheng plan --ledger` writes them."""
    return documents.plan_files(Evaluated(subject, rules, result), options(date=date))


def plan_docx(subject, rules, result, date=None) -> bytes:
    """The 整改方案 alone, for a page that asks for it alone (the ledger is not made)."""
    return documents.plan_docx(Evaluated(subject, rules, result), options(date=date))


def ledger_xlsx(subject, rules, result, date=None) -> bytes:
    """The 整改台账 alone (the 整改方案 is not rendered)."""
    return documents.plan_ledger(Evaluated(subject, rules, result), options(date=date))


def least_cost_files(subject, rules, result, date=None) -> tuple[bytes, bytes]:
    """The 整改方案 with its 达标测算 section and the plan's JSON (default unit prices)."""
    return documents.least_cost_files(Evaluated(subject, rules, result), options(date=date))


def each_school_reports(subject, rules, date, progress, lang="zh") -> list[tuple[str, bytes]]:
    """One 自查报告 per school of a county (report --each-school), in one .zip."""
    return documents.school_reports(subject, rules, options(date=date, lang=lang), progress)


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


# ---------------------------------------------------------------- centre: publicity and slogans
def centre_documents(path: Path, folder: Path, choices: dict, lang="zh") -> publicity.Publicity:
    """The centre and what `junheng publicity` chooses for it."""
    from generator.publicity.placement import load_centre

    load(path, folder, ("centre",))
    centre = load_centre(path)
    run = options(lang=lang)
    rules = _choose_profile(run, centre)       # the centre file's own profile (shipped only), else basic-2012
    return publicity.choose(centre, rules, run, choices.get("themes") or (), choices.get("count"),
                            choices.get("max_chars"), bool(choices.get("allow_repeat")))


def publicity_docx(made) -> bytes:
    return publicity.scheme_docx(made)


def publicity_each(made, progress) -> list[tuple[str, bytes]]:
    return publicity.school_schemes(made, progress)


def slogan_rows(made):
    return publicity.slogan_rows(made)


def slogan_list(made, as_xlsx: bool) -> bytes:
    return publicity.slogan_list(made, as_xlsx)


def print_sheet(made) -> bytes:
    return publicity.print_sheet_docx(publicity.slogan_rows(made))


# ---------------------------------------------------------------- inspector
def audit(path: Path, folder: Path, choice: str):
    """(subject, profile, result, extraction) as `junheng audit` computes them."""
    from generator.audit.core import audit_facts
    from generator.extract.report import is_report, load_report

    extraction = None
    if is_report(path):
        rules = choose_profile(choice, None)     # a report names no profile
        subject, extraction = load_report(path, profile=rules)
    else:
        subject = load(path, folder, ("school", "county"), allow_empty_county=True, as_stated=True)
        rules = choose_profile(choice, subject)
    return subject, rules, audit_facts(subject, rules, engine=engine()), extraction


def opinion_docx(result, subject, rules, lang="zh", extraction=None) -> bytes:
    """The 督导核查意见 as `junheng audit -o` writes it."""
    return documents.opinion_docx(result, rules, subject, options(lang=lang), extraction=extraction)
