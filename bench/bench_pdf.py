"""How long 40 letters take to become one combined PDF (target: under 1 s on the 2-core CI machine).

Run: .venv/bin/python bench/bench_pdf.py [N]. Uses the real letter templates (access requests to
the shipped organisations, two pages each) and prints, best of 3 runs (other work on the machine
only ever adds time):
- N letters with Latin-script names (Polish, Welsh, Irish, Vietnamese): DejaVu only;
- N letters where some names are Chinese: the CJK fallback font is loaded too (~0.2-0.4 s once).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = date(2026, 11, 26)
LATIN = ["Łukasz Wiśniewski", "Zoë Brontë", "Siân Llŷr", "Aoife Ó Súilleabháin", "Nguyễn Thị Hằng"]
MIXED = ["Łukasz Wiśniewski", "张伟", "Siân Llŷr", "王芳"]


def letters(n: int, names: list[str]) -> list:
    from ydm.letters import render as letters
    from ydm.model import Person
    from ydm.orgs import contacts

    orgs = list(contacts.load())
    out = []
    for i in range(n):
        person = Person(name=names[i % len(names)], address=("12 Example Road", "Exampletown"),
                        postcode="SW1A 1AA", email="me@example.org")
        out.append(letters.render("access", person, orgs[i % len(orgs)], today=TODAY, reference=f"YDM-{i:05d}"))
    return out


def timed(fn, repeat: int = 3) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    t = time.perf_counter()
    import fpdf  # noqa: F401

    from ydm.letters.formats import pdf

    print(f"import fpdf2 + ydm.letters.formats.pdf: {time.perf_counter() - t:.3f} s")
    for label, names in (("Latin-script names", LATIN), ("some Chinese names", MIXED)):
        batch = letters(n, names)
        best, median, data = timed(lambda b=batch: pdf.render_many(b))
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(f"{n} letters ({label}) -> one PDF of {pages} pages, {len(data) / 1024:.0f} KiB: "
              f"best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()
