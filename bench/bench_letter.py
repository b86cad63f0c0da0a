#!/usr/bin/env python3
"""One-shot commands as a person runs them: `ydm letter` (text and PDF), `ydm deadline`, `ydm orgs`.

Each is a whole process, interleaved run by run with its floor, `python -I -c 'import jinja2'` (the
template engine is mandated, so importing it is the least a letter can cost), median of N.
Targets (issues 21, 22): letter, deadline and orgs ≤ 1.3× the floor; a one-letter PDF ≤ 0.35 s.

Usage: python bench/bench_letter.py [RUNS]   (prints the figures; nothing asserted)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import JINJA, PY, ROOT, Row, child_env, machine, median, processes, report  # noqa: E402

ME = str(ROOT / "examples" / "me.toml")


def rows(runs: int = 15) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="ydm-bench-letter-") as home:
        env = child_env(YDM_HOME=home, YDM_TODAY="2026-11-26")
        ydm = [PY, "-m", "ydm"]
        cases = {
            "floor": (JINJA, env),
            "letter": ([*ydm, "letter", "access", "--to", "libdems", "--me", ME], env),
            "batch": ([*ydm, "letter", "access", "--to", "all-parties", "--me", ME], env),
            "pdf": ([*ydm, "letter", "access", "--to", "libdems", "--me", ME, "--format", "pdf",
                     "--force", "-o", str(Path(home) / "letter.pdf")], env),
            "deadline": ([*ydm, "deadline", "--sent", "2026-11-02", "--via", "email"], env),
            "orgs": ([*ydm, "orgs"], env),
        }
        times = processes(cases, runs)
    floor = median(times["floor"])

    def row(key: str, what: str, command: str, target: str) -> Row:
        return Row(what, command, median(times[key]), "import jinja2", floor, target, times[key])

    return [
        row("letter", "one letter, text", "ydm letter access --to libdems", "≤ 1.3× import jinja2"),
        row("batch", "a letter to every party, text", "ydm letter access --to all-parties", "—"),
        row("pdf", "one letter, PDF", "ydm letter access --to libdems --format pdf", "≤ 0.35 s"),
        row("deadline", "a deadline", "ydm deadline --sent … --via email", "≤ 1.3× import jinja2"),
        row("orgs", "the organisation list", "ydm orgs", "≤ 1.3× import jinja2"),
    ]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    print(f"one-shot commands, {runs} interleaved runs each, whole process; {machine()}")
    report(rows(runs))


if __name__ == "__main__":
    main()
