"""Every benchmark `make bench` lists can be run by it: it imports and has `rows(runs)`, and the
arguments `--quick` gives it fit that function. No benchmark is run here (timing is bench/'s job);
this catches the module that was renamed, lost `rows` or changed its signature, which would otherwise
show only as a failed `make bench` at the end of a long run.

In a child Python: the bench scripts put their folder on sys.path when imported, which the test
process should not inherit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import importlib, inspect, sys
sys.path[:0] = [sys.argv[1] + "/bench", sys.argv[1]]
import run_all
names = [name for name, _, _ in run_all.BENCHMARKS]
assert set(run_all.QUICK) <= set(names), f"--quick settings for benchmarks not listed: {set(run_all.QUICK) - set(names)}"
for name, full, quick in run_all.BENCHMARKS:
    rows = getattr(importlib.import_module(name), "rows", None)
    assert callable(rows), f"{name} has no rows()"
    signature = inspect.signature(rows)
    signature.bind(full)
    signature.bind(quick, **run_all.QUICK.get(name, {}))
    print(name)
"""


def test_every_listed_benchmark_imports_and_takes_what_run_all_passes():
    done = subprocess.run([sys.executable, "-c", CHECK, str(ROOT)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split()
    assert {"bench_replies", "bench_registers", "bench_store"} <= set(listed)
