"""`ydm requests ...` and `ydm store ...` in-process through the real dispatcher (test keyring, tmp YDM_HOME)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ydm.cli import main
from ydm.letters.formats.ics import read_ics
from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.store.db import open_store

E = EventKind


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        s.save_profile(Person(name="Zebedee Quartermaine", address=("7 Quiet Lane",), postcode="SW1A 1AA",
                              email="zebedee@example.org"))
        s.add_many([
            Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="reform-uk", org_name="Reform UK",
                    channel=Channel.EMAIL, events=[Event(E.DRAFTED, date(2026, 9, 1)), Event(E.SENT, date(2026, 9, 1))],
                    letter_text="Dear DPO, first letter"),
            Request(ref="YDM-BBBBB", kind=RequestKind.OBJECT_MARKETING, org_id="libdems", org_name="Liberal Democrats",
                    events=[Event(E.DRAFTED, date(2026, 10, 10)), Event(E.SENT, date(2026, 10, 10))]),
            Request(ref="YDM-CCCCC", kind=RequestKind.ERASURE, org_id="bbc", events=[Event(E.DRAFTED, date(2026, 10, 1))]),
        ])


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_plain_json_and_filters(seeded, capsys):
    code, out, _ = run(capsys, "requests", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["REF", "ORGANISATION", "KIND"]
    assert lines[1].startswith("YDM-AAAAA") and "OVERDUE" in lines[1] and "reminder" in lines[1]
    code, out, _ = run(capsys, "requests", "list", "--json")
    data = json.loads(out)
    assert data["today"] == "2026-10-20" and [r["ref"] for r in data["requests"]] == ["YDM-AAAAA", "YDM-BBBBB", "YDM-CCCCC"]
    code, out, _ = run(capsys, "requests", "list", "--overdue", "--json")
    assert [r["ref"] for r in json.loads(out)["requests"]] == ["YDM-AAAAA"]
    code, out, _ = run(capsys, "requests", "list", "--due-within", "30", "--json")
    assert [r["ref"] for r in json.loads(out)["requests"]] == ["YDM-AAAAA", "YDM-BBBBB"]


def test_show_and_unknown_reference(seeded, capsys):
    code, out, _ = run(capsys, "requests", "show", "ydm-aaaaa")
    assert code == 0 and "status: OVERDUE" in out and "one month" in out and "next: reminder" in out
    code, out, _ = run(capsys, "requests", "show", "YDM-AAAAA", "--json", "--letters")
    assert json.loads(out)["letter_text"] == "Dear DPO, first letter"
    code, out, err = run(capsys, "requests", "show", "YDM-AAAAB")
    assert code == 3 and err.startswith("ydm: error: no request with reference YDM-AAAAB") and "YDM-AAAAA" in err


def test_mark_future_and_bad_event(seeded, capsys):
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "response-received", "--on", "2026-10-19",
                       "--note", "by email")
    assert code == 0 and "answered" in err
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "closed", "--on", "2026-10-21")
    assert code == 2 and "in the future" in err
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "answered")
    assert code == 2 and "unknown event" in err
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "closed", "--on", "20/10/2026")
    assert code == 2 and "not a date" in err


def test_next_writes_the_letter(seeded, capsys, tmp_path):
    code, out, err = run(capsys, "requests", "next", "YDM-AAAAA")
    assert code == 0 and "REMINDER" in out and "YDM-AAAAA" in out and "reminder" in err
    assert "mark YDM-AAAAA reminder-sent" in err
    path = tmp_path / "reminder.txt"
    code, out, err = run(capsys, "requests", "next", "YDM-AAAAA", "-o", str(path))
    assert code == 0 and out == "" and "REMINDER" in path.read_text()
    assert (path.stat().st_mode & 0o777) == 0o600
    code, out, err = run(capsys, "requests", "next", "YDM-BBBBB")
    assert code == 0 and out == "" and "nothing to send" in err
    code, out, err = run(capsys, "requests", "next", "YDM-BBBBB", "--kind", "follow-up", "--missing", "c")
    assert code == 0 and "Article 15(1)(c)" in out


@pytest.mark.parametrize("argv", [["--json"], ["--overdue", "--json"], ["--due-within", "0", "--json"]])
def test_the_json_listing_written_request_by_request_is_one_json_dump(seeded, capsys, argv):
    """In a pipe the listing is written request by request: the bytes are still those of one `json.dumps`
    of the whole object (the shape and the spacing scripts may rely on)."""
    code, out, _ = run(capsys, "requests", "list", *argv)
    assert code == 0
    assert out == json.dumps(json.loads(out), ensure_ascii=False) + "\n"
    assert list(json.loads(out)) == ["schema", "today", "requests"]


def test_the_calendar_on_standard_output_is_the_calendar_in_the_file(seeded, capsys, tmp_path):
    """`--ics -` writes the calendar event by event as it is made; the bytes are those of `--ics FILE`."""
    code, _, _ = run(capsys, "requests", "export", "--ics", str(tmp_path / "due.ics"))
    assert code == 0
    code, out, _ = run(capsys, "requests", "export", "--ics", "-")

    def stampless(text: str) -> list[str]:
        return [line for line in text.split("\r\n") if not line.startswith("DTSTAMP:")]

    assert code == 0 and out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    assert stampless(out) == stampless((tmp_path / "due.ics").read_bytes().decode())
    assert len(read_ics(out.encode())) == 2


def test_export_import_ics_and_json(seeded, capsys, tmp_path, monkeypatch):
    ics, js = tmp_path / "due.ics", tmp_path / "all.json"
    code, _, err = run(capsys, "requests", "export", "--ics", str(ics), "--json", str(js))
    assert code == 0 and "NOT encrypted" in err
    events = read_ics(ics.read_bytes())
    assert {e["uid"] for e in events} == {"ydm-aaaaa-due@yourdatamatters", "ydm-bbbbb-due@yourdatamatters"}
    data = json.loads(js.read_text())
    assert len(data["requests"]) == 3 and data["profile"]["postcode"] == "SW1A 1AA"
    monkeypatch.setenv("YDM_HOME", str(tmp_path / "second-home"))
    code, _, err = run(capsys, "requests", "import", "--json", str(js))
    assert code == 0 and "3 added" in err and "profile imported" in err
    js2 = tmp_path / "again.json"
    run(capsys, "requests", "export", "--json", str(js2))
    again = json.loads(js2.read_text())
    assert again["requests"] == data["requests"] and again["profile"] == data["profile"]
    code, _, err = run(capsys, "requests", "import", "--json", str(tmp_path / "missing.json"))
    assert code == 3
    code, _, err = run(capsys, "requests", "export")
    assert code == 2


def test_store_info_and_rekey(seeded, capsys, monkeypatch, keyring_memory):
    code, out, _ = run(capsys, "store", "info", "--json")
    assert code == 0 and json.loads(out)["key_mode"] == "keyring" and json.loads(out)["requests"] == 3
    monkeypatch.setenv("YDM_NEW_PASSPHRASE", "a long new passphrase")
    code, _, err = run(capsys, "store", "rekey", "--passphrase")
    assert code == 0 and "passphrase" in err
    monkeypatch.delenv("YDM_NEW_PASSPHRASE")
    code, _, err = run(capsys, "requests", "list")
    assert code == 5 and "passphrase" in err
    monkeypatch.setenv("YDM_PASSPHRASE", "wrong passphrase")
    code, _, err = run(capsys, "requests", "list")
    assert code == 5 and "does not open this store" in err
    monkeypatch.setenv("YDM_PASSPHRASE", "a long new passphrase")
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert code == 0 and len(json.loads(out)["requests"]) == 3


def test_corrupt_store_file_is_a_clear_error(capsys, isolated_home):
    path = isolated_home / "data" / "requests.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database " * 100)
    before = path.read_bytes()
    code, _, err = run(capsys, "requests", "list")
    assert code == 5 and err.startswith("ydm: error:") and "untouched" in err
    assert path.read_bytes() == before


def test_letter_record_goes_into_the_tracker(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-09-01")
    code, _, err = run(capsys, "letter", "access", "--to", "reform-uk", "--name", "Zebedee Quartermaine",
                       "--email", "zebedee@example.org", "--record", "--sent", "2026-09-01")
    assert code == 0, err
    code, out, _ = run(capsys, "requests", "list", "--json")
    (r,) = json.loads(out)["requests"]
    assert r["org_id"] == "reform-uk" and r["status"] in ("waiting", "due-soon")


def test_mark_a_draft_sent_by_post_counts_from_its_deemed_arrival(seeded, capsys):
    """YDM-CCCCC is a draft planned as email; it went by second-class post on Fri 2 Oct 2026, which is
    taken to arrive on the fourth working day (Thu 8 Oct), so the month runs from then."""
    code, _, err = run(capsys, "requests", "mark", "YDM-CCCCC", "sent", "--on", "2026-10-02", "--via", "second-class")
    assert code == 0, err
    code, out, _ = run(capsys, "requests", "show", "YDM-CCCCC", "--json")
    data = json.loads(out)
    assert data["channel"] == "second-class" and data["due"] == "2026-11-09"  # 8 Nov is a Sunday
    code, out, _ = run(capsys, "requests", "show", "YDM-CCCCC")
    assert "by second-class post" in out
    assert "sent Fri 2 Oct 2026; second-class post is taken to arrive on the fourth working day" in out
    code, _, err = run(capsys, "requests", "mark", "YDM-CCCCC", "sent", "--via", "email")
    assert code == 2 and "already recorded as sent" in err
    code, _, err = run(capsys, "requests", "mark", "YDM-BBBBB", "acknowledged", "--via", "email")
    assert code == 2 and "--via goes with the events 'sent'" in err
    with open_store() as s:
        assert [e.kind for e in s.get("YDM-CCCCC").events].count(E.SENT) == 1
