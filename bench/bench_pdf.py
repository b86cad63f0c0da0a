#!/usr/bin/env python3
"""PDF letters as a person waits for them: the whole `ydm letter … --format pdf` command.

Cases, each a whole process interleaved with the floor `python -I -c 'import jinja2'`, median of N:
- one letter (target ≤ 0.35 s, issue 22);
- a letter to every shipped organisation (about 40, two pages each) in one combined PDF, with a
  Latin-script name and with a Chinese one (the CJK fallback font is loaded then), target < 1 s.
The PDFs are written into a temporary folder and read back for their page count.

Usage: python bench/bench_pdf.py [RUNS]   (prints the figures; nothing asserted)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import JINJA, PY, Row, child_env, machine, median, processes, report  # noqa: E402

PROFILE = """name = "{name}"
address = ["12 Example Road", "Exampletown"]
postcode = "SW1A 1AA"
email = "me@example.org"
"""


def _pages(path: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # the test extra is not installed: the count is only informative
        return 0
    return len(PdfReader(path).pages)


def rows(runs: int = 7) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="ydm-bench-pdf-") as tmp:
        home = Path(tmp)
        latin, cjk = home / "latin.toml", home / "cjk.toml"
        latin.write_text(PROFILE.format(name="Siân Llŷr Wiśniewska"), encoding="utf-8")
        cjk.write_text(PROFILE.format(name="王芳"), encoding="utf-8")
        env = child_env(YDM_HOME=str(home / "ydm"), YDM_TODAY="2026-11-26")
        letter = [PY, "-m", "ydm", "letter", "access", "--format", "pdf"]
        every = ["--to", "all-parties", "--to", "all-brokers", "--to", "all-platforms", "--to", "all-campaigners"]
        cases = {
            "floor": (JINJA, env),
            "one": ([*letter, "--to", "libdems", "--me", str(latin), "--force", "-o", str(home / "one.pdf")], env),
            "latin": ([*letter, *every, "--me", str(latin), "--force", "-o", str(home / "latin.pdf")], env),
            "cjk": ([*letter, *every, "--me", str(cjk), "--force", "-o", str(home / "cjk.pdf")], env),
        }
        times = processes(cases, runs)
        pages = {key: _pages(home / f"{key}.pdf") for key in ("latin", "cjk")}
    floor = median(times["floor"])

    def row(key: str, what: str, target: str) -> Row:
        return Row(what, "ydm letter access --format pdf …", median(times[key]), "import jinja2", floor, target,
                   times[key])

    return [
        row("one", "one letter as PDF", "≤ 0.35 s"),
        row("latin", f"every organisation in one PDF ({pages['latin']} pages)", "< 1 s"),
        row("cjk", f"the same with a Chinese name ({pages['cjk']} pages, CJK font)", "< 1 s"),
    ]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"PDF letters, {runs} interleaved runs each, whole process; {machine()}")
    report(rows(runs))


if __name__ == "__main__":
    main()
