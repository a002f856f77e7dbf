"""Benchmark: 1,000 school 自查报告 (.docx), junheng against the naive docxtpl loop (the baseline).

    python bench/bench_docs.py            # 1,000 reports
    python bench/bench_docs.py 200        # fewer, for a quick look
    python bench/bench_docs.py --tiny     # a handful: what the test suite runs, so the benchmark cannot rot

The same 1,000 different schools (seeded) are judged and their reports' contexts built beforehand (timed
apart, not in the comparison); then each loop renders them into the same template and writes every file:

- baseline (naive, printed in the same run): what a script would do with docxtpl directly — DocxTemplate(path)
  afresh for each document, render(context) in a sandboxed autoescaping environment with the templates'
  own filter (centre_over), save();
- junheng: generator.render.documents (the renderer generator.service.documents.docx calls) — the template
  prepared once per process (docxtpl's patch_xml, the Jinja source compiled once), docxtpl's passes run only
  where they change something (generator.render.docx_passes), untouched zip members copied as bytes, atomic
  write; in one process, and in one spawned worker process per core as `report --each-school` runs;
- end to end: `report --each-school`'s path (facts → verdicts → context → .docx through generator.service,
  what every document shares read once per process) in worker processes.

Prints documents per second and the speed-up over the baseline. Target: ≥ 20× the naive loop with the
cores of a 2-core machine. On a machine shared with other work the wall times swell with its load; the CPU
times do not, so the last line also says what the CPU times promise for an idle machine: the baseline's CPU
per report against the worker processes' CPU per report (their start-up included) divided by the cores.
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

TINY = 4


def make_schools(count: int) -> list[dict]:
    """count different primary schools (seeded), as the mappings a fact file parses to."""
    rng = random.Random(20240901)
    schools = []
    for number in range(count):
        students = rng.randint(120, 2400)
        classes = max(6, students // 45)
        schools.append({
            "kind": "school", "name": f"第{number + 1}小学", "stage": "primary", "ownership": "public",
            "location": rng.choice(["urban", "town", "rural"]), "province": "示例省", "county": "清河县",
            "students": students, "classes": classes, "teachers": students // 19,
            "teachers_above_required_degree": students // 25, "teachers_mid_senior_title": students // 50,
            "land_area_m2": round(students * rng.uniform(8, 25), 1),
            "building_area_m2": round(students * rng.uniform(3.5, 7), 1),
            "teaching_aux_area_m2": round(students * rng.uniform(2.5, 5), 1),
            "sports_area_m2": round(students * rng.uniform(3, 9), 1),
            "equipment_value_yuan": students * rng.randint(300, 1500),
            "books": int(students * rng.uniform(9, 25)), "computers": int(students / rng.uniform(5, 11)),
            "multimedia_classrooms": classes - rng.randint(0, 2),
            "internet_bandwidth_mbps": rng.choice([50, 100, 200]),
            "labs": {"science": rng.choice([0, 1, 1])}, "courses_complete": rng.random() > 0.1,
            "network_space_rate": round(rng.uniform(0.6, 1.0), 2), "qualified_degree_rate": 1.0,
        })
    return schools


def _judged(data, options):
    from generator.service.evaluate import evaluate_mapping
    return evaluate_mapping(data, options, label=f"{data['name']}.yaml")


def make_documents(schools, options) -> list[tuple[str, dict, dict]]:
    """Each school judged and its report's (template, printed context, metadata) made, as
    generator.service.documents.docx would hand them to the renderer."""
    from generator.render.documents_meta import document_metadata
    from generator.render.prose import for_print
    from generator.service.documents import report

    made = []
    for data in schools:
        evaluated = _judged(data, options)
        document = report(evaluated, options)
        made.append((str(document.template), for_print(document.context),
                     document_metadata(evaluated.result, evaluated.rules)))
    return made


def run_naive(documents, folder: Path) -> None:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    from generator.render.prose import centre_over
    for number, (template, context, _metadata) in enumerate(documents):
        env = SandboxedEnvironment(autoescape=True)
        env.filters["centre_over"] = centre_over        # the templates' own filter (署名 over the date)
        document = DocxTemplate(str(REPO / "doc_templates" / template))
        document.render(context, env, autoescape=True)
        document.save(str(folder / f"{number}.docx"))


def _render_all(documents, folder, start=0) -> int:
    from generator.io.writing import write_bytes_atomic
    from generator.render.documents import prepare
    for offset, (template, context, metadata) in enumerate(documents):
        write_bytes_atomic(Path(folder) / f"{start + offset}.docx", prepare(template).render(context, metadata))
    return len(documents)


def run_junheng(documents, folder: Path) -> None:
    _render_all(documents, folder)


def _worker(args) -> int:
    return _render_all(*args)


def run_parallel(documents, folder: Path, workers: int) -> None:
    import multiprocessing
    size = -(-len(documents) // workers)
    chunks = [(documents[i:i + size], str(folder), i) for i in range(0, len(documents), size)]
    # spawn, as `report --each-school` does: each worker pays for its own imports and template
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert sum(pool.map(_worker, chunks)) == len(documents)


def _end_to_end_worker(args) -> int:
    from generator.io.writing import write_bytes_atomic
    from generator.service.documents import report_docx
    schools, folder, start, options = args
    for offset, data in enumerate(schools):
        write_bytes_atomic(Path(folder) / f"{start + offset}.docx", report_docx(_judged(data, options), options))
    return len(schools)


def run_end_to_end(schools, folder: Path, options, workers: int) -> None:
    """`report --each-school`'s path: facts → verdicts → context → .docx in worker processes."""
    import multiprocessing
    size = -(-len(schools) // workers)
    chunks = [(schools[i:i + size], str(folder), i, options) for i in range(0, len(schools), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert sum(pool.map(_end_to_end_worker, chunks)) == len(schools)


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (the worker processes)."""
    import resource
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, function, schools, *extra) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one loop. On a machine shared with other work the wall time swells with
    the load; the CPU time does not, and says what the loop costs."""
    folder = Path(tempfile.mkdtemp(prefix="junheng-bench-docs-"))
    try:
        start, cpu = time.perf_counter(), _cpu()
        function(schools, folder, *extra)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        made = sorted(folder.glob("*.docx"))
        assert len(made) == len(schools) and all(path.stat().st_size > 10_000 for path in made)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{label:<32} {len(schools):>5} reports in {seconds:7.2f} s  = {len(schools) / seconds:8.1f} docs/s"
          f"   (CPU {cpu:7.2f} s)", flush=True)
    return seconds, cpu


def main(argv=None) -> int:
    from generator.render.documents import prepare
    from generator.service.options import RunOptions

    args = list(sys.argv[1:] if argv is None else argv)
    tiny = "--tiny" in args
    args = [a for a in args if a != "--tiny"]
    count = TINY if tiny else int(args[0]) if args else 1000
    workers = 2 if tiny else os.cpu_count() or 2
    options = RunOptions(engine="native")
    schools = make_schools(count)
    start = time.perf_counter()
    documents = make_documents(schools, options)
    print(f"{count} schools judged and their contexts built in {time.perf_counter() - start:.1f} s (not timed "
          f"below); {workers} worker processes; template {documents[0][0]}", flush=True)
    prepare(documents[0][0])     # as in a real run, the first document pays for preparing the template
    # The baseline, in this same run. It is slow, so it renders a fifth of the documents (at least 2) and its
    # time is scaled: a fresh DocxTemplate per document costs the same for the first as for the last.
    sample = documents[:max(2, count // 5)]
    naive, naive_cpu = (value * count / len(sample) for value in timed("baseline: naive DocxTemplate/doc",
                                                                        run_naive, sample))
    print(f"{'  scaled to':<32} {count:>5} reports in {naive:7.2f} s   (CPU {naive_cpu:7.2f} s)", flush=True)
    single, single_cpu = timed("junheng (1 process)", run_junheng, documents)
    parallel, parallel_cpu = timed(f"junheng ({workers} processes)", run_parallel, documents, workers)
    best = min(single, parallel)
    print(f"speed-up over the baseline: {naive / single:.1f}× (1 process), {naive / parallel:.1f}× "
          f"({workers} processes); in CPU time {naive_cpu / single_cpu:.1f}× (1 process)", flush=True)
    timed(f"end to end ({workers} processes)", run_end_to_end, schools, options, workers)
    # On an idle machine a loop takes its CPU time, and the workers' CPU is shared out over the cores.
    idle = naive_cpu / (parallel_cpu / workers)
    print(f"CPU per report: baseline {naive_cpu / count * 1000:.1f} ms, junheng {single_cpu / count * 1000:.2f} ms "
          f"(1 process), {parallel_cpu / count * 1000:.2f} ms ({workers} processes, their start-up included) — "
          f"{idle:.1f}× with {workers} cores on an idle machine", flush=True)
    if not tiny:
        print(f"target: ≥ 20× the baseline — {'met' if naive / best >= 20 else 'NOT met'} in wall time here "
              f"({naive / best:.1f}×); {'met' if idle >= 20 else 'NOT met'} in CPU time ({idle:.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
