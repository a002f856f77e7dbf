"""A stored campaign as a county fact file — the accepted schools inline — and everything computed from it:
the evaluation (what `junheng check --json` prints for the exported county), the documents (the bytes the CLI
writes from the exported county) and the export (.zip of county.yaml and one file per school).

Evaluated once per change: the campaign's change counter keys the cache, and one lock per campaign makes fifty
people opening the board after a change wait for one evaluation instead of running fifty.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from generator.collect import campaigns
from generator.collect.campaigns import Refused

COUNTY_FILE = "county.yaml"
SCHOOLS_DIR = "schools"


def county_mapping(campaign, rows) -> dict:
    """The county file (schools inline) of the campaign over the given school rows."""
    data = {"kind": "county", "name": campaign.county, "year": campaign.year, "profile": campaign.profile}
    for key, value in (campaign.county_facts or {}).items():
        if key not in ("kind", "name", "year", "profile", "schools"):
            data[key] = value
    data["schools"] = [{"kind": "school", **(row.facts or {})} for row in rows]
    return data


def export_files(campaign, rows) -> list[tuple[str, bytes]]:
    """county.yaml naming schools/<school>.yaml, and those files: what a person takes home and
    `junheng check county.yaml` reads."""
    from generator.io.sanitize import file_name
    from generator.io.yaml_writer import dump

    taken, files, paths = set(), [], []
    for row in rows:
        name, extra = file_name(row.name, ".yaml"), 1
        while name.casefold() in taken:
            extra += 1
            name = file_name(f"{row.name}（{extra}）", ".yaml")
        taken.add(name.casefold())
        paths.append(f"{SCHOOLS_DIR}/{name}")
        files.append((f"{SCHOOLS_DIR}/{name}", dump({"kind": "school", **(row.facts or {})}, width=120)))
    county = county_mapping(campaign, [])
    county["schools"] = paths
    head = f"# {campaign.county} {campaign.year}：junheng serve 导出的已审核通过的数据（{len(rows)} 所学校）\n"
    out = [(COUNTY_FILE, (head + dump(county, width=120)).encode("utf-8"))]
    return out + [(path, text.encode("utf-8")) for path, text in files]


def export_zip(campaign, rows) -> bytes:
    from generator.web.service import zip_bytes
    return zip_bytes(export_files(campaign, rows))


def load_exported(campaign, rows, folder: Path):
    """The county as `junheng check` loads the exported files (written to `folder`)."""
    from generator.model.facts import load_facts

    for name, data in export_files(campaign, rows):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return load_facts(folder / COUNTY_FILE)


class Evaluated:
    """One evaluation of a campaign's accepted facts, and the documents made from it (made when first asked)."""

    def __init__(self, changes: int, subject, rules, result):
        self.changes, self.subject, self.rules, self.result = changes, subject, rules, result
        self.documents: dict[str, bytes] = {}
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
            made = Evaluated(campaign.changes, *evaluate(campaign, rows))
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


def evaluate(campaign, rows):
    """(subject, profile, result) of the exported county, loaded as `junheng check` loads it."""
    import tempfile

    from generator.criteria.evaluate import evaluate as run
    from generator.criteria.profile_choice import profile_name
    from generator.criteria.profiles import load_profile
    from generator.web.service import engine

    with tempfile.TemporaryDirectory(prefix="junheng-collect-") as folder:
        subject = load_exported(campaign, rows, Path(folder))
    rules = load_profile(profile_name(None, subject))
    return subject, rules, run(subject, rules, engine())


# ---------------------------------------------------------------- documents
DOCUMENTS = {
    "report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "plan.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ledger.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "least-cost.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "least-cost.json": "application/json",
}


def document(made: Evaluated, kind: str) -> bytes:
    """The document KIND as the CLI writes it from the exported county (no --date: the date left blank)."""
    from generator.web import service

    if kind not in DOCUMENTS:
        raise Refused(404, "col_no_document", kind=kind)
    with made.lock:
        if kind not in made.documents:
            subject, rules, result = made.subject, made.rules, made.result
            if kind == "report.docx":
                made.documents[kind] = service.report_docx(subject, rules, result)
            elif kind in ("plan.docx", "ledger.xlsx"):
                made.documents["plan.docx"], made.documents["ledger.xlsx"] = service.plan_files(
                    subject, rules, result)
            else:
                made.documents["least-cost.docx"], made.documents["least-cost.json"] = \
                    service.least_cost_files(subject, rules, result)
        return made.documents[kind]
