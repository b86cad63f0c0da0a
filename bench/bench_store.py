#!/usr/bin/env python3
"""Benchmark: `ydm requests list` over a store of N (10,000; 100,000 on demand) requests, from process start.

Usage: .venv/bin/python bench/bench_store.py [RUNS] [N]
Builds a fresh encrypted store (in a temp YDM_HOME, with the file test keyring, never the user's) holding N
requests with realistic event histories and letter texts, and the same store locked with a passphrase
(scrypt on every start, no keyring import). Then times whole-process runs of `ydm requests list` and
`ydm requests list --overdue --json` on each, interleaved run by run with a bare `python -I -c pass`
(harness.py), medians of RUNS. Targets (issue 21): 10k listed ≤ 0.2 s, 100k ≤ 1.5 s. Nothing is asserted.
`breakdown()` shows where one listing spends its time.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BARE, PY, ROOT, Row, child_env, machine, median, processes, report  # noqa: E402

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


def rows(runs: int = 7, n: int = N) -> list[Row]:
    """The list commands over `n` requests, keyring and passphrase stores, interleaved with bare Python."""
    global N
    N = n
    homes = [Path(tempfile.mkdtemp(prefix="ydm-bench-store-")), Path(tempfile.mkdtemp(prefix="ydm-bench-store-pass-"))]
    saved = dict(os.environ)
    try:
        return _rows(runs, *homes)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        for home in homes:  # synthetic stores and their test keys: nothing to keep
            shutil.rmtree(home, ignore_errors=True)


def _rows(runs: int, home: Path, pass_home: Path) -> list[Row]:
    os.environ["YDM_HOME"] = str(home)
    os.environ["YDM_TEST_KEYRING_FILE"] = str(home / "keyring.json")
    build_s = build(home)
    os.environ["YDM_HOME"], os.environ["YDM_NEW_PASSPHRASE"] = str(pass_home), "bench passphrase"
    build(pass_home, key_mode="passphrase")
    os.environ["YDM_HOME"] = str(home)
    del os.environ["YDM_NEW_PASSPHRASE"]
    env = child_env(YDM_TODAY=TODAY.isoformat(), PYTHON_KEYRING_BACKEND="tests.store.keyring_backend.FileKeyring")
    pass_env = dict(env, YDM_HOME=str(pass_home), YDM_PASSPHRASE="bench passphrase")
    ydm = [PY, "-m", "ydm"]
    cases = {
        "floor": (BARE, env),
        "list": ([*ydm, "requests", "list"], env),
        "overdue-json": ([*ydm, "requests", "list", "--overdue", "--json"], env),
        "list-pass": ([*ydm, "requests", "list"], pass_env),
    }
    print(f"  store: {N:,} requests built in {build_s:.2f} s")
    times = processes(cases, runs)
    floor = median(times["floor"])

    def row(key: str, what: str, command: str, target: str) -> Row:
        return Row(what, command, median(times[key]), "bare Python", floor, target, times[key])

    big = N >= 100_000
    return [
        row("list", f"list {N:,} encrypted requests (keyring store)", "ydm requests list",
            "≤ 1.5 s" if big else "≤ 0.2 s"),
        row("overdue-json", f"overdue ones of {N:,}, as JSON", "ydm requests list --overdue --json",
            "≤ 1.5 s" if big else "≤ 0.2 s"),
        row("list-pass", f"list {N:,} (passphrase store: scrypt each time)", "ydm requests list",
            "≤ 1.5 s" if big else "≤ 0.2 s"),
    ]


def breakdown() -> None:
    """Where the time goes inside one listing (imports, open, decrypt, derive), median of 3."""
    import json

    env = child_env(YDM_TODAY=TODAY.isoformat(), PYTHON_KEYRING_BACKEND="tests.store.keyring_backend.FileKeyring")
    parts = [json.loads(subprocess.run([PY, "-c", BREAKDOWN.format(today=TODAY.isoformat())], env=env,
                                       capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    print("in-process breakdown (median of 3): " + ", ".join(
        f"{k} {statistics.median(p[k] for p in parts) * 1000:.0f} ms" for k in parts[0]))


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    n = int(sys.argv[2]) if len(sys.argv) > 2 else N
    print(f"request listing, {runs} interleaved runs each, whole process; {machine()}")
    report(rows(runs, n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
