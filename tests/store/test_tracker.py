"""Tracker use cases over both stores: escalation choices, recording, marking, next letters, export/import."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ydm import tracker
from ydm.errors import DataError, InputError, NotFoundError
from ydm.letters import render as letters
from ydm.letters.formats.ics import read_ics, uid_for
from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.orgs import contacts
from ydm.store.db import SqliteStore
from ydm.store.memory import MemoryStore
from ydm.tracker import backup as tracker_io

E = EventKind
ME = Person(name="Zebedee Quartermaine", address=("7 Quiet Lane", "London"), postcode="SW1A 1AA",
            email="zebedee@example.org")


@pytest.fixture(params=["sqlite", "memory"])
def st(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def d(text: str) -> date:
    return date.fromisoformat(text)


def make(events, kind=RequestKind.ACCESS, ref="YDM-TTTTT") -> Request:
    return Request(ref=ref, kind=kind, org_id="reform-uk", org_name="Reform UK", channel=Channel.EMAIL,
                   events=[Event(k, d(on)) for k, on in events])


SENT = [(E.DRAFTED, "2026-09-01"), (E.SENT, "2026-09-01")]  # due Thu 1 Oct 2026 (email, E&W)

# (events, today, status, next letter now)
TABLE = [
    ([(E.DRAFTED, "2026-09-01")], "2026-09-10", "draft", None),
    (SENT, "2026-09-10", "waiting", None),
    (SENT, "2026-09-28", "due-soon", None),
    (SENT, "2026-10-01", "due-today", None),
    (SENT, "2026-10-05", "overdue", RequestKind.REMINDER),
    (SENT + [(E.REMINDER_SENT, "2026-10-05")], "2026-10-10", "reminded", None),
    (SENT + [(E.REMINDER_SENT, "2026-10-05")], "2026-10-25", "overdue", RequestKind.COMPLAINT),
    (SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.COMPLAINT_SENT, "2026-10-26")], "2026-11-10", "complained", None),
    (SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.COMPLAINT_SENT, "2026-10-26")], "2026-12-01",
     "complaint-overdue", RequestKind.ICO_COMPLAINT),
    (SENT + [(E.COMPLAINT_SENT, "2026-10-26"), (E.COMPLAINT_ACKNOWLEDGED, "2026-11-02")], "2026-11-20",
     "complained", None),
    (SENT + [(E.RESPONSE_INCOMPLETE, "2026-09-20")], "2026-09-25", "incomplete", RequestKind.FOLLOW_UP),
    (SENT + [(E.RESPONSE_RECEIVED, "2026-09-20")], "2026-11-25", "answered", None),
    (SENT + [(E.ICO_COMPLAINT_SENT, "2026-12-01")], "2026-12-05", "with-ico", None),
    (SENT + [(E.WITHDRAWN, "2026-09-05")], "2026-11-05", "withdrawn", None),
    (SENT + [(E.CLOSED, "2026-09-05")], "2026-11-05", "closed", None),
    (SENT + [(E.ID_REQUESTED, "2026-09-03")], "2026-10-05", "id-requested", None),
    (SENT + [(E.ID_REQUESTED, "2026-09-03"), (E.ID_PROVIDED, "2026-09-10")], "2026-10-05", "due-soon", None),
    (SENT + [(E.ID_REQUESTED, "2026-09-03"), (E.ID_PROVIDED, "2026-09-10")], "2026-10-13", "overdue", RequestKind.REMINDER),
    (SENT + [(E.FEE_REQUESTED, "2026-09-03")], "2026-10-05", "fee-requested", None),
    (SENT + [(E.CLARIFICATION_REQUESTED, "2026-09-10")], "2026-10-05", "paused", None),
    (SENT + [(E.EXTENDED, "2026-09-20")], "2026-10-05", "waiting", None),
]


def test_incomplete_objection_goes_to_complaint_not_follow_up(st):
    st.add(make(SENT + [(E.RESPONSE_INCOMPLETE, "2026-09-20")], kind=RequestKind.OBJECT_MARKETING))
    v = tracker.list_requests(st, today=d("2026-09-25"))[0]
    assert (v.status, v.next_kind) == ("incomplete", RequestKind.COMPLAINT) and "164A" in v.next_reason


@pytest.mark.parametrize(("events", "today", "status", "nxt"), TABLE)
def test_escalation_choices_via_tracker(st, events, today, status, nxt):
    st.add(make(events))
    v = tracker.list_requests(st, today=d(today))[0]
    assert (v.status, v.next_kind) == (status, nxt)
    shown, _ = tracker.show(st, "YDM-TTTTT", today=d(today))
    assert shown.status == status
    assert json.dumps(v.to_json())  # the --json shape serialises


def test_due_dates_and_filters(st):
    st.add_many([make(SENT, ref="YDM-AAAAA"),
                 make([(E.DRAFTED, "2026-09-20"), (E.SENT, "2026-09-20")], ref="YDM-BBBBB"),
                 make(SENT + [(E.RESPONSE_RECEIVED, "2026-09-15")], ref="YDM-CCCCC"),
                 make([(E.DRAFTED, "2026-09-20")], ref="YDM-DDDDD")])
    today = d("2026-10-15")
    views = tracker.list_requests(st, today=today)
    assert views[0].ref == "YDM-AAAAA" and views[0].due == d("2026-10-01") and views[0].explanation
    assert views[1].ref == "YDM-BBBBB" and views[1].due == d("2026-10-20")
    assert [v.ref for v in tracker.list_requests(st, today=today, overdue=True)] == ["YDM-AAAAA"]
    assert [v.ref for v in tracker.list_requests(st, today=today, due_within=5)] == ["YDM-AAAAA", "YDM-BBBBB"]
    assert [v.ref for v in tracker.list_requests(st, today=today, due_within=2)] == ["YDM-AAAAA"]
    with pytest.raises(InputError):
        tracker.list_requests(st, today=today, due_within=-1)


def test_extension_moves_the_due_date(st):
    st.add(make(SENT + [(E.EXTENDED, "2026-09-20")]))
    assert tracker.list_requests(st, today=d("2026-10-05"))[0].due == d("2026-12-01")


def test_mark_records_and_refuses_future_dates(st):
    st.add(make(SENT))
    v = tracker.mark(st, "ydm-ttttt", "Response Received", today=d("2026-09-20"), on=d("2026-09-19"), note="by post")
    assert v.status == "answered" and st.get("YDM-TTTTT").events[-1].note == "by post"
    with pytest.raises(InputError, match="in the future"):
        tracker.mark(st, "YDM-TTTTT", "closed", today=d("2026-09-20"), on=d("2026-09-21"))
    with pytest.raises(InputError, match="did you mean response-received"):
        tracker.mark(st, "YDM-TTTTT", "respons-received", today=d("2026-09-20"))
    with pytest.raises(NotFoundError, match="YDM-TTTTT"):
        tracker.mark(st, "YDM-TTTTA", "closed", today=d("2026-09-20"))
    assert len(st.get("YDM-TTTTT").events) == 3


def test_out_of_order_events_are_recorded_with_a_warning(st):
    st.add(make([(E.DRAFTED, "2026-09-01")]))
    v = tracker.mark(st, "YDM-TTTTT", "response-received", today=d("2026-09-20"), on=d("2026-09-10"))
    assert any("before the request was sent" in w or "never marked as sent" in w for w in v.warnings)
    v = tracker.mark(st, "YDM-TTTTT", "sent", today=d("2026-09-20"), on=d("2026-09-01"))
    assert any("out of order" in w for w in v.warnings)
    v = tracker.mark(st, "YDM-TTTTT", "fee-paid", today=d("2026-09-20"), on=d("2026-09-12"))
    assert any("no fee-requested" in w for w in v.warnings)
    assert len(st.get("YDM-TTTTT").events) == 4  # everything was recorded


def test_record_letters_creates_requests_and_keeps_the_profile(st, directory):
    orgs = [directory.get("reform-uk"), directory.get("libdems")]
    ls = [letters.render("access", ME, o, today=d("2026-09-01")) for o in orgs]
    out = tracker.record_letters(ls, channel="first-class", sent_on=d("2026-09-02"), store=st, today=d("2026-09-03"))
    assert [r.ref for r in out] == [x.reference for x in ls]
    r = st.get(ls[0].reference)
    assert r.org_id == "reform-uk" and r.channel is Channel.FIRST_CLASS and r.letter_text == ls[0].text
    assert [(e.kind, e.on) for e in r.events] == [(E.DRAFTED, d("2026-09-01")), (E.SENT, d("2026-09-02"))]
    assert st.load_profile() == ME
    with pytest.raises(InputError, match="future"):
        tracker.record_letters(ls, channel="email", sent_on=d("2026-12-01"), store=st, today=d("2026-09-03"))
    with pytest.raises(InputError, match="unknown channel"):
        tracker.record_letters(ls, channel="pigeon", store=st, today=d("2026-09-03"))


def test_record_letters_default_store_is_the_users(isolated_home, directory):
    letter = letters.render("erasure", ME, directory.get("reform-uk"), today=d("2026-09-01"))
    tracker.record_letters([letter], channel=Channel.EMAIL)
    from ydm.store.db import open_store

    with open_store() as s:
        assert s.get(letter.reference).kind is RequestKind.ERASURE


def test_later_letter_with_known_reference_joins_its_request(st, directory):
    first = letters.render("access", ME, directory.get("reform-uk"), today=d("2026-09-01"))
    tracker.record_letters([first], channel="email", sent_on=d("2026-09-01"), store=st, today=d("2026-09-01"))
    rem = letters.render("reminder", ME, directory.get("reform-uk"), today=d("2026-10-05"), reference=first.reference,
                         context=_ctx())
    tracker.record_letters([rem], channel="email", sent_on=d("2026-10-05"), store=st, today=d("2026-10-05"))
    assert st.count() == 1
    assert st.get(first.reference).events[-1].kind is E.REMINDER_SENT
    assert st.letters(first.reference)[0].kind is RequestKind.REMINDER


def _ctx():
    from ydm.tracker.next_step import letter_context

    r = make(SENT)
    v = tracker.view(r, d("2026-10-05"))
    return letter_context(r, v, RequestKind.REMINDER, d("2026-10-05"), [], contacts.load().get("reform-uk"))


@pytest.mark.parametrize(("events", "today", "kind", "must"), [
    (SENT, "2026-10-05", RequestKind.REMINDER, ["REMINDER", "1 September 2026", "1 October 2026", "14 days"]),
    (SENT + [(E.REMINDER_SENT, "2026-10-05")], "2026-10-25", RequestKind.COMPLAINT,
     ["section 164A", "5 October 2026: I sent you a reminder", "within 30 days"]),
    (SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.COMPLAINT_SENT, "2026-10-26")], "2026-12-01",
     RequestKind.ICO_COMPLAINT, ["section 165", "1 September 2026: I sent my subject access request",
                                 "5 October 2026: I sent them a reminder", "26 October 2026: I complained to them",
                                 "last contact with the organisation was on 26 October 2026",
                                 "within three months", "Reform UK Party Ltd"]),
])
def test_next_letter_picks_and_writes(st, directory, events, today, kind, must):
    st.add(make(events))
    st.save_profile(ME)
    step = tracker.next_letter(st, "YDM-TTTTT", today=d(today), directory=directory)
    assert step.kind is kind and step.reason
    text = step.letter.text
    for piece in must:
        assert piece in text, piece
    assert "YDM-TTTTT" in text and "Zebedee Quartermaine" in text
    if kind is RequestKind.ICO_COMPLAINT:
        assert "Wilmslow" in text  # addressed to the ICO
    assert st.letters("YDM-TTTTT")[-1].kind is kind


def test_follow_up_asks_for_exactly_the_ticked_items(st, directory):
    st.add(make(SENT + [(E.RESPONSE_INCOMPLETE, "2026-09-20")]))
    st.save_profile(ME)
    with pytest.raises(InputError, match="left out"):
        tracker.next_letter(st, "YDM-TTTTT", today=d("2026-09-25"), directory=directory)
    with pytest.raises(InputError, match="unknown item"):
        tracker.next_letter(st, "YDM-TTTTT", today=d("2026-09-25"), directory=directory, missing=["15(1)(z)"])
    step = tracker.next_letter(st, "YDM-TTTTT", today=d("2026-09-25"), directory=directory,
                               missing=["15(1)(c)", "g"])
    body = step.letter.body
    assert step.kind is RequestKind.FOLLOW_UP
    assert "Article 15(1)(c)" in body and "Article 15(1)(g)" in body
    for other in "abdefh":
        assert f"Article 15(1)({other})" not in body
    assert "20 September 2026" in body


def test_next_when_nothing_is_due_and_without_profile(st, directory):
    st.add(make(SENT))
    step = tracker.next_letter(st, "YDM-TTTTT", today=d("2026-09-10"), directory=directory)
    assert step.kind is None and step.letter is None and "reminder" in step.reason
    with pytest.raises(InputError, match="no profile"):
        tracker.next_letter(st, "YDM-TTTTT", today=d("2026-10-05"), directory=directory)


def test_json_export_import_roundtrip_is_lossless(st, tmp_path, directory):
    st.save_profile(ME)
    st.add_many([make(SENT + [(E.REMINDER_SENT, "2026-10-05")], ref="YDM-AAAAA"),
                 make([(E.DRAFTED, "2026-09-01")], kind=RequestKind.OPEN_REGISTER, ref="YDM-BBBBB")])
    st.add_event("YDM-AAAAA", Event(E.RESPONSE_RECEIVED, d("2026-10-09"), note="café ✓", data={"satisfied": False}))
    tracker.next_letter(st, "YDM-AAAAA", today=d("2026-10-25"), directory=directory, kind="complaint")
    exported = tracker_io.export_json(st, today=d("2026-10-25"))
    text = json.dumps(exported)
    with SqliteStore(tmp_path / "other.db") as other:
        res = tracker_io.import_json(other, json.loads(text))
        assert (res.added, res.merged, res.unchanged, res.profile) == (2, 0, 0, True)
        assert tracker_io.export_json(other, today=d("2026-10-25")) == exported
        again = tracker_io.import_json(other, json.loads(text))
        assert (again.added, again.merged, again.unchanged) == (0, 0, 2)
    with pytest.raises(DataError):
        tracker_io.import_json(st, {"format": "something-else"})
    with pytest.raises(DataError, match="damaged"):
        tracker_io.import_json(st, {"format": "ydm-requests", "version": 1, "requests": [{"ref": "YDM-X"}]})


def test_import_merges_missing_events(st):
    st.add(make(SENT, ref="YDM-AAAAA"))
    data = tracker_io.export_json(st, today=d("2026-10-01"))
    data["requests"][0]["events"].append({"kind": "response-received", "on": "2026-09-20"})
    res = tracker_io.import_json(st, data)
    assert res.merged == 1 and st.get("YDM-AAAAA").events[-1].kind is E.RESPONSE_RECEIVED


def test_ics_roundtrip_has_stable_uids(st):
    st.add_many([make(SENT, ref="YDM-AAAAA"), make([(E.DRAFTED, "2026-09-01"), (E.SENT, "2026-09-20")], ref="YDM-BBBBB"),
                 make(SENT + [(E.CLOSED, "2026-09-05")], ref="YDM-CCCCC")])
    everything = read_ics(tracker_io.export_ics(st, today=d("2026-09-25")))
    # The closed request is there only to cancel what an earlier export put in a calendar (issue 20).
    [closed] = [e for e in everything if e["status"] == "CANCELLED"]
    assert closed["uid"] == uid_for("YDM-CCCCC") and closed["alarms"] == []
    first = [e for e in everything if e["status"] != "CANCELLED"]
    assert [(e["uid"], e["due"]) for e in first] == [(uid_for("YDM-AAAAA"), d("2026-10-01")),
                                                     (uid_for("YDM-BBBBB"), d("2026-10-20"))]
    assert all(sorted(e["alarms"]) == sorted([__import__("datetime").timedelta(days=-7),
                                              __import__("datetime").timedelta(hours=9)]) for e in first)
    assert "Reform UK" in first[0]["summary"]
    tracker.mark(st, "YDM-AAAAA", "extended", today=d("2026-09-25"), on=d("2026-09-20"))
    second = [e for e in read_ics(tracker_io.export_ics(st, today=d("2026-09-25"))) if e["status"] != "CANCELLED"]
    by_uid = {e["uid"]: e for e in second}
    assert set(by_uid) == {e["uid"] for e in first}  # same UIDs: re-import updates, never duplicates
    assert by_uid[uid_for("YDM-AAAAA")]["due"] == d("2026-12-01")
    assert by_uid[uid_for("YDM-AAAAA")]["sequence"] > first[0]["sequence"]
    private = tracker_io.export_ics(st, today=d("2026-09-25"), private=True)
    assert b"Reform" not in private and b"access" not in private
