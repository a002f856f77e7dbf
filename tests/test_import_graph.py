"""No import cycles in generator/ (review finding 12), counting every import: module level and inside
functions alike, and the package __init__ that importing a submodule runs first.

A cycle through a function-level import works at run time, but it ties two modules into one: neither
can be understood, tested or moved without the other. Each former cycle was broken by moving the
shared piece down (engine_cache, terminal_result, io/costs_file, quality_common, the --each-school worker,
web/workspace, and on main criteria/school_verdicts and cv_tables) or by keeping the web pages from importing generator.cli at all.
"""
from __future__ import annotations

import ast

from conftest import REPO

GENERATOR = REPO / "generator"



def _modules() -> dict[str, tuple]:
    found = {}
    for path in GENERATOR.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, package)
    return found


def import_graph() -> dict[str, set[str]]:
    """module → the generator modules it imports anywhere in its text (ast: every Import / ImportFrom)."""
    modules = _modules()

    def resolve(name):
        while name and name not in modules:        # generator.x.y.NAME → the module generator.x.y
            name = name.rpartition(".")[0]
        return name or None

    graph = {name: set() for name in modules}
    for name, (path, package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:                      # relative: from . import x
                    here = name if package else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        here = here.rpartition(".")[0]
                    base = here + ("." + base if base else "")
                targets = [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                module = resolve(target)
                if module is None or module == name:
                    continue
                graph[name].add(module)
                # importing a.b.c runs a/__init__ and a/b/__init__ first, unless the importer is inside them
                parent = module.rpartition(".")[0]
                while parent:
                    if parent in modules and not (name == parent or name.startswith(parent + ".")):
                        graph[name].add(parent)
                    parent = parent.rpartition(".")[0]
    return graph


def cycles(graph) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_graph_sees_function_level_and_package_imports():
    graph = import_graph()
    # a function-level import (cli/__init__ imports the terminal printer inside `check`)
    assert "generator.render.terminal_result" in graph["generator.cli"]
    # a module-level import, and the function-level one that starts the web application
    assert "generator.criteria.profile_choice" in graph["generator.cli.common"]
    assert "generator.web.app" in graph["generator.cli.serve"]
    # and the cycle finder finds a cycle through a function-level edge
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(toy) == [{"a", "b", "c"}]


def test_no_import_cycles_in_generator():
    # (the last pair, criteria/evaluate.py ↔ evaluate_quality.py, went with main's c6ccba8)
    assert cycles(import_graph()) == []


def test_the_web_pages_never_import_the_cli():
    graph = import_graph()
    offenders = {name: sorted(m for m in targets if m == "generator.cli" or m.startswith("generator.cli."))
                 for name, targets in graph.items() if name.startswith("generator.web")}
    assert {name: m for name, m in offenders.items() if m} == {}


def test_every_package_is_shipped():
    # a new subpackage (generator/messages/) missing from pyproject.toml installs without it: the installed
    # `junheng` then fails at its first import (tests/test_newest_python.py sees it only where 3.13 exists)
    import tomllib
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    packages = {".".join(path.parent.relative_to(REPO).parts) for path in GENERATOR.rglob("__init__.py")}
    assert packages - listed == set()
