#!/usr/bin/env python3
"""Benchmark: `ydm requests export --ics -` at 1,000 and 10,000 requests, whole process, next to its floor.

Usage: .venv/bin/python bench/bench_ics.py [RUNS]
Builds fresh encrypted stores (temp YDM_HOME, the file test keyring, never the user's) with realistic
event histories (bench_store.py's generator), then runs, interleaved run by run:
  - the floor: `python3 -I -c pass` and `ydm requests list` (the same store read and the same deadlines
    worked out, without writing a calendar): what an export cannot go below;
  - `ydm requests export --ics -` (stdout to /dev/null).
Prints each run, the medians, each case's peak memory (max RSS of that child, from wait4), the machine
load, and the in-process cost of the writer alone. Targets (issue 22): 10k <= 0.5 s, memory flat
(the export's peak no more than a few MiB above `requests list`'s). Nothing is asserted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import bench_store  # noqa: E402  (the store generator and the load line, shared)


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return took, usage.ru_maxrss / 1024


WRITER = """
import time
from datetime import date
from ydm import tracker
from ydm.letters.formats.ics import entries_for, to_ics
from ydm.store.db import open_store
s = open_store(); views = tracker.list_requests(s, today=date.fromisoformat("{today}"))
t0 = time.perf_counter(); entries = entries_for(views); t1 = time.perf_counter()
data = to_ics(entries); t2 = time.perf_counter()
print(f"{{len(entries)}} entries, {{data.count(b'BEGIN:VEVENT')}} events, {{len(data) / 1e6:.1f}} MB:"
      f" entries {{(t1 - t0) * 1000:.0f}} ms, writer {{(t2 - t1) * 1000:.0f}} ms")
"""


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    homes = []
    try:
        for n in (1_000, 10_000):
            home = Path(tempfile.mkdtemp(prefix=f"ydm-bench-ics-{n}-"))
            homes.append(home)
            bench(n, home, runs)
    finally:
        for home in homes:  # synthetic stores and their test keys: nothing to keep
            shutil.rmtree(home, ignore_errors=True)
    return 0


def bench(n: int, home: Path, runs: int) -> None:
    os.environ["YDM_HOME"] = str(home)
    os.environ["YDM_TEST_KEYRING_FILE"] = str(home / "keyring.json")
    # Built in a child: a fork's peak RSS (wait4) counts the parent's pages, so the parent stays small.
    build = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; import bench_store;"
             f" from pathlib import Path; bench_store.N = {n}; print(bench_store.build(Path({str(home)!r})))")
    build_s = float(subprocess.run([sys.executable, "-c", build], capture_output=True, text=True, check=True,
                                   env=dict(os.environ)).stdout)
    env = dict(os.environ, YDM_TODAY=bench_store.TODAY.isoformat(), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="tests.store.keyring_backend.FileKeyring")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ydm = [sys.executable, "-m", "ydm"]
    cases = {
        "floor: python3 -I -c pass": [sys.executable, "-I", "-c", "pass"],
        "floor: ydm requests list": [*ydm, "requests", "list"],
        "ydm requests export --ics -": [*ydm, "requests", "export", "--ics", "-"],
    }
    for cmd in cases.values():  # warm the OS file cache, the contacts cache and the bytecode
        timed(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in cases}
    rss: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(runs):  # interleaved: load changes hit every case alike
        for name, cmd in cases.items():
            t, m = timed(cmd, env)
            times[name].append(t)
            rss[name].append(m)
    print(f"{n} requests (built in {build_s:.1f} s); {runs} interleaved runs, wall time from process start;"
          f" {bench_store._load()}")
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in cases:
        print(f"  {name:<30} median {med[name] * 1000:7.1f} ms  peak {max(rss[name]):6.1f} MiB"
              "   runs: " + " ".join(f"{x * 1000:.0f}" for x in times[name]))
    out = subprocess.run([sys.executable, "-c", WRITER.format(today=bench_store.TODAY.isoformat())], env=env,
                         capture_output=True, text=True, check=True).stdout.strip()
    print(f"  in process: {out}")
    export, floor = med["ydm requests export --ics -"], med["floor: ydm requests list"]
    extra_mem = max(rss["ydm requests export --ics -"]) - max(rss["floor: ydm requests list"])
    target = "" if n != 10_000 else f"; target <= 0.5 s: {'met' if export <= 0.5 else 'NOT met'}"
    print(f"  export {export:.3f} s = floor + {export - floor:.3f} s; memory {extra_mem:+.1f} MiB over the floor"
          f"{target}; {bench_store._load()}")


if __name__ == "__main__":
    raise SystemExit(main())
