"""README's "Imports inside functions", checked: an import stays inside a function only where it loads something
importing the module does not load already.

A module's start is what importing it runs: its own top-level imports, its packages' __init__s, and theirs in
turn (imports inside functions and under `if TYPE_CHECKING:` run later or never). Inside a function,
- a generator module already in that start is a redundant lazy import: it only hides a dependency;
- a standard-library module is imported at the top, except the few listed below with their reason;
- a third-party library is lazy only if it is one of the heavy ones below (what a verb or a page needs for
  one document, one workbook, one server) and the module's start does not load it already.
Each offender is reported as file:line and why.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field

from source_trees import generator_trees

# Standard-library modules a function may import, and why not at the top.
STDLIB_LAZY = {
    "winreg": "Windows only: finding LibreOffice in the registry",
    "sqlite3": "`collect backup` only: its C library would load at every start of the command line",
    "multiprocessing": "the process pool of `report --each-school`: worker processes are started only there",
    "concurrent": "the process pool of `report --each-school`: worker processes are started only there",
}

# Third-party libraries a function may import (when the module's start does not already load them).
HEAVY = {
    "docxtpl": "documents: the .docx renderer, loaded for a document only",
    "docx": "documents: python-docx, loaded for a document only",
    "lxml": "documents: the XML of a .docx, loaded for a document only",
    "jinja2": "documents and pages: the template engine, loaded for a document or a page only",
    "openpyxl": "workbooks: loaded when a workbook is read or written",
    "flask": "the web application: loaded by `serve` and the collection server only",
    "werkzeug": "the web application: loaded by `serve` and the collection server only",
    "waitress": "the web server: optional, loaded when a server starts",
    "sqlalchemy": "the collection database: loaded by `collect` only",
    "alembic": "the collection database's migrations: loaded by `collect` only",
    "argon2": "password hashing: loaded by the collection accounts only",
    "durable": "the durable-rules engine: optional, loaded when it is the engine chosen",
    "rich": "the terminal printer: loaded when a verb prints",
}

# What importing a heavy library loads with it (so a module that imports flask at its top does not also
# import werkzeug inside a function).
LOADS_WITH = {
    "flask": {"werkzeug", "jinja2", "click", "markupsafe", "itsdangerous"},
    "docxtpl": {"docx", "jinja2", "lxml"},
    "docx": {"lxml"},
    "alembic": {"sqlalchemy"},
}


@dataclass
class _Module:
    name: str
    path: str
    package: bool
    top_generator: set[str] = field(default_factory=set)     # generator modules its top imports
    top_external: set[str] = field(default_factory=set)      # other top-level names its top imports
    lazy: list[tuple[int, str, str]] = field(default_factory=list)   # (line, "generator"|"external", name)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _parse(sources) -> dict[str, _Module]:
    modules = {}
    for path, tree in sources:
        parts = path.removesuffix(".py").split("/")
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        modules[".".join(parts)] = (_Module(".".join(parts), path, package), tree)

    def resolve(name):                      # generator.x.y.NAME → the module generator.x.y
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def targets(module: _Module, node):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                here = module.name if module.package else module.name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    here = here.rpartition(".")[0]
                base = here + ("." + base if base else "")
            if base.split(".")[0] != "generator":
                names = [base]
            else:
                names = [f"{base}.{alias.name}" for alias in node.names]
        found = []
        for name in names:
            if name.split(".")[0] == "generator":
                module_name = resolve(name)
                if module_name and module_name != module.name:
                    found.append(("generator", module_name))
            elif name != "__future__":
                found.append(("external", name.split(".")[0]))
        return list(dict.fromkeys(found))          # `from a import x, y` is one import of a

    def walk(module: _Module, node, inside: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and not inside and _is_type_checking(child):
                continue                    # never run: neither the start nor a lazy import
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for kind, name in targets(module, child):
                    if inside:
                        module.lazy.append((child.lineno, kind, name))
                    elif kind == "generator":
                        module.top_generator.add(name)
                    else:
                        module.top_external.add(name)
            walk(module, child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    for module, tree in modules.values():
        walk(module, tree, False)
    return {name: module for name, (module, _) in modules.items()}


def _parents(name: str, modules) -> list[str]:
    """The packages whose __init__ importing `name` runs first."""
    found, parent = [], name.rpartition(".")[0]
    while parent:
        if parent in modules:
            found.append(parent)
        parent = parent.rpartition(".")[0]
    return found


def _start(name: str, modules) -> dict[str, str | None]:
    """Every generator module importing `name` loads, each with the module that brought it in (a tree to
    walk back: the chain an offender's message shows)."""
    came_from: dict[str, str | None] = {}
    todo = [(name, None)]
    while todo:
        current, source = todo.pop()
        if current in came_from:
            continue
        came_from[current] = source
        edges = set(modules[current].top_generator)
        for target in list(edges):
            edges.update(p for p in _parents(target, modules) if not current.startswith(p + "."))
        edges.update(_parents(current, modules))
        todo.extend((target, current) for target in sorted(edges, reverse=True))
    return came_from


def _chain(target: str, came_from) -> str:
    links = [target]
    while came_from[links[-1]] is not None:
        links.append(came_from[links[-1]])
    return " → ".join(reversed(links))


def lazy_import_offenders(sources) -> list[str]:
    """`path:line: why` for each import inside a function the rule refuses; `sources` is (path, tree) pairs."""
    modules = _parse(sources)
    offenders = []
    for name, module in sorted(modules.items()):
        started = _start(name, modules)
        external: dict[str, str] = {}             # library → the module whose top imports it
        for loaded in started:
            for library in modules[loaded].top_external:
                for also in {library} | LOADS_WITH.get(library, set()):
                    external.setdefault(also, loaded)
        for line, kind, target in module.lazy:
            where = f"{module.path}:{line}"
            if kind == "generator":
                if target in started:
                    offenders.append(f"{where}: {target} is loaded when {name} is imported "
                                     f"({_chain(target, started)}): import it at the top")
            elif target in external:
                offenders.append(f"{where}: {target} is loaded when {name} is imported (by {external[target]}): "
                                 f"import it at the top")
            elif target in sys.stdlib_module_names:
                if target not in STDLIB_LAZY:
                    offenders.append(f"{where}: {target} is the standard library: import it at the top "
                                     f"(or list it in STDLIB_LAZY with the reason it must wait)")
            elif target not in HEAVY:
                offenders.append(f"{where}: {target} is not one of the heavy libraries: import it at the top "
                                 f"(or list it in HEAVY with the reason it must wait)")
    return offenders


def test_no_redundant_or_unlisted_import_inside_a_function():
    offenders = lazy_import_offenders(generator_trees())
    assert offenders == [], f"{len(offenders)} imports inside functions:\n" + "\n".join(offenders)


def test_every_listed_standard_library_exception_is_still_used():
    # (HEAVY is the policy — which libraries may wait — not a list of exceptions; flask may be in no function)
    used = {target for module in _parse(generator_trees()).values() for _, kind, target in module.lazy
            if kind == "external"}
    assert set(STDLIB_LAZY) - used == set()


def _toy(**files: str):
    return [(path.replace("__", "/").replace("/init", "/__init__") + ".py", ast.parse(text))
            for path, text in files.items()]


def test_the_check_finds_each_kind_of_offender():
    sources = _toy(
        generator__init="",
        generator__a__init="import openpyxl\n",
        generator__a__low="import json\n",
        generator__a__mid="from generator.a.low import x\n",
        generator__b="from generator.a import mid\n"
                     "def f():\n"
                     "    from generator.a.low import x      # loaded via a.mid\n"
                     "    import generator.c                 # not loaded: fine\n"
                     "    import re                          # standard library, not listed\n"
                     "    import winreg                      # listed\n"
                     "    import openpyxl                    # loaded via generator.a's __init__\n"
                     "    import docxtpl                     # heavy, not loaded: fine\n"
                     "    import yaml                        # light\n",
        generator__c="import flask\n"
                     "class K:\n"
                     "    def g(self):\n"
                     "        import werkzeug                # comes with flask\n",
    )
    offenders = lazy_import_offenders(sources)
    assert offenders == [
        "generator/b.py:3: generator.a.low is loaded when generator.b is imported "
        "(generator.b → generator.a.mid → generator.a.low): import it at the top",
        "generator/b.py:5: re is the standard library: import it at the top "
        "(or list it in STDLIB_LAZY with the reason it must wait)",
        "generator/b.py:7: openpyxl is loaded when generator.b is imported (by generator.a): import it at the top",
        "generator/b.py:9: yaml is not one of the heavy libraries: import it at the top "
        "(or list it in HEAVY with the reason it must wait)",
        "generator/c.py:4: werkzeug is loaded when generator.c is imported (by generator.c): import it at the top",
    ]


def test_a_type_checking_import_is_no_part_of_the_start():
    sources = _toy(
        generator__init="",
        generator__low="",
        generator__top="from typing import TYPE_CHECKING\n"
                       "if TYPE_CHECKING:\n"
                       "    from generator import low\n"
                       "def f():\n"
                       "    from generator import low\n",
    )
    assert lazy_import_offenders(sources) == []


# What `junheng --help` (and a bad option) may load: the verbs' definitions and their words, nothing that reads
# facts, judges them or writes a document (README: the verbs load those when they run).
HELP_MAY_LOAD = {
    "generator", "generator.cli", "generator.errors", "generator.i18n", "generator.limits", "generator.messages",
    "generator.model", "generator.model.schema",                       # --stage's choices
    "generator.criteria", "generator.criteria.engine", "generator.criteria.profile_choice",   # option defaults
    "generator.render", "generator.render.console", "generator.render.field_docs",
}
HELP_NEVER_LOADS = ("yaml", "rich", "openpyxl", "docxtpl", "docx", "jinja2", "flask", "sqlalchemy", "durable")


def test_the_help_loads_no_engine_reader_or_renderer():
    # in a fresh interpreter: what importing the command line (all a --help needs) puts in sys.modules
    import json
    import os
    import subprocess
    from conftest import REPO
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    loaded = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, sys; import generator.cli; print(json.dumps(sorted(sys.modules)))"],
        cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout)
    ours = {name for name in loaded if name == "generator" or name.startswith("generator.")}
    extra = sorted(name for name in ours if name not in HELP_MAY_LOAD
                   and not name.startswith(("generator.cli.", "generator.messages.")))
    assert extra == []
    assert [name for name in HELP_NEVER_LOADS if name in loaded] == []
