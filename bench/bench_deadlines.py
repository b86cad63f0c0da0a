"""Benchmark: 100,000 deadline computations, and `escalation.assess` over 10,000 requests.

Run: .venv/bin/python bench/bench_deadlines.py
Target: well under 1 s for the 100,000 deadlines on a 2-core machine (median of 5 runs, every run
shown, beside a floor of as many bare date additions). The bank-holiday calendar is
loaded once beforehand (it is cached per process); each computation is otherwise done in full,
with no memoisation of results. Explanations (`Deadline.steps`) are built lazily and not timed.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta

N_DEADLINES = 100_000
N_REQUESTS = 10_000
REPEATS = 5  # median of 5; all runs are shown


def rows(runs: int = REPEATS) -> list:
    """In-process figures (the engine's own cost, no process start), median of `runs`, beside a floor of
    as many bare date additions."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from harness import Row

    runs_d, runs_a, floor = _measure(runs)
    return [
        Row(f"{N_DEADLINES:,} deadline computations (in-process)", "bench/bench_deadlines.py",
            statistics.median(runs_d), f"{N_DEADLINES:,} date additions", statistics.median(floor), "< 1 s", runs_d),
        Row(f"{N_REQUESTS:,} requests assessed: status, due, next step (in-process)", "bench/bench_deadlines.py",
            statistics.median(runs_a), "", 0.0, "—", runs_a),
    ]


def _measure(repeats: int) -> tuple[list[float], list[float], list[float]]:
    os.environ.setdefault("YDM_HOME", tempfile.mkdtemp(prefix="ydm-bench-"))  # never the user's cache
    from ydm.law import holidays_uk
    from ydm.law.deadlines import compute_deadline
    from ydm.law.escalation import assess_many
    from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind

    rng = random.Random(20261126)
    start = date(2025, 1, 1)
    nations = list(Nation)
    kinds = [RequestKind.ACCESS, RequestKind.OBJECT_MARKETING, RequestKind.ERASURE, RequestKind.COMPLAINT]
    cases = []
    for _ in range(N_DEADLINES):
        received = start + timedelta(days=rng.randrange(0, 4 * 365))
        kind = rng.choice(kinds)
        kw = {"nation": rng.choice(nations)}
        if kind is RequestKind.ACCESS and rng.random() < 0.2:
            asked = received + timedelta(days=rng.randrange(0, 20))
            kw["clarifications"] = [(asked, asked + timedelta(days=rng.randrange(0, 15)))]
        if kind is not RequestKind.COMPLAINT and rng.random() < 0.1:
            kw["extended"] = True
        cases.append((kind, received, kw))
    for nation in nations:  # warm the per-process calendar: one load per nation and year
        for year in range(2025, 2031):
            holidays_uk.bank_holidays(nation, year)

    runs, floor = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for kind, received, kw in cases:
            compute_deadline(kind, received, **kw)
        runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        one_day = timedelta(days=1)
        for _kind, received, _kw in cases:
            received + one_day  # noqa: B018 - the floor: the least a date rule can cost
        floor.append(time.perf_counter() - t0)

    today = date(2026, 11, 26)
    chains = [
        [(EventKind.SENT, 0)],
        [(EventKind.SENT, 0), (EventKind.RESPONSE_RECEIVED, 20)],
        [(EventKind.SENT, 0), (EventKind.CLARIFICATION_REQUESTED, 3), (EventKind.CLARIFICATION_PROVIDED, 9)],
        [(EventKind.SENT, 0), (EventKind.REMINDER_SENT, 35), (EventKind.COMPLAINT_SENT, 52)],
        [(EventKind.DRAFTED, 0)],
    ]
    requests = []
    for i in range(N_REQUESTS):
        sent = today - timedelta(days=rng.randrange(0, 120))
        chain = rng.choice(chains)
        requests.append(
            Request(
                ref=f"YDM-{i:05d}",
                kind=RequestKind.ACCESS,
                org_id="org",
                channel=rng.choice(list(Channel)),
                nation=rng.choice(nations),
                events=[Event(k, sent + timedelta(days=d)) for k, d in chain],
            )
        )
    assess_runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        assessed = assess_many(requests, today)
        assess_runs.append(time.perf_counter() - t0)
    assert len(assessed) == N_REQUESTS

    return runs, assess_runs, floor


def main() -> int:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from harness import machine, report

    print(f"the deadline engine, {REPEATS} runs each, median; {machine()}")
    report(rows())
    return 0


if __name__ == "__main__":
    sys.exit(main())
