"""What a run is asked to do, in one frozen record: the CLI fills it from its options, the web from a
page's form, the collection server from its request. Every service call takes it instead of a long list
of positional arguments."""
from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class RunOptions:
    """profile: a shipped name or a profile file; None = the facts' own `profile:`, else basic-2012.
    engine: auto | durable | native (None = auto). date / deadline: already read (render.date_option).
    costs / measures: the county's own unit costs and measures library (None = the shipped ones).
    template: the user's own .docx for the document asked for (None = the standard's own).
    shipped_only: refuse a profile that is not a shipped name — a server must not open a path it is sent.
    """
    profile: str | None = None
    engine: str | None = None
    lang: str = "zh"
    date: datetime.date | None = None
    deadline: datetime.date | None = None
    costs: str | Path | None = None
    measures: str | Path | None = None
    template: str | Path | None = None
    force: bool = False
    shipped_only: bool = False

    def replace(self, **changes) -> "RunOptions":
        return dataclasses.replace(self, **changes)

    def backend(self) -> str:
        """The rules backend that decides: auto resolved (durable where it can run, else native)."""
        if self.engine in ("durable", "native"):
            return self.engine
        from generator.criteria.engine import resolve
        return resolve(self.engine)[0]
