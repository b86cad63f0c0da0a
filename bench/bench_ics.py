#!/usr/bin/env python3
"""Benchmark: `ydm requests export --ics -` at 1,000 and 10,000 requests (100,000 on demand), whole process.

Builds fresh encrypted stores (temp YDM_HOME, the file test keyring, never the user's) with realistic
event histories (bench_store.py's generator), then runs, interleaved run by run (harness.py):
  - the floor: `ydm requests list` on the same store (the same read and the same deadlines worked out,
    without writing a calendar): what an export cannot go below;
  - `ydm requests export --ics -` (stdout to /dev/null).
Medians of RUNS; peak memory of both, measured once more each through a small parent (a child's peak RSS
from wait4 counts the pages of the process that forked it, and this one has built stores). Targets (issue 22): 10k ≤ 0.5 s,
100k ≤ 5 s, memory flat (the export's peak a few MiB above the listing's). Nothing is asserted.

Usage: python bench/bench_ics.py [RUNS] [N ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_store  # noqa: E402  (the store generator)
from harness import PY, ROOT, Row, child_env, interleaved, machine, median, report, run_process  # noqa: E402

PEAK = ("import os, subprocess, sys\n"
        "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "code = os.waitstatus_to_exitcode(status)\n"
        "print(usage.ru_maxrss)\n"
        "sys.exit(code)")


def peak_mib(argv: list[str], env: dict[str, str]) -> float:
    """Peak RSS (MiB) of one run of `argv`, spawned by a fresh small Python (see the docstring)."""
    done = subprocess.run([PY, "-c", PEAK, *argv], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed: {done.stderr[-500:]}")
    return int(done.stdout) / 1024


def build(n: int, home: Path, env: dict[str, str]) -> None:
    """In a child: a fork's peak RSS (wait4) would count the parent's pages, so the parent stays small."""
    code = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; import bench_store;"
            f" from pathlib import Path; bench_store.N = {n}; bench_store.build(Path({str(home)!r}))")
    subprocess.run([PY, "-c", code], check=True, env=env, cwd=ROOT)


def rows(runs: int = 5, sizes: tuple[int, ...] = (1_000, 10_000)) -> list[Row]:
    out = []
    for n in sizes:
        home = Path(tempfile.mkdtemp(prefix=f"ydm-bench-ics-{n}-"))
        try:
            out += _rows(runs, n, home)
        finally:  # a synthetic store and its test key: nothing to keep
            shutil.rmtree(home, ignore_errors=True)
    return out


def _rows(runs: int, n: int, home: Path) -> list[Row]:
    keys = {"YDM_HOME": str(home), "YDM_TEST_KEYRING_FILE": str(home / "keyring.json"),
            "PYTHON_KEYRING_BACKEND": "tests.store.keyring_backend.FileKeyring"}
    build(n, home, dict(os.environ, **keys))
    env = child_env(YDM_TODAY=bench_store.TODAY.isoformat(), **keys)
    ydm = [PY, "-m", "ydm", "requests"]
    argvs = {"list": [*ydm, "list"], "ics": [*ydm, "export", "--ics", "-"]}
    times = interleaved({key: (lambda a=argv: run_process(a, env)) for key, argv in argvs.items()}, runs)
    peaks = {key: peak_mib(argv, env) for key, argv in argvs.items()}
    floor = median(times["list"])
    target = {10_000: "≤ 0.5 s", 100_000: "≤ 5 s"}.get(n, "—")
    return [
        Row(f"calendar of {n:,} requests", "ydm requests export --ics -", median(times["ics"]),
            "requests list", floor, target, times["ics"]),
        Row(f"calendar of {n:,}: peak memory over the listing's ({peaks['list']:.0f} MiB)",
            "ydm requests export --ics -", peaks["ics"] - peaks["list"], target="flat", unit="MiB"),
    ]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sizes = tuple(int(a) for a in sys.argv[2:]) or (1_000, 10_000)
    print(f"calendar export, {runs} interleaved runs each, whole process; {machine()}")
    report(rows(runs, sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
