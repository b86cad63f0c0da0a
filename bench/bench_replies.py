#!/usr/bin/env python3
"""Benchmark: `replies add` of a 20 MB reply (a CSV of 100,000 rows + a 50-page PDF, in one email),
`requests check` of it, and `report` over 50 replies: whole processes, each beside its floor.

Usage: .venv/bin/python bench/bench_replies.py [RUNS]
Setup (in a child, untimed): temp YDM_HOMEs, never the user's, with keyring stores whose keys are in
the file test keyring (tests/store/keyring_backend.py): one holding request YDM-AAAAA (copied afresh
before every `replies add`, so each run takes the reply into the same store), one where that reply is
already in (for `check`), one with 50 requests and 50 small replies (for `report`). Then, interleaved
run by run (harness.py), medians of RUNS:
  - `ydm replies add big.eml` against the floor: a child Python reading the same email, going through
    the same CSV with the stdlib csv module, the PDF's text with pypdf, and sealing CSV + PDF with
    AES-GCM (its start and those imports included): the work no implementation can skip;
  - `ydm requests check YDM-AAAAA` and `ydm report -o report.html|.pdf` against the floor: a child
    Python opening the same store and decrypting the records the command reads (`store.replies`,
    `store.list`), with ydm's store import;
  - peak memory of `replies add`, once more through a small parent (bench_ics.peak_mib).
Targets (issue 15): add <= 5 s, check <= 1 s, report <= 2 s on this 2-core machine. Nothing is asserted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ics import peak_mib  # noqa: E402
from harness import PY, ROOT, Row, child_env, interleaved, machine, median, report, run_process  # noqa: E402

TODAY = "2026-10-20"
REF = "YDM-AAAAA"
KEYS = {"PYTHON_KEYRING_BACKEND": "tests.store.keyring_backend.FileKeyring"}

FLOOR_ADD = """
import csv, io, os, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pypdf import PdfReader
eml, csv_path, pdf_path = sys.argv[1:]
with open(eml, "rb") as f:
    f.read()
csv_data, pdf_data = open(csv_path, "rb").read(), open(pdf_path, "rb").read()
for _ in csv.reader(io.StringIO(csv_data.decode())):
    pass
for p in PdfReader(io.BytesIO(pdf_data)).pages:
    p.extract_text()
AESGCM(AESGCM.generate_key(256)).encrypt(os.urandom(12), csv_data + pdf_data, b"")
"""
FLOOR_READ = """
import sys
from ydm.store.db import open_store
s = open_store(create=False)
for r in ([s.get(sys.argv[1])] if len(sys.argv) > 1 else s.list()):
    s.replies(r.ref)
"""


def setup(tmp: Path) -> None:
    """In a child (run by `rows`): the reply files and the three stores. YDM_TEST_KEYRING_FILE is set."""
    from datetime import UTC, date, datetime

    from fpdf import FPDF

    from tests.tracker.replies import samples
    from ydm.model import Channel, Event, EventKind, Request, RequestKind
    from ydm.orgs import contacts
    from ydm.service import replies
    from ydm.store.db import SqliteStore

    head = "first_name,last_name,address,postcode,voting_intention,support_score,source,canvass_note,contact_date\n"
    row = ("Zebedee,Quartermaine,\"7 Quiet Lane, Anytown, Somewhere County\",SW1A 1AA,Likely Labour,{},"
           "Electoral register 2025,\"Spoke on the doorstep about local services and the high street\",2025-05-{:02d}\n")
    csv_data = (head + "".join(row.format(i % 100, i % 28 + 1) for i in range(100_000))).encode()
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_font("helvetica", size=9)
    for _ in range(50):
        pdf.add_page()
        pdf.multi_cell(0, 4, samples.LETTER * 6)
    pdf_data = bytes(pdf.output())
    (tmp / "export.csv").write_bytes(csv_data)
    (tmp / "letter.pdf").write_bytes(pdf_data)
    (tmp / "big.eml").write_bytes(samples.email_bytes(subject=f"Re: {REF}", attachments={
        "export.csv": ("text/csv", csv_data), "letter.pdf": ("application/pdf", pdf_data)}))

    today, directory = date.fromisoformat(TODAY), contacts.load()
    one = Request(ref=REF, kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                  channel=Channel.EMAIL, events=[Event(EventKind.SENT, date(2026, 9, 1))])
    for name in ("add", "check"):
        with SqliteStore(tmp / name / "data" / "requests.db") as s:
            s.add(one)
            if name == "check":
                replies.add(s, [str(tmp / "big.eml")], today=today, directory=directory)

    abc = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # model._REF_ALPHABET
    refs = [f"YDM-{abc[i // 32]}{abc[i % 32]}AAA" for i in range(50)]
    orgs = ["labour", "conservatives", "libdems"]
    small = tmp / "small"
    small.mkdir()
    for i, r in enumerate(refs):
        (small / f"{i}.eml").write_bytes(samples.email_bytes(
            subject=f"Re: {r}", when=datetime(2026, 10, 1 + i % 19, 9, tzinfo=UTC),
            attachments={"data.csv": ("text/csv", samples.csv_bytes(200))}))
    with SqliteStore(tmp / "report" / "data" / "requests.db") as s:
        s.add_many([Request(ref=r, kind=RequestKind.ACCESS, org_id=orgs[i % 3], org_name=orgs[i % 3],
                            events=[Event(EventKind.SENT, date(2026, 9, 1 + i % 20))]) for i, r in enumerate(refs)])
        replies.add(s, [str(small / f"{i}.eml") for i in range(50)], today=today, directory=directory)


def rows(runs: int = 5) -> list[Row]:
    tmp = Path(tempfile.mkdtemp(prefix="ydm-bench-replies-"))
    try:
        return _rows(runs, tmp)
    finally:  # synthetic stores, replies and their test keys: nothing to keep
        shutil.rmtree(tmp, ignore_errors=True)


def _rows(runs: int, tmp: Path) -> list[Row]:
    keys = dict(KEYS, YDM_TEST_KEYRING_FILE=str(tmp / "keyring.json"))  # one keyring file for every copy
    code = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; import bench_replies;"
            f" from pathlib import Path; bench_replies.setup(Path({str(tmp)!r}))")
    subprocess.run([PY, "-c", code], check=True, env=child_env(YDM_HOME=str(tmp / "add"), **keys), cwd=ROOT)
    env = {name: child_env(YDM_TODAY=TODAY, YDM_HOME=str(tmp / name), **keys) for name in ("add", "check", "report")}
    run_env = dict(env["add"], YDM_HOME=str(tmp / "run"))
    eml = str(tmp / "big.eml")
    ydm = [PY, "-m", "ydm"]
    add_argv = [*ydm, "replies", "add", eml]

    def fresh() -> None:  # untimed: the store as it was before the reply came
        shutil.rmtree(tmp / "run", ignore_errors=True)
        shutil.copytree(tmp / "add", tmp / "run")

    def add() -> float:
        fresh()
        return run_process(add_argv, run_env)

    def proc(argv: list[str], e: dict[str, str]):
        return lambda: run_process(argv, e)

    report_argv = [*ydm, "report", "--force", "-o"]
    cases = {
        "floor-add": proc([PY, "-c", FLOOR_ADD, eml, str(tmp / "export.csv"), str(tmp / "letter.pdf")], env["add"]),
        "add": add,
        "floor-check": proc([PY, "-c", FLOOR_READ, REF], env["check"]),
        "check": proc([*ydm, "requests", "check", REF], env["check"]),
        "floor-report": proc([PY, "-c", FLOOR_READ], env["report"]),
        "html": proc([*report_argv, str(tmp / "report.html")], env["report"]),
        "pdf": proc([*report_argv, str(tmp / "report.pdf")], env["report"]),
    }
    size, csv_mb = Path(eml).stat().st_size, (tmp / "export.csv").stat().st_size / 1e6
    print(f"  reply: {size / 1e6:.1f} MB email (CSV {csv_mb:.1f} MB, 100,000 rows;"
          f" PDF 50 pages, {(tmp / 'letter.pdf').stat().st_size / 1e6:.2f} MB)")
    times = interleaved(cases, runs)
    fresh()
    peak = peak_mib(add_argv, run_env)

    def row(key: str, floor_key: str, floor_name: str, what: str, command: str, target: str) -> Row:
        return Row(what, command, median(times[key]), floor_name, median(times[floor_key]), target, times[key])

    read = "decrypting what it reads"
    return [
        row("add", "floor-add", "csv + pypdf + AES-GCM of it", f"take in a reply: {size / 1e6:.0f} MB email, "
            f"CSV {csv_mb:.0f} MB (100,000 rows) + PDF 50 pages", "ydm replies add big.eml", "≤ 5 s"),
        Row("take in that reply: peak memory", "ydm replies add big.eml", peak, target="—", unit="MiB"),
        row("check", "floor-check", read, "check that reply against Article 15", f"ydm requests check {REF}",
            "≤ 1 s"),
        row("html", "floor-report", read, "report over 50 replies (HTML)", "ydm report -o report.html", "≤ 2 s"),
        row("pdf", "floor-report", read, "report over 50 replies (PDF)", "ydm report -o report.pdf", "≤ 2 s"),
    ]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"replies, {runs} interleaved runs each, whole process; {machine()}")
    report(rows(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
