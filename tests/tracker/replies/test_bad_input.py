"""Bad replies: one clear `ydm: error:` line (nothing of that add stored, nothing stored before lost)
or a warning (stored, with what could not be read said plainly)."""

from __future__ import annotations

import pytest

from tests.tracker.replies import samples
from tests.tracker.replies.conftest import run
from ydm.store.db import open_store


def _sparse(path, size):
    with path.open("wb") as f:
        f.truncate(size)  # a 2 GB file without writing 2 GB: only its size is read before it is refused
    return path


CASES = [
    # name, make(tmp_path) -> [args], exit code, words in stderr
    ("malformed email", lambda t: [_write(t / "reply.eml", b"\x00\x01\x02 not a message \xff\xfe" * 20)],
     4, "ydm: error: reply.eml is not an email"),
    ("ZIP bomb", lambda t: [_write(t / "reply.zip", samples.bomb_bytes()), "--ref", "YDM-AAAAA"],
     4, "ydm: error: reply.zip looks like a ZIP bomb"),
    ("2 GB attachment", lambda t: [str(_sparse(t / "data.csv", 2 * 1024**3)), "--ref", "YDM-AAAAA"],
     4, "ydm: error: data.csv is 2.0 GB: more than ydm keeps of one file"),
    ("2 GB email", lambda t: [str(_sparse(t / "big.eml", 2 * 1024**3))],
     4, "ydm: error: big.eml is 2.0 GB"),
    ("reference that does not exist", lambda t: [_write(t / "r.eml", samples.email_bytes(subject="Re: YDM-ZZZZZ"))],
     3, "ydm: error: r.eml is a reply to YDM-ZZZZZ, but no request here has that reference"),
    ("--ref that does not exist", lambda t: [_write(t / "a.txt", b"hello"), "--ref", "YDM-ZZZZZ"],
     3, "ydm: error: no request with reference YDM-ZZZZZ"),
    ("a reply dated before the request went", lambda t: [_write(t / "a.txt", b"hello"), "--ref", "YDM-AAAAA",
                                                        "--on", "2026-08-01"],
     2, "ydm: error: a.txt: "),
    ("not a ZIP", lambda t: [_write(t / "x.zip", b"PK\x03\x04 broken"), "--ref", "YDM-AAAAA"],
     4, "ydm: error: x.zip is not a readable ZIP"),
    ("not a PDF", lambda t: [_write(t / "x.pdf", b"%PDF-1.4 garbage"), "--ref", "YDM-AAAAA"],
     4, "ydm: error: x.pdf is not a readable PDF"),
    ("missing file", lambda t: [str(t / "nope.eml")], 3, "ydm: error: no such file"),
    ("a folder that is not a Maildir", lambda t: [str(t)], 4, "is a folder but not a Maildir"),
    # warnings: stored
    ("encrypted PDF", lambda t: [_write(t / "locked.pdf", samples.encrypted_pdf_bytes()), "--ref", "YDM-AAAAA"],
     0, "ydm: warning: locked.pdf is password-protected"),
    ("scanned PDF", lambda t: [_write(t / "scan.pdf", samples.scanned_pdf_bytes()), "--ref", "YDM-AAAAA"],
     0, "ydm: warning: scan.pdf has no text (a scan?)"),
    ("Windows-1252 CSV", lambda t: [_write(t / "w.csv", "name,note\nZo\u00eb,caf\u00e9 \u2013 \u00a35\n".encode("cp1252")),
                                    "--ref", "YDM-AAAAA"],
     0, "ydm: warning: w.csv: not UTF-8: read as Windows-1252"),
]


def _write(path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _state():
    with open_store() as s:
        return ([(len(r["parts"]), r["received"]) for r in s.replies("YDM-AAAAA")],
                [(e.kind.value, e.on) for e in s.get("YDM-AAAAA").events])


@pytest.mark.parametrize(("name", "make", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(seeded, tmp_path, capsys, name, make, code, words):
    first = tmp_path / "first.eml"
    first.write_bytes(samples.email_bytes())
    assert run(capsys, "replies", "add", str(first))[0] == 0
    before = _state()
    work = tmp_path / "in"
    work.mkdir()
    got, out, err = run(capsys, "replies", "add", *make(work))
    assert got == code, err
    assert words in err
    assert "Traceback" not in err
    after = _state()
    if code:
        assert err.count("ydm: error:") == 1 and after == before
    else:
        assert len(after[0]) == len(before[0]) + 1 and after[0][: len(before[0])] == before[0]


def test_the_windows_1252_csv_reads_right(seeded, tmp_path, capsys):
    f = tmp_path / "w.csv"
    f.write_bytes("name,note\nZo\u00eb,caf\u00e9\n".encode("cp1252"))
    assert run(capsys, "replies", "add", str(f), "--ref", "YDM-AAAAA")[0] == 0
    with open_store() as s:
        part = s.replies("YDM-AAAAA")[0]["parts"][0]
    assert part["tables"][0]["samples"] == {"name": ["Zo\u00eb", 2], "note": ["caf\u00e9", 2]}
