"""Message tables of every area (ids → zh / en), merged by generator.i18n when it is first imported.

One file per area (io, render, cli, audit, web, plan, service); the core input errors and the verdict words stay in
generator/i18n.py itself. Nothing here imports i18n or any module that shows the words, so every message
exists whatever was imported first, and no front end imports another only to register words.
"""
from __future__ import annotations

from generator.messages import audit, cli, collect, io, plan, render, service, web

TABLES = (*io.TABLES, *render.TABLES, *cli.TABLES, *audit.TABLES, *web.TABLES, *plan.TABLES, *collect.TABLES,
          *service.TABLES)
