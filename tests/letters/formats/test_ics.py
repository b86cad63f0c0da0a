"""The calendar export: due dates, and the last day to complain to the ICO (law.md §8) when that
complaint is on the request's route; UIDs stay stable so re-importing updates instead of duplicating."""

from __future__ import annotations

from datetime import date, timedelta

from ydm import tracker
from ydm.letters.formats.ics import DueEntry, entries_for, read_ics, to_ics, uid_for
from ydm.model import Channel, Event, EventKind, Request, RequestKind
from ydm.store.memory import MemoryStore
from ydm.tracker import backup as tracker_io

E = EventKind
D = date


def make(ref, *events) -> Request:
    return Request(ref=ref, kind=RequestKind.ACCESS, org_id="reform-uk", org_name="Reform UK",
                   channel=Channel.EMAIL, events=[Event(k, on) for k, on in events])


def views(*requests, today):
    st = MemoryStore()
    st.add_many(list(requests))
    return tracker.list_requests(st, today=today)


def test_ico_deadline_gets_its_own_event_with_alarms():
    data = to_ics([DueEntry("YDM-AAAAA", D(2027, 1, 18), "Reform UK must acknowledge your complaint",
                            ico_by=D(2027, 3, 18), who="Reform UK")])
    got = {e["uid"]: e for e in read_ics(data)}
    assert set(got) == {uid_for("YDM-AAAAA"), uid_for("YDM-AAAAA", "ico")}
    ico = got[uid_for("YDM-AAAAA", "ico")]
    assert ico["due"] == D(2027, 3, 18)
    assert "complain to the ICO" in ico["summary"] and "Reform UK" in ico["summary"]
    assert sorted(ico["alarms"]) == [timedelta(days=-14), timedelta(hours=9)]
    assert "ico-complaint" in ico["description"]
    private = to_ics([DueEntry("YDM-AAAAA", None, "Reform UK must answer", ico_by=D(2027, 3, 18),
                               who="Reform UK")], private=True)
    assert b"Reform" not in private
    [only] = read_ics(private)
    assert only["uid"] == uid_for("YDM-AAAAA", "ico") and only["description"] == ""


def test_entries_for_views_add_the_ico_date_only_when_it_is_a_step():
    complained = make("YDM-AAAAA", (E.SENT, D(2026, 9, 1)), (E.REMINDER_SENT, D(2026, 10, 5)),
                      (E.COMPLAINT_SENT, D(2026, 10, 26)))
    waiting = make("YDM-BBBBB", (E.SENT, D(2026, 11, 20)))
    unhappy = make("YDM-CCCCC", (E.SENT, D(2026, 9, 1)), (E.COMPLAINT_SENT, D(2026, 10, 1)),
                   (E.RESPONSE_INCOMPLETE, D(2026, 11, 2)))
    answered = make("YDM-DDDDD", (E.SENT, D(2026, 9, 1)), (E.RESPONSE_RECEIVED, D(2026, 9, 20)))
    entries = {e.ref: e for e in entries_for(views(complained, waiting, unhappy, answered, today=D(2026, 12, 1)))}
    assert set(entries) == {"YDM-AAAAA", "YDM-BBBBB", "YDM-CCCCC", "YDM-DDDDD"}
    # The answered one is only there to cancel what an earlier export put in the calendar.
    assert entries["YDM-DDDDD"].due is None and entries["YDM-DDDDD"].cancelled == (("due", D(2026, 9, 20)),)
    assert entries["YDM-AAAAA"].ico_by == D(2027, 1, 26)  # three months from the complaint
    assert entries["YDM-BBBBB"].ico_by is None  # still waiting for a reply: no ICO entry yet
    assert entries["YDM-CCCCC"].due is None and entries["YDM-CCCCC"].ico_by == D(2027, 2, 2)
    events = read_ics(to_ics(entries.values()))
    uids = [e["uid"] for e in events if e["status"] != "CANCELLED"]
    assert uids.count(uid_for("YDM-BBBBB")) == 1 and uid_for("YDM-BBBBB", "ico") not in uids
    assert uid_for("YDM-AAAAA", "ico") in uids and uid_for("YDM-CCCCC", "ico") in uids
    assert uid_for("YDM-CCCCC") not in uids  # nothing is due from them, only the ICO date


def test_requests_export_ics_carries_the_ico_date(tmp_path):
    from ydm.store.db import SqliteStore

    st = SqliteStore(tmp_path / "s.db")
    try:
        st.add_many([make("YDM-AAAAA", (E.SENT, D(2026, 9, 1)), (E.REMINDER_SENT, D(2026, 10, 5)),
                          (E.COMPLAINT_SENT, D(2026, 10, 26))),
                     make("YDM-BBBBB", (E.SENT, D(2026, 11, 20)))])
        got = {e["uid"]: e for e in read_ics(tracker_io.export_ics(st, today=D(2026, 12, 1)))}
    finally:
        st.close()
    assert set(got) == {uid_for("YDM-AAAAA"), uid_for("YDM-AAAAA", "ico"), uid_for("YDM-BBBBB")}
    assert got[uid_for("YDM-AAAAA", "ico")]["due"] == D(2027, 1, 26)
