"""Benchmark the bounded readers: each bomb file against a normal county's file, in one run.

    python bench/bench_readers.py                      # full-size bombs (as found by a hostile tester)
    python bench/bench_readers.py --scale 0.001        # small
    python bench/bench_readers.py --tiny               # what the test suite runs (--scale 0.0005 --schools 4)
    python bench/bench_readers.py --code /path/to/old  # the same files through another checkout

Every case is one fresh `python -m generator …` process (or, for the web, one process posting
eight uploads at once to `junheng serve`'s app through Flask's test client); for each it prints the
exit code, wall time, CPU time and peak memory (the child's ru_maxrss, from os.wait4), and the first
line of the message. A process past --timeout is killed and shown as "> N s".

The bombs (tests/bombs.py) at --scale 1:
  * a 190 MB text in a sheet nobody reads (a ~270 KB .xlsx);
  * a sheet of a million rows stored at xl/elsewhere/ (a ~160 KB .xlsx);
  * five million one-character shared strings (a ~290 KB .xlsx);
  * a --template whose document.xml inflates to 119 MB (a ~460 KB .docx), and the same for `audit`;
  * a school fact file with 400,000 unknown keys, read by the fast reader; the same with a tab on its
    second line, so the full YAML loader reads it; 9,000 unknown keys (under the keys-per-mapping limit:
    the errors are listed up to the cap, the rest counted).
The normal files — the baseline each bomb is set against, in the same run: one school's YAML (what
starting junheng costs), a 300-school county exported to .xlsx and as YAML (tests/counties.py), the
shipped report-school template, a school's 自查报告 for `audit`.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import bombs  # noqa: E402
import counties  # noqa: E402

SCHOOL = REPO / "samples" / "dongshe-primary.yaml"

WEB = """
import io, sys, threading, resource
from generator.web.app import create_app
app = create_app()
data = open(sys.argv[1], "rb").read()
codes = []
def post():
    client = app.test_client()
    response = client.post("/check", data={"file": (io.BytesIO(data), sys.argv[2])},
                           content_type="multipart/form-data")
    codes.append(response.status_code)
threads = [threading.Thread(target=post) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
app.config["JOBS"].shutdown()
print("HTTP", sorted(codes))
"""


def run(args: list[str], code: Path, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, *args], cwd=code, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    killed = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            killed = True
            break
        time.sleep(0.02)
    wall = time.monotonic() - started
    output = process.stdout.read().decode("utf-8", "replace")
    process.stdout.close()
    lines = [line for line in output.splitlines() if line.strip()]
    first = next((line for line in lines if "错误" in line or "HTTP" in line or "Error" in line), lines[-1] if lines else "")
    return {"code": "killed" if killed else os.waitstatus_to_exitcode(status), "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "killed": killed,
            "message": first[:110], "traceback": "Traceback" in output}


def make_files(folder: Path, scale: float, schools: int) -> dict:
    county_yaml = counties.write_county(folder / "county.yaml", schools, "basic", seed=3)
    book = folder / "county.xlsx"
    subprocess.run([sys.executable, "-m", "generator", "export", str(county_yaml), "-o", str(book)], cwd=REPO,
                   env=dict(os.environ, PYTHONPATH=str(REPO)), check=True, capture_output=True)
    report = folder / "报告.docx"
    made = subprocess.run([sys.executable, "-m", "generator", "report", str(SCHOOL), "-o", str(report)], cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True)
    assert made.returncode in (0, 1) and report.exists(), made.stdout + made.stderr    # 1: the school falls short
    template = REPO / "doc_templates" / "report-school.docx"
    return {
        "county.xlsx": book, "county.yaml": county_yaml, "template.docx": template, "报告.docx": report,
        "text.xlsx": bombs.huge_text_in_unused_sheet(book, folder / "text.xlsx", int(190_000_000 * scale)),
        "outside.xlsx": bombs.sheet_outside_worksheets(book, folder / "outside.xlsx", int(1_000_000 * scale)),
        "strings.xlsx": bombs.many_shared_strings(book, folder / "strings.xlsx", int(5_000_000 * scale)),
        "bomb-template.docx": bombs.huge_docx(template, folder / "bomb-template.docx", 119 * scale),
        "bomb-report.docx": bombs.huge_docx(report, folder / "bomb-report.docx", 119 * scale),
        "keys.yaml": bombs.unknown_keys_yaml(folder / "keys.yaml", int(400_000 * scale)),
        "keys-tab.yaml": bombs.unknown_keys_yaml(folder / "keys-tab.yaml", int(400_000 * scale), tab=True),
        "9k keys.yaml": bombs.unknown_keys_yaml(folder / "9k keys.yaml", int(9_000 * min(1, scale * 100))),
    }


def cases(files: dict, folder: Path) -> list[tuple[str, list[str]]]:
    check = ["-m", "generator", "check"]
    web = folder / "web.py"
    web.write_text(WEB, encoding="utf-8")
    out = folder / "out.docx"
    return [
        ("baseline: one school YAML", [*check, str(SCHOOL)]),
        ("normal county workbook", [*check, str(files["county.xlsx"])]),
        ("190 MB text, unused sheet", [*check, str(files["text.xlsx"])]),
        ("sheet outside xl/worksheets", [*check, str(files["outside.xlsx"])]),
        ("millions of shared strings", [*check, str(files["strings.xlsx"])]),
        ("normal --template", ["-m", "generator", "report", str(SCHOOL), "--template", str(files["template.docx"]),
                               "-o", str(out), "--force"]),
        ("119 MB --template", ["-m", "generator", "report", str(SCHOOL), "--template",
                               str(files["bomb-template.docx"]), "-o", str(out), "--force"]),
        ("normal report for audit", ["-m", "generator", "audit", str(files["报告.docx"])]),
        ("119 MB report for audit", ["-m", "generator", "audit", str(files["bomb-report.docx"])]),
        ("normal county YAML", [*check, str(files["county.yaml"])]),
        ("400k unknown keys", [*check, str(files["keys.yaml"])]),
        ("400k unknown keys, full loader", [*check, str(files["keys-tab.yaml"])]),
        ("9,000 unknown keys", [*check, str(files["9k keys.yaml"])]),
        ("web: 8 × normal workbook", [str(web), str(files["county.xlsx"]), "county.xlsx"]),
        ("web: 8 × 190 MB text", [str(web), str(files["text.xlsx"]), "text.xlsx"]),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="bomb size, 1 = as reported")
    parser.add_argument("--schools", type=int, default=300, help="schools of the normal county")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose junheng is measured")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--tiny", action="store_true", help="the test suite's size: --scale 0.0005 --schools 4")
    args = parser.parse_args(argv)
    if args.tiny:
        args.scale, args.schools = 0.0005, 4
    with tempfile.TemporaryDirectory(prefix="junheng-bench-readers-") as tmp:
        folder = Path(tmp)
        files = make_files(folder, args.scale, args.schools)
        print(f"code: {args.code}   scale: {args.scale:g}   normal county: {args.schools} schools")
        for name in ("county.xlsx", "text.xlsx", "outside.xlsx", "strings.xlsx", "bomb-template.docx", "keys.yaml",
                     "9k keys.yaml"):
            print(f"  {name:20} {files[name].stat().st_size / 1024:10,.0f} KB")
        print(f"{'case':32} {'exit':>6} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}  message")
        traceback = False
        for name, command in cases(files, folder):
            if args.only and args.only not in name:
                continue
            result = run(command, args.code, args.timeout)
            wall = f"> {args.timeout:g}" if result["killed"] else f"{result['wall']:.2f}"
            print(f"{name:32} {result['code']!s:>6} {wall:>8} {result['cpu']:8.2f} {result['rss']:8.0f}  "
                  f"{result['message']}", flush=True)
            traceback = traceback or result["traceback"]
    return 1 if traceback else 0


if __name__ == "__main__":
    sys.exit(main())
