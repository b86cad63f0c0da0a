#!/usr/bin/env python3
"""Benchmark: importing a 1M-row ICO register of fee payers, and searching it.

Usage: .venv/bin/python bench/bench_registers.py [ROWS]
Generates a ZIP of one CSV in the ICO's published layout (docs/registers.md) with ROWS rows
(default 1,000,000; names, trading names, addresses and postcodes varied so FTS5 has real work),
then in a temp YDM_HOME, never the user's:
  1. times `ydm orgs update --ico-register FILE` as a child process, with its peak memory (ru_maxrss
     of the child), next to the floor `python -I -c pass`;       targets: <= 60 s, <= 200 MB
  2. times whole-process `ydm orgs QUERY` runs against that floor;  target: <= 1.3x the floor
  3. times the one search in-process (what the TUI runs per keystroke); target: <= 50 ms
Prints every figure, the medians and the machine load. Nothing is asserted.
"""

from __future__ import annotations

import csv
import io
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.orgs.registers.samples import ICO_HEADER  # noqa: E402

WORDS = ("acme alpha bright castle data dental digital east field green harbour insight lists market north "
         "oak park quay river rose solutions south stone trust union valley west york services holdings "
         "consulting media clinic school academy garage motors studio lettings estates agency").split()
TOWNS = "Leeds Cardiff Bristol Glasgow Belfast Norwich York Bath Derby Truro Swansea Dundee Newry".split()
QUERIES = ("acme data", "ZB0050000", "cardiff dental", "LS1 4", "plaid cymry", "harbour insight ltd", "labour")


def generate(path: Path, rows: int) -> None:
    rnd = random.Random(14)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("register-of-data-controllers.csv", "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(ICO_HEADER)
        for n in range(rows):
            name = " ".join(rnd.sample(WORDS, 3)).title() + rnd.choice((" Ltd", " Limited", " LLP", "", " CIC"))
            town = rnd.choice(TOWNS)
            pc = f"{town[:2].upper()}{rnd.randint(1, 20)} {rnd.randint(1, 9)}{rnd.choice('ABDEFGHJ')}{rnd.choice('LNPQRSTU')}"
            trading = rnd.choice(("", "", "", " ".join(rnd.sample(WORDS, 2)).title()))
            email = f"dpo@{name.split()[0].lower()}{n}.example" if n % 3 == 0 else ""
            row = [f"ZB{n:07d}", name, f"{rnd.randint(1, 200)} {rnd.choice(WORDS).title()} Street", "", "", town, "",
                   pc, "N", "2026-01-10", "2027-01-09", trading, rnd.choice(("Tier 1", "Tier 2", "Tier 3")),
                   "", "", "", "", email, "", "", "", "", "", "", "", f"https://ico.org.uk/ESDWebPages/Entry/ZB{n:07d}"]
            writer.writerow(row)
        text.flush()
        text.detach()


def child(argv: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"load average: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "YDM_HOME": str(tmp / "home")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        file = tmp / "register-of-data-controllers-2026-12-03.zip"
        t = time.perf_counter()
        generate(file, rows)
        print(f"generated {rows:,} rows: {file.stat().st_size / 1e6:.1f} MB zipped in {time.perf_counter() - t:.1f} s")
        floor = [child([sys.executable, "-I", "-c", "pass"], env)[0] for _ in range(5)]
        ydm = [str(Path(sys.executable).with_name("ydm"))]
        took, peak = child([*ydm, "orgs", "update", "--ico-register", str(file)], env)
        print(f"import: {took:.1f} s, peak {peak:.0f} MB (targets <= 60 s, <= 200 MB); "
              f"index {(tmp / 'home/cache/registers/ico.sqlite').stat().st_size / 1e6:.0f} MB")
        f = statistics.median(floor)
        print(f"floor python -I -c pass: median {f * 1000:.0f} ms")
        base = [child([*ydm, "orgs", "--category", "regulator"], env)[0] for _ in range(5)]
        print(f"ydm orgs --category regulator (no register search; ydm's own start): median "
              f"{statistics.median(base) * 1000:.0f} ms = {statistics.median(base) / f:.2f}x the floor")
        for query in QUERIES:
            runs = [child([*ydm, "orgs", *query.split()], {**env, "YDM_TODAY": "2026-12-04"})[0] for _ in range(5)]
            m = statistics.median(runs)
            print(f"ydm orgs {query!r}: median {m * 1000:.0f} ms = {m / f:.2f}x the floor (target <= 1.3x)")
        os.environ["YDM_HOME"] = env["YDM_HOME"]
        from ydm.orgs import contacts, search

        directory = contacts.load()
        for query in QUERIES:
            runs = []
            for _ in range(20):
                start = time.perf_counter()
                search.search(directory, query)
                runs.append(time.perf_counter() - start)
            print(f"in-process search {query!r}: median {statistics.median(runs) * 1000:.1f} ms, "
                  f"max {max(runs) * 1000:.1f} ms (target <= 50 ms a keystroke)")
        for prefix in ("a", "ac", "acm", "acme", "acme d", "acme da", "acme dat", "acme data"):
            start = time.perf_counter()
            search.search(directory, prefix)
            print(f"  keystroke {prefix!r}: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
