#!/usr/bin/env python3
"""Benchmark: `ydm requests list --overdue` over a store of 10,000 requests, from process start.

Usage: .venv/bin/python bench/bench_store.py [RUNS]
Builds a fresh encrypted store (in a temp YDM_HOME, with the file test keyring, never the user's)
holding 10,000 requests with realistic event histories and letter texts, then times whole-process
runs of `ydm requests list --overdue` (and `--json`) against a bare `python3 -I -c pass`.
Prints every run, the medians and the target (under 0.5 s). Nothing is asserted.
"""

from __future__ import annotations

import os
import random
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


def build(home: Path) -> float:
    sys.path.insert(0, str(ROOT))
    import keyring

    from tests.store.keyring_backend import FileKeyring
    from ydm.model import Channel, Event, EventKind, Request, RequestKind
    from ydm.store import SqliteStore

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
    with SqliteStore(home / "data" / "requests.db") as s:
        for k in range(0, N, 1000):
            s.add_many(reqs[k:k + 1000])
    return time.perf_counter() - t


BREAKDOWN = """
import time, json
t0 = time.perf_counter()
from datetime import date
from ydm import escalation, holidays_uk, tracker
from ydm.store import open_store
from ydm.tracker_assess import _home_nations
t1 = time.perf_counter()
s = open_store(); t2 = time.perf_counter()
rs = s.list(); t3 = time.perf_counter()
holidays_uk.is_working_day(date(2026, 1, 1), "england-and-wales"); _home_nations(); t4 = time.perf_counter()
homes = _home_nations()  # as tracker.list_requests does: contacts once, deadlines memoised per listing
with escalation.memoised():
    vs = [tracker.view(r, date.fromisoformat("{today}"), homes=homes) for r in rs]
t5 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "open (key, sqlite)": t2 - t1, "decrypt+decode 10k": t3 - t2,
                  "calendars+contacts": t4 - t3, "derive 10k (escalation)": t5 - t4}}))
"""


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr.decode()}")
    return took


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    home = Path(tempfile.mkdtemp(prefix="ydm-bench-store-"))
    os.environ["YDM_HOME"] = str(home)
    os.environ["YDM_TEST_KEYRING_FILE"] = str(home / "keyring.json")
    build_s = build(home)
    env = dict(os.environ, YDM_TODAY=TODAY.isoformat(), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="tests.store.keyring_backend.FileKeyring")
    ydm = [sys.executable, "-m", "ydm"]
    cases = {
        "python3 -I -c pass": [sys.executable, "-I", "-c", "pass"],  # same interpreter; a pyenv shim adds ~100 ms
        "ydm requests list --overdue": [*ydm, "requests", "list", "--overdue"],
        "ydm requests list --overdue --json": [*ydm, "requests", "list", "--overdue", "--json"],
        "ydm requests list (all)": [*ydm, "requests", "list"],
    }
    timed(cases["ydm requests list --overdue"], env)  # warm the OS file cache and the contacts cache
    print(f"store: {N} requests built in {build_s:.2f} s; {runs} runs each, wall time from process start")
    medians = {}
    for name, cmd in cases.items():
        times = [timed(cmd, env) for _ in range(runs)]
        medians[name] = statistics.median(times)
        print(f"  {name:<36} median {medians[name] * 1000:7.1f} ms   runs: "
              + " ".join(f"{x * 1000:.0f}" for x in times))
    import json

    parts = [json.loads(subprocess.run([sys.executable, "-c", BREAKDOWN.format(today=TODAY.isoformat())], env=env,
                                       capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    print("in-process breakdown (median of 3): " + ", ".join(
        f"{k} {statistics.median(p[k] for p in parts) * 1000:.0f} ms" for k in parts[0]))
    base = medians["python3 -I -c pass"]
    main_case = medians["ydm requests list --overdue"]
    print(f"ydm requests list --overdue: {main_case:.3f} s ({main_case / base:.1f}x bare python, "
          f"{main_case - base:.3f} s above it); target < 0.5 s: {'met' if main_case < 0.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
