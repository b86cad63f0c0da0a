"""How long 40 letters take to become one combined PDF (target: under 1 s on the 2-core CI machine).

Run: .venv/bin/python bench/bench_pdf.py [N]. Prints the import time of fpdf2, the time to render N
letters (Latin names) into one PDF, and the same with CJK names (which loads the fallback font).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.formats.conftest import BODY, make_letter


def letters(n: int, names: list[str]) -> list:
    filler = "Please confirm whether you process personal data about me and, if you do, send me a copy of it."
    long_body = BODY.replace("Please quote", "\n\n".join([filler] * 6) + "\n\nPlease quote")
    out = []
    for i in range(n):
        name = names[i % len(names)]
        ref = f"YDM-{i:05d}"
        out.append(make_letter(name=name, ref=ref, org_id=f"org-{i}", org_name=f"Organisation {i}",
                               body=long_body.format(ref=ref, name=name), on=date(2026, 11, 26)))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    t = time.perf_counter()
    import fpdf  # noqa: F401

    from ydm.formats import pdf

    print(f"import fpdf2 + ydm.formats.pdf: {time.perf_counter() - t:.3f} s")
    for label, names in (("latin", ["Łukasz Nowak", "Zoë Smith", "Siân Jones", "Aoife Ó Súilleabháin",
                                    "Nguyễn Văn An"]),
                         ("with CJK", ["Łukasz Nowak", "张伟", "Siân Jones"])):
        batch = letters(n, names)
        t = time.perf_counter()
        data = pdf.render_many(batch)
        took = time.perf_counter() - t
        print(f"{n} letters ({label}) -> one PDF: {took:.3f} s, {len(data) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
