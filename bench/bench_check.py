"""Benchmark `check`: a generated province, junheng on each rules backend against a plain-Python floor.

    python bench/bench_check.py                 # 20,000 schools in 100 counties
    python bench/bench_check.py --schools 2000  # quicker
    python bench/bench_check.py --tiny          # every measurement, tiny (what the test suite runs)

Prints, in one run:
  * schools/s for junheng (facts → indicators → verdicts → CV → government) with the durable
    backend (where durable-rules works) and the native one, and for a plain-Python loop
    applying the same K1–K10 thresholds and the same CV in floats (the floor);
  * peak memory (RSS, measured in a fresh process per size) above the facts themselves at growing
    school counts — it should stay flat, since counties are evaluated one at a time and each
    engine state is deleted (tracemalloc is not used: under it durable-rules fails, see engine.py);
  * the CLI end to end on one 300-school county written as YAML files (target < 1 s);
  * `check --json --engine native` end to end on a 2,000-school county (one YAML file per school)
    against merely parsing those files with PyYAML's C loader, both as whole processes, and on a
    20,000-school county;
  * `junheng --help` start-up (target < 0.3 s).
"""
from __future__ import annotations

import argparse
import gc
import math
import random
import subprocess
import sys
import tempfile
import time
import resource
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.criteria.evaluate import evaluate  # noqa: E402
from generator.model.subjects import County, School  # noqa: E402
from generator.criteria.profiles import load_profile  # noqa: E402


def make_school_facts(rng: random.Random, index: int) -> dict:
    stage = rng.choices(["primary", "junior", "nine_year", "teaching_point"], [60, 25, 10, 5])[0]
    if stage == "nine_year":
        students = {"primary": rng.randint(200, 900), "junior": rng.randint(150, 700)}
        teachers = {part: max(3, count // rng.randint(14, 20)) for part, count in students.items()}
    else:
        part = "junior" if stage == "junior" else "primary"
        students = {part: rng.randint(30, 1800) if stage != "teaching_point" else rng.randint(8, 60)}
        teachers = {part: max(2, students[part] // rng.randint(14, 20))}
    total = sum(students.values())
    classes = max(1, total // rng.randint(35, 50))
    return {
        "kind": "school", "name": f"第{index}学校", "stage": stage, "ownership": rng.choice(["public"] * 19 + ["private"]),
        "location": rng.choice(["urban", "town", "rural"]), "students": students, "classes": classes,
        "teachers": teachers,
        "teachers_above_required_degree": {p: int(c * rng.uniform(0.6, 0.95)) for p, c in teachers.items()},
        "teachers_mid_senior_title": {p: int(c * rng.uniform(0.3, 0.6)) for p, c in teachers.items()},
        "land_area_m2": round(total * rng.uniform(10, 30), 1),
        "building_area_m2": round(total * rng.uniform(4.5, 8), 1),
        "teaching_aux_area_m2": round(total * rng.uniform(3, 6), 1),
        "sports_area_m2": round(total * rng.uniform(4, 9), 1),
        "equipment_value_yuan": round(total * rng.uniform(500, 2500)),
        "books": int(total * rng.uniform(12, 40)), "computers": int(total / rng.uniform(5, 10)) + 1,
        "multimedia_classrooms": classes - (1 if rng.random() < 0.1 else 0),
        "internet_bandwidth_mbps": rng.choice([50, 100, 200, 500]),
        "labs": {"science": 1} if stage in ("primary", "teaching_point") else
                {"science": 1, "physics": 1, "chemistry": 1, "biology": 1},
        "courses_complete": rng.random() > 0.05, "network_space_rate": round(rng.uniform(0.7, 1.0), 3),
        "qualified_degree_rate": rng.choice([1.0, 1.0, 0.99, 0.98]),
    }


GOVERNMENT = {
    "migrant_children_planned": True, "left_behind_care_system": True, "disabled_enrolment_rate": 0.85,
    "quality_hs_quota_rate": 0.55, "quality_hs_quota_rate_prev": 0.52, "primary_enrolment_rate": 0.998,
    "junior_gross_enrolment_rate": 0.995, "primary_dropout_rate": 0.002, "junior_dropout_rate": 0.01,
    "accountability_mechanism": True, "funding_growth": {"拨款": [0.05, 0.04, 0.03]},
    "weak_school_improvement": True, "rural_transfer_payment_rate": 0.6, "education_surcharge_due": 1000,
    "education_surcharge_levied": 1000, "education_surcharge_allocated": 1000, "land_transfer_education_rate": 0.1,
    "public_funds_per_student_actual": 650, "public_funds_per_student_standard": 600, "staffing_unified": True,
    "teacher_avg_salary": 80000, "civil_servant_avg_salary": 80000, "rotation_rate": 0.1,
    "backbone_rotation_rate": 0.2, "training_funds_rate": 0.05, "nearby_enrolment": True, "no_key_schools": True,
    "courses_complete": True, "fitness_pass_rate": 0.92,
}


def make_province(schools: int, counties: int, seed: int = 7) -> list[County]:
    rng = random.Random(seed)
    result = []
    per_county = schools // counties
    for county_index in range(counties):
        members = []
        for i in range(per_county):
            facts = make_school_facts(rng, county_index * per_county + i)
            members.append(School(name=facts["name"], stage=facts["stage"], facts=facts, file="<bench>"))
        result.append(County(name=f"第{county_index}县", facts={"name": f"第{county_index}县", "satisfaction_rate": 0.9},
                             schools=members, government=dict(GOVERNMENT), file="<bench>"))
    return result


# ---------------------------------------------------------------- the plain-Python floor
K_PRIMARY = {"building": 5.2, "sports": 5.2, "books": 15, "per_computer": 8, "bandwidth": 100, "space": 0.8,
             "degree": 1.0}
K_JUNIOR = {"building": 6.4, "sports": 5.5, "books": 25, "per_computer": 8, "bandwidth": 100, "space": 0.8,
            "degree": 0.98}
SPLIT = {"nine_year": {"primary": 1.0, "junior": 1.1}}
CV_FIELDS = ("teaching_aux_area_m2", "sports_area_m2", "equipment_value_yuan", "computers", "books",
             "teachers", "teachers_above_required_degree", "teachers_mid_senior_title")


def plain_loop(counties: list[County]) -> int:
    """The same thresholds and the same student-weighted CV, in floats, with no engine."""
    passed = 0
    for county in counties:
        by_stage: dict[str, list] = {"primary": [], "junior": []}
        for school in county.schools:
            facts = school.facts
            parts = [p for p in facts["students"] if p in ("primary", "junior")]
            weights = SPLIT.get(facts["stage"])
            total_weight = sum(weights[p] * facts["students"][p] for p in parts) if weights else None
            ok = True
            for part in parts:
                students = facts["students"][part]
                share = weights[part] * students / total_weight if weights else 1.0
                k = K_PRIMARY if part == "primary" else K_JUNIOR
                checks = (facts["building_area_m2"] * share / students >= k["building"],
                          facts["sports_area_m2"] * share / students >= k["sports"],
                          facts["books"] * share / students >= k["books"],
                          students / max(facts["computers"] * share, 1e-9) <= k["per_computer"],
                          facts["internet_bandwidth_mbps"] >= k["bandwidth"],
                          facts["network_space_rate"] >= k["space"],
                          facts["qualified_degree_rate"] >= k["degree"],
                          facts["multimedia_classrooms"] >= facts["classes"],
                          facts["courses_complete"], bool(facts["labs"]))
                ok = ok and all(checks)
                if facts["ownership"] == "public" and facts["stage"] != "teaching_point":
                    row = [students]
                    for key in CV_FIELDS:
                        value = facts[key]
                        row.append(value[part] if isinstance(value, dict) else value * share)
                    by_stage[part].append(row)
            passed += ok
        for rows in by_stage.values():
            if not rows:
                continue
            population = sum(r[0] for r in rows)
            for column in range(1, len(CV_FIELDS) + 1):
                mean = sum(r[column] for r in rows) / population
                variance = sum(r[0] / population * (r[column] / r[0] - mean) ** 2 for r in rows)
                _ = math.sqrt(variance) / mean if mean else 0.0
    return passed


def junheng_loop(counties: list[County], profile, backend: str = "native") -> int:
    passed = 0
    for county in counties:
        result = evaluate(county, profile, backend)
        passed += sum(1 for school in result.schools if school.passed)
    return passed


def timed(func, *args):
    gc.collect()
    start = time.perf_counter()
    value = func(*args)
    return time.perf_counter() - start, value


def memory_probe(schools: int, counties: int, mode: str) -> None:
    """Run in a fresh process: print RSS after building the facts and peak RSS after the loop."""
    def rss_mib() -> float:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    profile = load_profile("basic-2012")
    if mode != "floor":
        junheng_loop(make_province(10, 1, seed=99), profile, mode)   # engine loaded before the baseline
    province = make_province(schools, counties)
    gc.collect()
    before = rss_mib()
    # Building the facts has its own transient peak; reset the high-water mark (VmHWM) so the
    # peak reported is the checking's alone. ru_maxrss cannot be reset, so it is only the
    # fallback where /proc/self/clear_refs is not writable (then the figure is an upper bound).
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
        field = "VmHWM:"
    except OSError:
        field = None
    (junheng_loop(province, profile, mode) if mode != "floor" else plain_loop(province))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if field:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith(field))
    print(f"{before:.1f} {peak:.1f}")


def probe(schools: int, counties: int, mode: str) -> tuple[float, float]:
    done = subprocess.run([sys.executable, __file__, "--probe", mode, "--schools", str(schools),
                           "--counties", str(counties)], capture_output=True, text=True, check=True)
    before, peak = map(float, done.stdout.split())
    return before, peak


def write_county(root: Path, schools: int) -> Path:
    """One county of N schools as YAML files: county.yaml and schools/s0.yaml …"""
    rng = random.Random(3)
    (root / "schools").mkdir()
    paths = []
    for index in range(schools):
        facts = make_school_facts(rng, index)
        path = root / "schools" / f"s{index}.yaml"
        path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
        paths.append(f"schools/s{index}.yaml")
    county = {"kind": "county", "name": "基准县", "satisfaction_rate": 0.9, "schools": paths,
              "government": GOVERNMENT}
    (root / "county.yaml").write_text(yaml.safe_dump(county, allow_unicode=True), encoding="utf-8")
    return root / "county.yaml"


PARSE_ONLY = """import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for path in [root / "county.yaml", *sorted((root / "schools").glob("*.yaml"))]:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def best_of(command: list[str], runs: int = 3) -> tuple[float, subprocess.CompletedProcess]:
    best, done = math.inf, None
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best, done


def json_end_to_end(schools: int, runs: int = 3) -> tuple[float, float]:
    """(check --json --engine native, parse-only with PyYAML's C loader), whole processes, best of runs."""
    with tempfile.TemporaryDirectory() as tmp:
        county = write_county(Path(tmp), schools)
        check, done = best_of([sys.executable, "-m", "generator", "check", str(county), "--json",
                               "--engine", "native"], runs)
        if done.returncode not in (0, 1) or b'"engine": "native"' not in done.stdout:
            raise SystemExit(f"CLI run failed (exit {done.returncode}):\n{done.stderr.decode('utf-8')[-2000:]}")
        parse, _ = best_of([sys.executable, "-c", PARSE_ONLY, tmp], runs)
        return check, parse


def cli_county(schools: int, runs: int = 3) -> tuple[float, int]:
    """Write one county of N schools as YAML files and time `junheng check` on it, end to end (best of runs)."""
    with tempfile.TemporaryDirectory() as tmp:
        county = write_county(Path(tmp), schools)
        best = math.inf
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "generator", "check", str(county)],
                                  cwd=REPO, capture_output=True)
            best = min(best, time.perf_counter() - start)
            # Time a verdict, not a crash: exit 0/1 and the county's conclusion printed.
            if done.returncode not in (0, 1) or "结论" not in done.stdout.decode("utf-8"):
                raise SystemExit(f"CLI run failed (exit {done.returncode}):\n{done.stderr.decode('utf-8')[-2000:]}")
        return best, done.returncode


def help_time(runs: int = 5) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=REPO, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20000)
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--probe", choices=["durable", "native", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--tiny", action="store_true",
                        help="every measurement at a tiny size (the test suite runs this, so the benchmark cannot rot)")
    args = parser.parse_args()
    if args.tiny:
        args.schools, args.counties = 40, 2
    if args.probe:
        memory_probe(args.schools, args.counties, args.probe)
        return
    profile = load_profile("basic-2012")

    from generator.criteria.engine import durable_problem
    backends = ["native"] + (["durable"] if durable_problem() is None else [])
    if durable_problem() is not None:
        print(f"durable backend not measured: {durable_problem()}")

    province = make_province(args.schools, args.counties)
    floor_seconds, passed_floor = timed(plain_loop, province)
    print(f"province: {args.schools:,} schools in {args.counties} counties")
    print(f"  {'backend':<20}{'time':>9}{'schools/s':>14}{'× floor':>9}")
    for backend in backends:
        junheng_loop(province[:1], profile, backend)   # compile the ruleset once, outside the timing
        seconds, passed_engine = timed(junheng_loop, province, profile, backend)
        print(f"  junheng {backend:<12}{seconds:8.2f}s{args.schools / seconds:14,.0f}{seconds / floor_seconds:8.1f}×"
              f"   ({passed_engine:,} schools meet the basic conditions)")
    print(f"  {'plain-Python floor':<20}{floor_seconds:8.2f}s{args.schools / floor_seconds:14,.0f}{1:8.1f}×"
          f"   ({passed_floor:,} by the floor's cruder checks)")
    del province
    gc.collect()

    print("memory (RSS, fresh process per size): after building the facts → peak while checking them")
    per_county = max(args.schools // args.counties, 1)
    for counties in (args.counties,) if args.tiny else (args.counties // 4 or 1, args.counties // 2 or 1, args.counties):
        schools = counties * per_county
        cells = []
        for mode in backends + ["floor"]:
            before, peak = probe(schools, counties, mode)
            cells.append(f"{mode} {before:6.1f} → {peak:6.1f} MiB (+{peak - before:4.1f})")
        print(f"  {schools:>7,} schools: " + "; ".join(cells))

    small, large, county = (30, None, 10) if args.tiny else (2000, 20000, 300)
    check, parse = json_end_to_end(small, runs=1 if args.tiny else 3)
    print(f"check --json --engine native, {small:,} school files: {check:.2f} s; parsing them with PyYAML's C loader "
          f"(the floor): {parse:.2f} s → {check / parse:.1f}× (target ≤ 2×)")
    if large:
        check, parse = json_end_to_end(large, runs=1)
        print(f"check --json --engine native, {large:,} school files: {check:.2f} s (target < 5 s); "
              f"parse only {parse:.2f} s")

    cli_seconds, code = cli_county(county, runs=1 if args.tiny else 3)     # tiny: that it runs, once
    print(f"CLI end to end, one county of {county} school files: {cli_seconds:.2f} s (exit {code}; target < 1 s)")
    print(f"`junheng --help`: {help_time(1 if args.tiny else 5):.3f} s (target < 0.3 s)")


if __name__ == "__main__":
    main()
