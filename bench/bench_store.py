#!/usr/bin/env python3
"""Benchmark: `ydm requests list --overdue` over a store of 10,000 requests, from process start.

Usage: .venv/bin/python bench/bench_store.py [RUNS]
Builds a fresh encrypted store (in a temp YDM_HOME, with the file test keyring, never the user's)
holding 10,000 requests with realistic event histories and letter texts, then times whole-process
runs of `ydm requests list --overdue` (and `--json`) against a bare `python3 -I -c pass`.
The same store locked with a passphrase instead of the keyring is timed too: scrypt (N=2**15, r=8)
costs ~50-100 ms by design, and no keyring import.
Prints every run, the medians, the machine load and the target (under 0.5 s). Nothing is asserted.

The child processes may write bytecode (PYTHONDONTWRITEBYTECODE is dropped for them): an installed
ydm has compiled modules, and a stale `.pyc` would add the compile time of each edited module.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = 10_000
TODAY = date(2026, 11, 26)


def build(home: Path, key_mode: str | None = None) -> float:
    sys.path.insert(0, str(ROOT))
    import keyring

    from tests.store.keyring_backend import FileKeyring
    from ydm.model import Channel, Event, EventKind, Request, RequestKind
    from ydm.store.db import SqliteStore

    keyring.set_keyring(FileKeyring())
    rng = random.Random(20261126)
    orgs = ["reform-uk", "libdems", "conservatives", "labour", "greens", "snp", "experian", "bbc"]
    kinds = [RequestKind.ACCESS, RequestKind.OBJECT_MARKETING, RequestKind.OBJECT_PROCESSING, RequestKind.ERASURE]
    later = [EventKind.ACKNOWLEDGED, EventKind.RESPONSE_RECEIVED, EventKind.REMINDER_SENT, EventKind.EXTENDED,
             EventKind.RESPONSE_INCOMPLETE]
    reqs = []
    for i in range(N):
        sent = TODAY - timedelta(days=rng.randrange(0, 200))
        events = [Event(EventKind.DRAFTED, sent), Event(EventKind.SENT, sent)]
        for _ in range(rng.randrange(0, 3)):
            events.append(Event(rng.choice(later), min(TODAY, sent + timedelta(days=rng.randrange(1, 60)))))
        reqs.append(Request(ref=f"YDM-{i:05d}", kind=rng.choice(kinds), org_id=rng.choice(orgs),
                            org_name="Some Organisation", channel=rng.choice(list(Channel)), events=events,
                            letter_text="Dear Data Protection Officer,\n" + "x" * 3000))
    t = time.perf_counter()
    with SqliteStore(home / "data" / "requests.db", key_mode=key_mode) as s:
        for k in range(0, N, 1000):
            s.add_many(reqs[k:k + 1000])
    return time.perf_counter() - t


BREAKDOWN = """
import time, json
t0 = time.perf_counter()
from datetime import date
from ydm import tracker
from ydm.law import escalation
from ydm.law import holidays_uk
from ydm.store.db import open_store
from ydm.store.codec import no_gc
from ydm.tracker.assess import home_nations
t1 = time.perf_counter()
s = open_store(); t2 = time.perf_counter()
with no_gc():  # as tracker.list_requests does
    rs = s.list()
t3 = time.perf_counter()
holidays_uk.is_working_day(date(2026, 1, 1), "england-and-wales"); homes = home_nations(); t4 = time.perf_counter()
today = date.fromisoformat("{today}")
with no_gc(), escalation.memoised():  # contacts once, deadlines memoised per listing
    vs = [tracker.view(r, today, homes=homes) for r in rs]
t5 = time.perf_counter()
with no_gc(), escalation.memoised():  # what --overdue does: full views only for the overdue ones
    od = tracker._filtered_views(rs, today, homes, True, None)
t6 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "open (key, sqlite)": t2 - t1, "decrypt+decode 10k": t3 - t2,
                  "calendars+contacts": t4 - t3, "derive 10k (all views)": t5 - t4,
                  "derive --overdue": t6 - t5}}))
"""


CPU: dict[str, list[float]] = {}  # case -> CPU seconds (user+sys) of each run: less sensitive to load


def timed(cmd: list[str], env: dict, name: str = "") -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr.decode()}")
    CPU.setdefault(name, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took


def _load() -> str:
    try:
        return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load ?"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    homes = [Path(tempfile.mkdtemp(prefix="ydm-bench-store-")), Path(tempfile.mkdtemp(prefix="ydm-bench-store-pass-"))]
    try:
        return _main(runs, *homes)
    finally:
        for home in homes:  # synthetic stores and their test keys: nothing to keep
            shutil.rmtree(home, ignore_errors=True)


def _main(runs: int, home: Path, pass_home: Path) -> int:
    os.environ["YDM_HOME"] = str(home)
    os.environ["YDM_TEST_KEYRING_FILE"] = str(home / "keyring.json")
    build_s = build(home)
    os.environ["YDM_HOME"], os.environ["YDM_NEW_PASSPHRASE"] = str(pass_home), "bench passphrase"
    build(pass_home, key_mode="passphrase")
    os.environ["YDM_HOME"] = str(home)
    del os.environ["YDM_NEW_PASSPHRASE"]
    env = dict(os.environ, YDM_TODAY=TODAY.isoformat(), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="tests.store.keyring_backend.FileKeyring")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pass_env = dict(env, YDM_HOME=str(pass_home), YDM_PASSPHRASE="bench passphrase")
    ydm = [sys.executable, "-m", "ydm"]
    cases = {
        "python3 -I -c pass": ([sys.executable, "-I", "-c", "pass"], env),  # same interpreter; a pyenv shim adds ~100 ms
        "ydm requests list --overdue": ([*ydm, "requests", "list", "--overdue"], env),
        "ydm requests list --overdue --json": ([*ydm, "requests", "list", "--overdue", "--json"], env),
        "ydm requests list (all)": ([*ydm, "requests", "list"], env),
        "--overdue, passphrase store": ([*ydm, "requests", "list", "--overdue"], pass_env),
    }
    timed(cases["ydm requests list --overdue"][0], env)  # warm the OS file cache and the contacts cache
    timed(cases["--overdue, passphrase store"][0], pass_env)
    print(f"store: {N} requests built in {build_s:.2f} s; {runs} runs each, wall time from process start; {_load()}")
    medians = {}
    for name, (cmd, case_env) in cases.items():
        times = [timed(cmd, case_env, name) for _ in range(runs)]
        medians[name] = statistics.median(times)
        print(f"  {name:<36} median {medians[name] * 1000:7.1f} ms (cpu {statistics.median(CPU[name]) * 1000:5.0f} ms)"
              "   runs: " + " ".join(f"{x * 1000:.0f}" for x in times))
    import json

    parts = [json.loads(subprocess.run([sys.executable, "-c", BREAKDOWN.format(today=TODAY.isoformat())], env=env,
                                       capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    print("in-process breakdown (median of 3): " + ", ".join(
        f"{k} {statistics.median(p[k] for p in parts) * 1000:.0f} ms" for k in parts[0]))
    base = medians["python3 -I -c pass"]
    main_case = medians["ydm requests list --overdue"]
    print(f"ydm requests list --overdue: {main_case:.3f} s ({main_case / base:.1f}x bare python, "
          f"{main_case - base:.3f} s above it); target < 0.5 s: {'met' if main_case < 0.5 else 'NOT met'}; {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
