#!/usr/bin/env python3
"""Run every benchmark and print one table; with --readme, write that table into README.md.

`make bench` runs this with --readme, so the README's figures are always the last full run's, with the
date, the machine's core count and its load beside them. Each benchmark module has `rows(runs)`
returning `harness.Row`s (whole processes interleaved with a floor, medians); a module listed here that
fails is reported and the others still run. Usage: python bench/run_all.py [--readme] [--quick]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from harness import ROOT, Row, machine  # noqa: E402

from ydm import clock  # noqa: E402

# (module, runs for a full run, runs for --quick)
BENCHMARKS = [
    ("bench_letter", 15, 5),
    ("bench_pdf", 7, 3),
    ("bench_deadlines", 5, 3),
    ("bench_store", 7, 3),
    ("bench_ics", 5, 3),
    ("bench_tui_start", 5, 2),
    ("bench_replies", 5, 2),
    ("bench_registers", 5, 2),  # the 1M-row import is one run (~50 s); the searches take the runs
]
# what --quick changes besides the runs: a register of 100,000 rows, not 1,000,000 (the row count is in the label)
QUICK = {"bench_registers": {"n": 100_000}}
START, END = "<!-- bench:start (make bench writes this table) -->", "<!-- bench:end -->"


def table(rows: list[Row]) -> str:
    lines = ["| what | command | median (and its floor, measured in the same run) | target |",
             "|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.what} | `{row.command}` | {row.figure()} | {row.target or '—'} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    if START not in body or END not in body:
        raise SystemExit(f"bench: README.md has no {START} … {END} markers to write between")
    head, rest = body.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(head + START + "\n" + text + "\n" + END + tail, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke run, not figures to publish)")
    args = parser.parse_args()
    before = machine()
    rows: list[Row] = []
    failed = []
    for name, full, quick in BENCHMARKS:
        print(f"== {name}", flush=True)
        try:
            module = importlib.import_module(name)
            got = module.rows(quick, **QUICK.get(name, {})) if args.quick else module.rows(full)
        except (Exception, SystemExit):  # noqa: BLE001 - one broken benchmark must not hide the rest
            traceback.print_exc()
            failed.append(name)
            continue
        for row in got:
            print(f"  {row.what}: {row.figure()} (target {row.target or '—'})", flush=True)
        rows.extend(got)
    note = (f"Measured by `make bench` on {clock.today():%-d %B %Y}: {machine().split(',')[0]}; load before "
            f"{before.split('load ')[-1]}, after {machine().split('load ')[-1]}. Whole processes, interleaved run "
            "by run with the floor shown, medians.")
    text = note + "\n\n" + table(rows)
    print("\n" + text)
    if args.readme and not failed and not args.quick:
        write_readme(text)
        print("\nbench: README.md updated")
    elif args.readme:
        print("\nbench: README.md left as it was (a quick run, or a benchmark failed: " + ", ".join(failed) + ")")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
