"""What a calendar that imports one export after another ends up with: a finished request's events
cancelled without alarms (checked in khal, a real calendar client), SEQUENCE raised whenever an
event's text or date changes, and the dates that arise later (the reminder's end, the complaint's
acknowledgement, the ICO's three-month mark)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from ydm import tracker
from ydm.letters.formats.ics import entries_for, read_ics, to_ics, uid_for
from ydm.model import Channel, Event, EventKind, Request, RequestKind
from ydm.store.memory import MemoryStore

E, D = EventKind, date


def export(requests, today) -> bytes:
    st = MemoryStore()
    st.add_many(requests)
    return to_ics(entries_for(tracker.list_requests(st, today=today)))


def req(ref, *events) -> Request:
    return Request(ref=ref, kind=RequestKind.ACCESS, org_id="reform-uk", org_name="Reform UK",
                   channel=Channel.EMAIL, events=[Event(k, on) for k, on in events])


def khal_bin() -> str:
    exe = Path(sys.executable).with_name("khal")
    found = str(exe) if exe.exists() else shutil.which("khal")
    if not found:
        pytest.fail("khal is a test dependency (pip install -e .[test])")
    return found


@pytest.fixture
def khal(tmp_path):
    """khal with one calendar in a fresh vdir: khal("import", FILE) etc.; returns stdout."""
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(f"""[calendars]
[[ydm]]
path = {tmp_path / "cal"}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[sqlite]
path = {tmp_path / "khal.db"}
""")

    def run(*args: str) -> str:
        done = subprocess.run([khal_bin(), "-c", str(config), *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run.vdir = tmp_path / "cal"
    return run


def khal_events(khal) -> dict[str, tuple[str, bool]]:
    out = khal("list", "--format", "{uid}|{status}|{alarm-symbol}|{title}", "--day-format", "", "2026-01-01", "2028-12-31")
    got = {}
    for line in filter(None, out.splitlines()):
        uid, status, alarm, _title = line.split("|", 3)
        got[uid] = (status.strip(), bool(alarm.strip()))
    return got


def test_khal_drops_the_alarms_of_a_request_answered_between_two_exports(khal, tmp_path):
    reminded = (E.SENT, D(2026, 9, 1)), (E.REMINDER_SENT, D(2026, 10, 20))
    complained = (E.SENT, D(2026, 9, 1)), (E.REMINDER_SENT, D(2026, 10, 5)), (E.COMPLAINT_SENT, D(2026, 10, 26))
    first = tmp_path / "first.ics"
    first.write_bytes(export([req("YDM-AAAAA", *reminded), req("YDM-BBBBB", *complained),
                              req("YDM-CCCCC", (E.SENT, D(2026, 10, 20)))], D(2026, 10, 25)))
    khal("import", "--batch", "-a", "ydm", str(first))
    before = khal_events(khal)
    assert before[uid_for("YDM-AAAAA", "reminder")] == ("", True)  # the reminder's 14 days
    assert before[uid_for("YDM-BBBBB", "ico")] == ("", True)
    assert all(alarm for _status, alarm in before.values())

    second = tmp_path / "second.ics"
    second.write_bytes(export([req("YDM-AAAAA", *reminded, (E.RESPONSE_RECEIVED, D(2026, 10, 28))),
                               req("YDM-BBBBB", *complained, (E.RESPONSE_RECEIVED, D(2026, 11, 2))),
                               req("YDM-CCCCC", (E.SENT, D(2026, 10, 20)))], D(2026, 11, 3)))
    khal("import", "--batch", "-a", "ydm", str(second))
    after = khal_events(khal)
    assert after.keys() == before.keys()  # updated in place, nothing added twice
    finished = {uid: got for uid, got in after.items() if not uid.startswith("ydm-ccccc")}
    assert finished and all(got == ("CANCELLED", False) for got in finished.values())
    assert after[uid_for("YDM-CCCCC")] == ("", True)
    stored = "".join(p.read_text() for p in khal.vdir.glob("ydm-a*.ics")) + "".join(
        p.read_text() for p in khal.vdir.glob("ydm-b*.ics"))
    assert "STATUS:CANCELLED" in stored and "VALARM" not in stored


def test_sequence_rises_when_text_or_date_changes_and_not_otherwise():
    r = req("YDM-AAAAA", (E.SENT, D(2026, 11, 2)))

    def seq(today, request=r, what="due"):
        return {e["uid"]: e for e in read_ics(export([request], today))}[uid_for("YDM-AAAAA", what)]

    a, same = seq(D(2026, 11, 20)), seq(D(2026, 11, 25))
    assert (a["sequence"], a["description"]) == (same["sequence"], same["description"])
    overdue = seq(D(2026, 12, 10))  # the deadline passed: the advice changes, so does SEQUENCE
    assert overdue["description"] != a["description"] and overdue["sequence"] > a["sequence"]
    reminded = Request(**{**r.__dict__, "events": [*r.events, Event(E.REMINDER_SENT, D(2026, 12, 10))]})
    later = seq(D(2026, 12, 11), reminded)
    assert later["sequence"] > overdue["sequence"]
    window = seq(D(2026, 12, 11), reminded, "reminder")
    assert window["due"] == D(2026, 12, 24) and window["alarms"]
    gone = seq(D(2026, 12, 26), reminded, "due")  # the reminder's days are over: complain now
    assert gone["sequence"] > later["sequence"] and gone["status"] == ""
    answered = Request(**{**reminded.__dict__, "events": [*reminded.events, Event(E.RESPONSE_RECEIVED, D(2026, 12, 20))]})
    cancelled = seq(D(2026, 12, 21), answered, "reminder")
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] > window["sequence"]


def test_the_complaints_acknowledgement_then_its_outcome_are_the_due_event():
    complained = req("YDM-AAAAA", (E.SENT, D(2026, 9, 1)), (E.COMPLAINT_SENT, D(2026, 10, 26)))
    [due] = [e for e in read_ics(export([complained], D(2026, 11, 1))) if e["uid"] == uid_for("YDM-AAAAA")]
    assert "acknowledge your complaint" in due["summary"] and due["due"] == D(2026, 11, 25)
    acked = Request(**{**complained.__dict__, "events": [*complained.events, Event(E.COMPLAINT_ACKNOWLEDGED, D(2026, 11, 3))]})
    [then] = [e for e in read_ics(export([acked], D(2026, 11, 4))) if e["uid"] == uid_for("YDM-AAAAA")]
    assert "outcome" in then["summary"] and then["due"] > due["due"] and then["sequence"] > due["sequence"]
    ico = [e for e in read_ics(export([acked], D(2026, 11, 4))) if e["uid"] == uid_for("YDM-AAAAA", "ico")]
    assert ico and ico[0]["due"] == D(2027, 2, 3) and ico[0]["alarms"] == [timedelta(days=-14), timedelta(hours=9)]
