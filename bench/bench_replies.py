"""Benchmark: `replies add` of a 20 MB reply (a CSV of 100,000 rows + a 50-page PDF, in one email),
`requests check` of it, and `report` over 50 replies, each next to a floor measured in the same run.

Run: .venv/bin/python bench/bench_replies.py
Targets (issue 15): add <= 5 s, check <= 1 s, report <= 2 s, on this 2-core machine (best of 3, all
runs shown). The floors are what no implementation can avoid: for add, reading the CSV with the
stdlib csv module, the PDF's text with pypdf and sealing the bytes with AES-GCM; for check and
report, decrypting the stored records they read (`store.replies`, `store.list`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

REPEATS = 3
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best(fn) -> tuple[float, list[float]]:
    runs = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return min(runs), runs


def big_reply(tmp: Path) -> tuple[Path, bytes, bytes]:
    from fpdf import FPDF

    from tests.tracker.replies import samples

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
    eml = tmp / "big.eml"
    eml.write_bytes(samples.email_bytes(subject="Re: YDM-AAAAA", attachments={
        "export.csv": ("text/csv", csv_data), "letter.pdf": ("application/pdf", pdf_data)}))
    return eml, csv_data, pdf_data


def main() -> int:
    home = tempfile.mkdtemp(prefix="ydm-bench-")
    os.environ["YDM_HOME"] = home
    os.environ["YDM_PASSPHRASE"] = "bench passphrase that is long enough"
    import keyring

    from tests.store.keyring_backend import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    import csv
    import io

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from pypdf import PdfReader

    from tests.tracker.replies import samples
    from ydm.model import Channel, Event, EventKind, Request, RequestKind
    from ydm.orgs import contacts
    from ydm.service import replies, report
    from ydm.store.db import SqliteStore

    today = date(2026, 10, 20)
    directory = contacts.load()
    tmp = Path(home)
    eml, csv_data, pdf_data = big_reply(tmp)
    size = eml.stat().st_size

    def floor_add():
        with eml.open("rb") as f:
            f.read()
        for _ in csv.reader(io.StringIO(csv_data.decode())):
            pass
        for p in PdfReader(io.BytesIO(pdf_data)).pages:
            p.extract_text()
        AESGCM(AESGCM.generate_key(256)).encrypt(os.urandom(12), csv_data + pdf_data, b"")

    n = [0]

    def fresh_store():
        n[0] += 1
        s = SqliteStore(tmp / f"add{n[0]}.db")
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                      channel=Channel.EMAIL, events=[Event(EventKind.SENT, date(2026, 9, 1))]))
        return s

    stores = [fresh_store() for _ in range(REPEATS)]
    it = iter(stores)

    def add():
        replies.add(next(it), [str(eml)], today=today, directory=directory)

    add_floor, add_floor_runs = best(floor_add)
    add_best, add_runs = best(add)
    s = stores[0]
    check_floor, check_floor_runs = best(lambda: s.replies("YDM-AAAAA"))
    check_best, check_runs = best(lambda: replies.check(s, "YDM-AAAAA"))
    for x in stores[1:]:
        x.close()

    rs = SqliteStore(tmp / "report.db")
    abc = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # model._REF_ALPHABET
    refs = [f"YDM-{abc[i // 32]}{abc[i % 32]}AAA" for i in range(50)]
    orgs = ["labour", "conservatives", "libdems"]
    rs.add_many([Request(ref=r, kind=RequestKind.ACCESS, org_id=orgs[i % 3], org_name=orgs[i % 3],
                         events=[Event(EventKind.SENT, date(2026, 9, 1 + i % 20))]) for i, r in enumerate(refs)])
    small = tmp / "small"
    small.mkdir()
    for i, r in enumerate(refs):
        f = small / f"{i}.eml"
        f.write_bytes(samples.email_bytes(subject=f"Re: {r}", when=datetime(2026, 10, 1 + i % 19, 9, tzinfo=UTC),
                                          attachments={"data.csv": ("text/csv", samples.csv_bytes(200))}))
    replies.add(rs, [str(small / f"{i}.eml") for i in range(50)], today=today, directory=directory)

    def report_floor():
        for r in rs.list():
            rs.replies(r.ref)

    def make_report():
        hs = report.build(rs, today=today, directory=directory)
        report.render(hs, "html", today=today)

    report_floor_best, report_floor_runs = best(report_floor)
    report_best, report_runs = best(make_report)
    pdf_best, pdf_runs = best(lambda: report.render(report.build(rs, today=today, directory=directory), "pdf",
                                                    today=today))

    def show(name, t, runs, target, floor, floor_runs):
        ok = "ok" if t <= target else "OVER"
        print(f"{name:<34} {t:6.2f} s (target {target:.0f} s, {ok}); runs {', '.join(f'{x:.2f}' for x in runs)}; "
              f"floor {floor:.3f} s (runs {', '.join(f'{x:.3f}' for x in floor_runs)})")

    print(f"reply: {size / 1e6:.1f} MB email (CSV {len(csv_data) / 1e6:.1f} MB, 100,000 rows; PDF 50 pages, "
          f"{len(pdf_data) / 1e6:.2f} MB)")
    show("replies add (20 MB)", add_best, add_runs, 5, add_floor, add_floor_runs)
    show("requests check", check_best, check_runs, 1, check_floor, check_floor_runs)
    show("report over 50 replies (html)", report_best, report_runs, 2, report_floor_best, report_floor_runs)
    show("report over 50 replies (pdf)", pdf_best, pdf_runs, 2, report_floor_best, report_floor_runs)
    s.close()
    rs.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
