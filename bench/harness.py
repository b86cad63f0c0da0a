"""The one way every benchmark here measures: whole processes, interleaved with their floor, medians.

Why this shape: a person waits for a whole process (interpreter start, imports, work, exit), so that is
what is timed; the machine is shared, so each figure is set beside a *floor* measured in the same run
and interleaved with it run by run (load that slows one slows the other), and the median of N is kept
(the best run hides the imports a person pays for, the mean is pulled by one stalled run). Each script
returns `Row`s; `bench/run_all.py` prints them all and writes the README's table. Nothing is asserted:
a benchmark reports, the reader judges against the target.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BARE = [PY, "-I", "-c", "pass"]
JINJA = [PY, "-I", "-c", "import jinja2"]


@dataclass
class Row:
    """One figure: what was measured, its median, the floor beside it, and the target it answers to."""

    what: str
    command: str
    median: float
    floor_name: str = ""
    floor: float = 0.0
    target: str = ""
    runs: list[float] = field(default_factory=list)
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None

    def figure(self) -> str:
        if self.unit != "s":
            return f"{self.median:.0f} {self.unit}"
        text = f"{self.median:.3f} s" if self.median >= 0.1 else f"{self.median * 1000:.0f} ms"
        if self.ratio is not None:
            text += f" ({self.ratio:.2f}× {self.floor_name}, {self.floor * 1000:.0f} ms)"
        return text


def load() -> str:
    try:
        return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # not every OS reports it
        return "load ?"


def machine() -> str:
    return f"{os.cpu_count()} cores, {load()}"


def child_env(**extra: str) -> dict[str, str]:
    """The children's environment: the checkout first on the path, bytecode allowed (an installed
    ydm has compiled modules; a stale .pyc would add compile time to every run)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def run_process(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit of one process; a failure stops the benchmark with its stderr."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return took


def interleaved(cases: dict[str, Callable[[], float]], runs: int, warm: int = 1) -> dict[str, list[float]]:
    """Run every case once per round, the order rotated each round, `warm` rounds discarded first.

    Interleaving is what makes a ratio honest on a shared machine: a burst of other work lands on the
    floor and the command alike, instead of on whichever happened to run during it."""
    names = list(cases)
    for _ in range(warm):
        for name in names:
            cases[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            times[name].append(cases[name]())
    return times


def processes(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, list[float]]:
    """`interleaved` for whole processes: {name: (argv, env)}."""
    return interleaved({name: (lambda a=argv, e=env: run_process(a, e)) for name, (argv, env) in cases.items()},
                       runs)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def report(rows: list[Row]) -> None:
    """Print rows as a plain list: figure, target, and every run (so an outlier shows)."""
    for row in rows:
        runs = " ".join(f"{x * 1000:.0f}" for x in row.runs) if row.unit == "s" else ""
        print(f"  {row.what:<58} {row.figure():<44} target {row.target or '—'}")
        if runs:
            print(f"      runs (ms): {runs}")
