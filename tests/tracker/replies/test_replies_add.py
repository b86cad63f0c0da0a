"""`ydm replies add`: emails, mailboxes, loose files and ZIPs are matched to their request, stored
encrypted with the response-received event, and go with the request (delete) and the store (destroy)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from tests.tracker.replies import samples
from tests.tracker.replies.conftest import run
from ydm.store.db import open_store


def _events(ref):
    with open_store() as s:
        return [(e.kind.value, e.on.isoformat()) for e in s.get(ref).events]


def test_an_email_with_attachments_is_matched_by_its_subject_and_dated_by_its_date(seeded, tmp_path, capsys):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(attachments={"data.csv": ("text/csv", samples.csv_bytes()),
                                                     "letter.pdf": ("application/pdf", samples.pdf_bytes())}))
    code, out, err = run(capsys, "replies", "add", str(eml))
    assert code == 0, err
    assert "YDM-AAAAA (Labour Party): reply of 2026-10-05 taken in by the reference in its subject" in err
    assert ("response-received", "2026-10-05") in _events("YDM-AAAAA")
    code, out, _ = run(capsys, "replies", "list", "YDM-AAAAA", "--json")
    files = json.loads(out)["replies"][0]["files"]
    assert [f["name"] for f in files] == ["message.txt", "data.csv", "letter.pdf"]
    code, out, _ = run(capsys, "requests", "show", "YDM-AAAAA")
    assert "replies: 1 taken in, 3 file(s) (what they cover: ydm requests check YDM-AAAAA)" in out
    assert "2026-10-05  response-received" in out


def test_nothing_of_a_reply_is_on_disk_in_plain_text(seeded, tmp_path, capsys, isolated_home):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(attachments={"data.csv": ("text/csv", samples.csv_bytes())}))
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    for f in isolated_home.rglob("*"):
        if f.is_file():
            raw = f.read_bytes()
            assert b"Likely Labour" not in raw and b"Quartermaine" not in raw and b"electoral register" not in raw


def test_matched_by_sender_domain_when_the_subject_has_no_reference(seeded, tmp_path, capsys):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(subject="Your request", sender="dataprotection@conservatives.com", body="Hello"))
    code, _, err = run(capsys, "replies", "add", str(eml))
    assert code == 0, err
    assert "YDM-BBBBB (Conservative Party)" in err and "by who sent it" in err


def test_an_unmatched_file_in_a_script_stops_with_what_to_give(seeded, tmp_path, capsys):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(samples.pdf_bytes("Dear requester, here is your data."))
    code, _, err = run(capsys, "replies", "add", str(pdf))
    assert code == 2 and err.startswith("ydm: error: cannot tell which request letter.pdf answers")
    assert "--ref REF" in err and "YDM-AAAAA (Labour Party)" in err
    code, _, err = run(capsys, "replies", "add", str(pdf), "--ref", "AAAAA", "--on", "2026-10-07")
    assert code == 0, err
    assert ("response-received", "2026-10-07") in _events("YDM-AAAAA")


def test_mbox_maildir_and_zip_of_files(seeded, tmp_path, capsys):
    one = samples.email_bytes(subject="Re: YDM-AAAAA", body="first")
    two = samples.email_bytes(subject="Re: YDM-BBBBB", sender="dataprotection@conservatives.com", body="second",
                              when=datetime(2026, 10, 12, 8, 0, tzinfo=UTC))
    box = samples.write_mbox(tmp_path / "replies.mbox", [one, two])
    assert run(capsys, "replies", "add", str(box))[0] == 0
    assert ("response-received", "2026-10-12") in _events("YDM-BBBBB")
    md = samples.write_maildir(tmp_path / "Maildir", [samples.email_bytes(subject="YDM-CCCCC", body="third")])
    assert run(capsys, "replies", "add", str(md))[0] == 0
    z = tmp_path / "reply.zip"
    inner = samples.zip_bytes({"sheet.xlsx": samples.xlsx_bytes()})
    z.write_bytes(samples.zip_bytes({"data/export.csv": samples.csv_bytes(), "nested.zip": inner}))
    code, _, err = run(capsys, "replies", "add", str(z), "--ref", "YDM-BBBBB")
    assert code == 0, err
    with open_store() as s:
        parts = [p["name"] for rep in s.replies("YDM-BBBBB") for p in rep["parts"]]
        assert "reply.zip/data/export.csv" in parts and "reply.zip/nested.zip/sheet.xlsx" in parts
        xlsx = next(p for rep in s.replies("YDM-BBBBB") for p in rep["parts"] if p["name"].endswith("sheet.xlsx"))
        assert xlsx["tables"][0]["columns"] == ["Date", "Channel", "Outcome", "Persuadability"]


def test_the_same_reply_twice_is_kept_once(seeded, tmp_path, capsys):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes())
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    code, _, err = run(capsys, "replies", "add", str(eml))
    assert code == 0 and "already taken in" in err
    with open_store() as s:
        assert len(s.replies("YDM-AAAAA")) == 1
        assert sum(e.kind.value == "response-received" for e in s.get("YDM-AAAAA").events) == 1


def test_requests_delete_and_store_destroy_remove_replies(seeded, tmp_path, capsys, isolated_home):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes())
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    assert run(capsys, "requests", "delete", "YDM-AAAAA", "--yes")[0] == 0
    db = next(isolated_home.rglob("requests.db"))
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM replies").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM reply_parts").fetchone()[0] == 0
    eml.write_bytes(samples.email_bytes(subject="YDM-BBBBB"))
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    code, _, err = run(capsys, "store", "destroy", "--yes")
    assert code == 0, err
    assert not db.exists()


def test_at_a_terminal_an_unmatched_reply_asks_which_request(seeded, tmp_path, capsys, monkeypatch):
    import io

    from ydm.cli import output

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n"))
    f = tmp_path / "answer.txt"
    f.write_bytes(b"Dear requester, we hold no data about you.")
    code, _, err = run(capsys, "replies", "add", str(f))
    assert code == 0, err
    assert "  2. YDM-BBBBB  Conservative Party  (access)" in err and "as you chose" in err
    with open_store() as s:
        assert len(s.replies("YDM-BBBBB")) == 1 and s.replies("YDM-AAAAA") == []


def test_json_records_are_read_as_a_table(seeded, tmp_path, capsys):
    f = tmp_path / "export.json"
    f.write_text(json.dumps({"person": {"name": "Zebedee", "segments": ["Swing voter"]},
                             "scores": [{"model": "turnout", "propensity": 0.8}]}))
    assert run(capsys, "replies", "add", str(f), "--ref", "YDM-AAAAA")[0] == 0
    code, out, _ = run(capsys, "requests", "check", "YDM-AAAAA", "--json")
    lines = {x["code"]: x for x in json.loads(out)["lines"]}
    assert lines["pol:inferred"]["status"] == "found"
    assert 'export.json column "person.segments" = "Swing voter" (row 1)' in lines["pol:inferred"]["evidence"]


def test_replies_survive_store_rekey(seeded, tmp_path, capsys, monkeypatch):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(attachments={"data.csv": ("text/csv", samples.csv_bytes())}))
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    assert run(capsys, "requests", "check", "YDM-AAAAA", "--set", "15(2)=found")[0] == 0
    with open_store() as s:
        before = s.replies("YDM-AAAAA")
        data = s.reply_file("YDM-AAAAA", before[0]["id"], 1)
    monkeypatch.setenv("YDM_NEW_PASSPHRASE", "a long new passphrase")
    code, _, err = run(capsys, "store", "rekey", "--passphrase")
    assert code == 0, err
    monkeypatch.setenv("YDM_PASSPHRASE", "a long new passphrase")
    with open_store() as s:
        assert s.replies("YDM-AAAAA") == before
        assert s.reply_file("YDM-AAAAA", before[0]["id"], 1) == data == samples.csv_bytes()
        assert s.load_check("YDM-AAAAA") == {"15(2)": "found"}


def test_a_json_backup_carries_the_replies_and_restores_them(seeded, tmp_path, capsys, monkeypatch, isolated_home):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(attachments={"data.csv": ("text/csv", samples.csv_bytes())}))
    assert run(capsys, "replies", "add", str(eml))[0] == 0
    run(capsys, "requests", "check", "YDM-AAAAA", "--set", "15(2)=found")
    backup = tmp_path / "backup.json"
    assert run(capsys, "requests", "export", "--json", str(backup))[0] == 0
    with open_store() as s:
        before = s.replies("YDM-AAAAA")
    assert run(capsys, "store", "destroy", "--yes")[0] == 0
    code, _, err = run(capsys, "requests", "import", "--json", str(backup))
    assert code == 0, err
    with open_store() as s:
        after = s.replies("YDM-AAAAA")
        assert [{k: v for k, v in x.items() if k != "id"} for x in after] == \
               [{k: v for k, v in x.items() if k != "id"} for x in before]
        assert s.reply_file("YDM-AAAAA", after[0]["id"], 1) == samples.csv_bytes()
        assert s.load_check("YDM-AAAAA") == {"15(2)": "found"}
    code, _, err = run(capsys, "requests", "import", "--json", str(backup))  # again: nothing doubled
    assert code == 0 and "0 added, 0 merged" in err
    with open_store() as s:
        assert len(s.replies("YDM-AAAAA")) == 1
