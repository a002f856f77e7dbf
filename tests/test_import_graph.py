"""No import cycles in generator/, counting every import: module level and inside functions alike, and
the package __init__ that importing a submodule runs first; and the layers of README's "Layout" (declared
once, as the import-linter contract in pyproject.toml) run one way, between modules and between packages.

A cycle through a function-level import works at run time, but it ties two modules into one: neither
can be understood, tested or moved without the other. Each former cycle was broken by moving the
shared piece down (engine_cache, terminal_result, io/costs_file, quality_common, the --each-school worker,
web/workspace, and on main criteria/school_verdicts and cv_tables) or by keeping the web pages from importing generator.cli at all.
"""
from __future__ import annotations

import ast
import functools

import pytest

try:
    import tomllib
except ModuleNotFoundError:          # Python 3.10: the tests that read pyproject.toml skip
    tomllib = None

from conftest import REPO
from source_trees import generator_trees

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
    return {module: set(targets) for module, targets in _import_graph().items()}     # a copy to change freely


@functools.cache
def _import_graph() -> dict[str, set[str]]:
    modules = _modules()

    def resolve(name):
        while name and name not in modules:        # generator.x.y.NAME → the module generator.x.y
            name = name.rpartition(".")[0]
        return name or None

    graph = {name: set() for name in modules}
    trees = dict(generator_trees())
    for name, (path, package) in modules.items():
        for node in ast.walk(trees[path.relative_to(REPO).as_posix()]):
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
    assert cycles(import_graph()) == []


def test_the_web_pages_never_import_the_cli():
    graph = import_graph()
    offenders = {name: sorted(m for m in targets if m == "generator.cli" or m.startswith("generator.cli."))
                 for name, targets in graph.items() if name.startswith("generator.web")}
    assert {name: m for name, m in offenders.items() if m} == {}


def test_every_package_is_shipped():
    # a new subpackage (generator/messages/) missing from pyproject.toml installs without it: the installed
    # `junheng` then fails at its first import (tests/test_newest_python.py sees it only where 3.13 exists)
    if tomllib is None:
        pytest.skip("tomllib is Python 3.11+")
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    packages = {".".join(path.parent.relative_to(REPO).parts) for path in GENERATOR.rglob("__init__.py")}
    assert packages - listed == set()


def layers() -> list[set[str]]:
    """The layers of generator/, highest first, as pyproject.toml's import-linter contract declares them
    (each a set of the subpackages and top-level modules it holds; "(name)" marks one that may be absent)."""
    if tomllib is None:
        pytest.skip("tomllib is Python 3.11+")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return [{name.strip().strip("()") for name in layer.replace(":", "|").split("|")}
            for layer in contract["layers"]]


def part_of(module: str) -> str:
    """generator.criteria.measures.base → criteria; generator.numbers → numbers."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "generator"


def package_graph(graph) -> dict[str, set[str]]:
    """The import graph between generator's subpackages and top-level modules."""
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        here = part_of(module)
        packages.setdefault(here, set())
        packages[here] |= {part_of(target) for target in targets if part_of(target) not in (here, "generator")}
    return packages


def test_no_cycle_between_generators_packages():
    # at package level, function-level imports counted: the cycle {model, io, criteria, plan, render}
    # (model → io for the readers, io → render for the verdict workbook, plan → render for a joiner…)
    # is gone, and must stay gone
    assert cycles(package_graph(import_graph())) == []


def test_every_import_goes_down_the_layers():
    order = {name: rank for rank, layer in enumerate(layers()) for name in layer}
    packages = package_graph(import_graph())
    assert set(packages) - {"generator"} <= set(order), "a new subpackage must be given its layer in pyproject.toml"
    upward = sorted(f"{source} → {target}" for source, targets in packages.items() if source in order
                    for target in targets if order[target] < order[source])
    assert upward == []


def test_the_layer_check_sees_an_import_inside_a_function():
    graph = import_graph()
    graph["generator.model.values"] = graph["generator.model.values"] | {"generator.render.terminal"}
    order = {name: rank for rank, layer in enumerate(layers()) for name in layer}
    assert order["render"] < order["model"]
    assert "render" in package_graph(graph)["model"]
    assert cycles(package_graph(graph))            # render reaches model, so this closes a cycle


def test_import_linter_keeps_the_layers_contract():
    # the same contract checked by the tool made for it (grimp reads imports inside functions too)
    lint = pytest.importorskip("importlinter.cli")
    assert lint.lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True) == 0
