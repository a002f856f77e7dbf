"""A stored campaign as a county fact file — the accepted schools inline — and everything computed from it:
the evaluation (what `junheng check --json` prints for the exported county), the documents (the bytes the CLI
writes from the exported county) and the export (.zip of county.yaml and one file per school).

Evaluated once per change: the campaign's change counter keys the cache, and one lock per campaign makes fifty
people opening the board after a change wait for one evaluation instead of running fifty.
"""
from __future__ import annotations

import threading
from pathlib import Path
from collections import OrderedDict

from generator.collect import campaigns
from generator.collect.campaigns import Refused
from generator.collect import standards
from generator.errors import InputErrors
from generator.sanitize import file_name

COUNTY_FILE = "county.yaml"
PROFILE_FILE = "profile.yaml"
SCHOOLS_DIR = "schools"


def county_mapping(campaign, rows) -> dict:
    """The county file (schools inline) of the campaign over the given school rows."""
    data = {"kind": "county", "name": campaign.county, "year": campaign.year, "profile": campaign.profile}
    for key, value in (campaign.county_facts or {}).items():
        if key not in ("kind", "name", "year", "profile", "schools"):
            data[key] = value
    data["schools"] = [{"kind": "school", **(row.facts or {})} for row in rows]
    return data


def export_files(campaign, rows, data_dir=None, extra=()) -> list[tuple[str, bytes]]:
    """county.yaml naming schools/<school>.yaml, and those files: what a person takes home and
    `junheng check county.yaml` reads. A campaign under the county's own standard adds it as profile.yaml
    (county.yaml says `profile: profile.yaml`: run `junheng check` in the unpacked folder, or give
    `--profile profile.yaml`). `extra` follows: the campaign's centre schools as centres/<centre>.yaml
    (collect.centres.export_files; `junheng publicity` reads them)."""
    from generator.io.yaml_writer import dump
    from generator.service.files import unique_file_names

    files, paths = [], []
    names = unique_file_names([row.name for row in rows], lambda text: file_name(text, ".yaml"))
    for row, name in zip(rows, names):
        paths.append(f"{SCHOOLS_DIR}/{name}")
        files.append((f"{SCHOOLS_DIR}/{name}", dump({"kind": "school", **(row.facts or {})}, width=120)))
    county = county_mapping(campaign, [])
    county["schools"] = paths
    own = []
    if standards.is_own(campaign.profile) and data_dir is not None:
        county["profile"] = PROFILE_FILE
        own = [(PROFILE_FILE, (Path(data_dir) / campaign.profile).read_bytes())]
    head = f"# {campaign.county} {campaign.year}：junheng serve 导出的已审核通过的数据（{len(rows)} 所学校）\n"
    out = [(COUNTY_FILE, (head + dump(county, width=120)).encode("utf-8"))] + own
    return out + [(path, text.encode("utf-8")) for path, text in files] + list(extra)


def export_zip(campaign, rows, data_dir=None, extra=()) -> bytes:
    from generator.service.files import zip_bytes
    return zip_bytes(export_files(campaign, rows, data_dir, extra))


def options(campaign, data_dir):
    """The run options of a campaign: its standard (a shipped one, or the county's own file checked when it was
    uploaded: collect/standards.py), the default backend, no date (as the CLI without --date: the date left
    blank), the shipped unit costs and measures."""
    from generator.service.options import RunOptions
    own = standards.is_own(campaign.profile)
    return RunOptions(profile=standards.path_of(data_dir, campaign.profile), shipped_only=not own)


class Evaluated:
    """One evaluation of a campaign's accepted facts, and the documents made from it (made when first asked)."""

    def __init__(self, changes: int, campaign, evaluated):
        self.changes, self.campaign, self.evaluated = changes, campaign, evaluated
        self.subject, self.rules, self.result = evaluated.subject, evaluated.rules, evaluated.result
        self.documents: dict[str, bytes] = {}
        self.plan = None                 # the least-cost plan, once its documents are made
        self.lock = threading.Lock()
        self._json = None

    def json_text(self) -> str:
        if self._json is None:
            from generator.render.terminal import to_json
            self._json = to_json(self.result)
        return self._json


class Evaluations:
    """The cache: campaign id → its latest Evaluated, recomputed only when the change counter moved."""

    def __init__(self, store, size: int = 16):
        self.store, self.size = store, size
        self._cache: OrderedDict[int, Evaluated] = OrderedDict()
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()
        self.computed = 0          # how many evaluations ran (the benchmark and the tests read it)

    def _lock(self, campaign_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(campaign_id, threading.Lock())

    def get(self, campaign) -> Evaluated:
        changes = campaigns.changes_counter(self.store, campaign.id)
        with self._lock(campaign.id):
            cached = self._cache.get(campaign.id)
            if cached is not None and cached.changes == changes:
                with self._guard:
                    self._cache.move_to_end(campaign.id)
                return cached
            # read the rows and the counter together-enough: a change after this read bumps the counter again
            campaign = campaigns.need_campaign(self.store, _Reader(campaign.county), campaign.id)
            rows = campaigns.stored_schools(self.store, campaign)
            if not rows:
                raise Refused(409, "col_nothing_accepted")
            made = Evaluated(campaign.changes, campaign, evaluate(campaign, rows, self.store.data))
            made.options = options(campaign, self.store.data)
            self.computed += 1
            with self._guard:
                self._cache[campaign.id] = made
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
            return made


class _Reader:
    """The cache reads as a county reader would: the campaign's own county."""

    role = "inspector"
    school = None

    def __init__(self, county):
        self.county = county


def evaluate(campaign, rows, data_dir):
    """The county of the accepted facts, held in memory with its schools inline, judged by the service layer
    as its exported fact file is (tests/test_collect_api.py compares the two on every shipped sample). Each part
    was checked when it was stored; should the whole still be refused (a standard's file gone), the answer is
    422 with the loader's words, never a 500."""
    from generator.service.evaluate import evaluate_mapping
    try:
        return evaluate_mapping(county_mapping(campaign, rows), options(campaign, data_dir), label=COUNTY_FILE)
    except InputErrors as errors:
        raise Refused(422, "col_unusable", errors=[{"field": e.key or "", "message": e.describe(), "incomplete": False}
                                                   for e in errors.errors]) from None


# ---------------------------------------------------------------- documents
DOCUMENTS = {
    "report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "plan.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ledger.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "least-cost.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "least-cost.json": "application/json",
    "county.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "schools.zip": "application/zip",          # 各校自查报告: `junheng report --each-school -o DIR/`, zipped
}
# the file name a download is offered under, after the county's name and year
DOCUMENT_NAMES = {"report.docx": "自查报告.docx", "plan.docx": "整改方案.docx", "ledger.xlsx": "整改台账.xlsx",
                  "least-cost.docx": "整改方案（达标测算）.docx", "least-cost.json": "达标测算.json",
                  "county.xlsx": "填报表.xlsx", "schools.zip": "各校自查报告.zip"}


def document(made: Evaluated, kind: str) -> bytes:
    """The document KIND as the CLI writes it from the exported county (no --date: the date left blank)."""
    from generator.service import documents

    if kind not in DOCUMENTS:
        raise Refused(404, "col_no_document", kind=kind)
    with made.lock:
        if kind not in made.documents:
            run = made.options
            if kind == "report.docx":
                made.documents[kind] = documents.report_docx(made.evaluated, run)
            elif kind == "plan.docx":          # only what is asked: the ledger is made when it is asked
                made.documents[kind] = documents.plan_docx(made.evaluated, run)
            elif kind == "ledger.xlsx":
                made.documents[kind] = documents.plan_ledger(made.evaluated, run)
            elif kind == "county.xlsx":       # the accepted facts as the county's fill-in workbook (`junheng export`)
                made.documents[kind] = documents.export_files(made.subject)[0][1]
            elif kind == "schools.zip":       # one 自查报告 per accepted school, each judged on its own
                from generator.service.files import zip_bytes
                made.documents[kind] = zip_bytes(documents.school_reports(made.subject, made.rules, run))
            else:
                made.plan, made.documents["least-cost.docx"], made.documents["least-cost.json"] = \
                    documents.least_cost_made(made.evaluated, run)
        return made.documents[kind]
