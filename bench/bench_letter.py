#!/usr/bin/env python3
"""How long `ydm letter` takes from process start, against a bare `python3 -I -c pass`.

Usage: python bench/bench_letter.py [RUNS]  (prints the medians and the ratio; nothing asserted)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(argv: list[str], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "YDM_HOME": home, "YDM_TODAY": "2026-11-26"}
        base = median_seconds([sys.executable, "-I", "-c", "pass"], runs, env)
        letter = median_seconds([sys.executable, "-m", "ydm", "letter", "access", "--to", "libdems",
                                 "--me", str(ROOT / "examples" / "me.toml")], runs, env)
        batch = median_seconds([sys.executable, "-m", "ydm", "letter", "access", "--to", "all-parties",
                                "--me", str(ROOT / "examples" / "me.toml")], runs, env)
    print(f"python3 -I -c pass:                 {base * 1000:7.1f} ms")
    print(f"ydm letter access --to libdems:     {letter * 1000:7.1f} ms  ({letter / base:.1f}x bare Python)")
    print(f"ydm letter access --to all-parties: {batch * 1000:7.1f} ms  ({batch / base:.1f}x bare Python)")


if __name__ == "__main__":
    main()
