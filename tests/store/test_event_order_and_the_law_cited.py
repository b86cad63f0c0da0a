"""Backfilled dates, impossible event orders, `-` as stdout/stdin, the follow-up hint,
and the law the escalation letters cite depending on their date (SI 2026/82 regs 4 and 7)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from tests.store.test_tracker import ME, SENT, d, make
from ydm import tracker
from ydm.cli import main
from ydm.errors import InputError
from ydm.letters import render as letters
from ydm.letters.formats.ics import read_ics
from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.orgs import contacts
from ydm.store.db import SqliteStore, open_store
from ydm.store.memory import MemoryStore

E = EventKind


@pytest.fixture(params=["sqlite", "memory"])
def st(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. backfilled requests: drafted never after sent; timelines in date order ----------------------


def test_backfilled_letter_is_drafted_by_its_sent_date(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    code, _, err = run(capsys, "letter", "access", "--to", "reform-uk", "--name", "Zebedee Quartermaine",
                       "--email", "zebedee@example.org", "--record", "--sent", "2026-11-20")
    assert code == 0, err
    code, out, err = run(capsys, "requests", "list", "--json")
    assert code == 0, err
    (r,) = json.loads(out)["requests"]
    assert [(e["kind"], e["on"]) for e in r["events"]] == [("drafted", "2026-11-20"), ("sent", "2026-11-20")]
    assert not any("out of order" in w or "earlier than" in w for w in r["warnings"])
    code, out, err = run(capsys, "requests", "show", r["ref"])
    assert "out of order" not in err and "warning" not in err
    events = out[out.index("events:"):].splitlines()[1:3]
    assert [line.split()[1] for line in events] == ["drafted", "sent"]


def test_record_letters_keeps_the_letter_date_when_sent_later(st, directory):
    letter = letters.render("access", ME, directory.get("reform-uk"), today=d("2026-09-01"))
    (r,) = tracker.record_letters([letter], channel="email", sent_on=d("2026-09-03"), store=st, today=d("2026-09-05"))
    assert [(e.kind, e.on) for e in r.events] == [(E.DRAFTED, d("2026-09-01")), (E.SENT, d("2026-09-03"))]


def test_events_are_kept_and_shown_in_date_order_stable_within_a_day(st):
    st.add(make([(E.DRAFTED, "2026-09-01")]))
    tracker.mark(st, "YDM-TTTTT", "sent", today=d("2026-09-20"), on=d("2026-09-02"))
    tracker.mark(st, "YDM-TTTTT", "response-incomplete", today=d("2026-09-20"), on=d("2026-09-15"))
    tracker.mark(st, "YDM-TTTTT", "acknowledged", today=d("2026-09-20"), on=d("2026-09-03"))
    tracker.mark(st, "YDM-TTTTT", "id-requested", today=d("2026-09-20"), on=d("2026-09-03"))
    got = [(e.kind, e.on.day) for e in st.get("YDM-TTTTT").events]
    assert got == [(E.DRAFTED, 1), (E.SENT, 2), (E.ACKNOWLEDGED, 3), (E.ID_REQUESTED, 3),
                   (E.RESPONSE_INCOMPLETE, 15)]


def test_show_sorts_a_log_stored_out_of_order(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-09-20")
    with open_store() as s:
        s.add(Request(ref="YDM-OOOOO", kind=RequestKind.ACCESS, org_id="reform-uk", channel=Channel.EMAIL,
                      events=[Event(E.SENT, date(2026, 9, 2)), Event(E.DRAFTED, date(2026, 9, 1)),
                              Event(E.ACKNOWLEDGED, date(2026, 9, 3)), Event(E.RECEIVED, date(2026, 9, 3))]))
    code, out, _ = run(capsys, "requests", "show", "YDM-OOOOO")
    shown = [line.split()[1] for line in out[out.index("events:"):].splitlines()[1:5]]
    assert shown == ["drafted", "sent", "acknowledged", "received"]
    code, out, _ = run(capsys, "requests", "show", "YDM-OOOOO", "--json")
    assert [e["kind"] for e in json.loads(out)["events"]] == ["drafted", "sent", "acknowledged", "received"]


# --- 2. impossible orders are refused; late ones are recorded with a warning ------------------------


@pytest.mark.parametrize(("events", "kind", "on", "match"), [
    (SENT, "received", "2026-08-30", "before the request was sent"),
    (SENT, "response-received", "2026-08-31", "before the request was sent"),
    (SENT, "reminder-sent", "2026-08-31", "before the request was sent"),
    (SENT + [(E.CLARIFICATION_REQUESTED, "2026-09-10")], "clarification-provided", "2026-09-08",
     "before the question"),
    (SENT + [(E.CLARIFICATION_PROVIDED, "2026-09-08")], "clarification-requested", "2026-09-10",
     "answer is recorded"),
    (SENT + [(E.COMPLAINT_SENT, "2026-10-26")], "complaint-acknowledged", "2026-10-20", "before the complaint"),
    ([(E.DRAFTED, "2026-09-01"), (E.RESPONSE_RECEIVED, "2026-09-05")], "sent", "2026-09-10",
     "cannot have been sent"),
])
def test_impossible_orders_are_refused(st, events, kind, on, match):
    st.add(make(events))
    before = len(st.get("YDM-TTTTT").events)
    with pytest.raises(InputError, match=match):
        tracker.mark(st, "YDM-TTTTT", kind, today=d("2026-11-20"), on=d(on))
    assert len(st.get("YDM-TTTTT").events) == before  # nothing recorded


def test_late_or_odd_events_are_recorded_with_a_warning(st):
    st.add(make(SENT))  # due Thu 1 Oct 2026
    v = tracker.mark(st, "YDM-TTTTT", "extended", today=d("2026-10-10"), on=d("2026-10-08"))
    assert any("after the window closed" in w for w in v.warnings)
    v = tracker.mark(st, "YDM-TTTTT", "id-provided", today=d("2026-10-10"), on=d("2026-09-01"))
    assert any("no id-requested" in w for w in v.warnings)
    assert [e.kind for e in st.get("YDM-TTTTT").events] == [E.DRAFTED, E.SENT, E.ID_PROVIDED, E.EXTENDED]


def test_a_later_letter_recorded_as_sent_before_the_request_is_refused(st, directory):
    first = letters.render("access", ME, directory.get("reform-uk"), today=d("2026-09-01"))
    tracker.record_letters([first], channel="email", sent_on=d("2026-09-10"), store=st, today=d("2026-09-10"))
    rem = letters.render("reminder", ME, directory.get("reform-uk"), today=d("2026-10-15"), reference=first.reference,
                         context=_reminder_context())
    with pytest.raises(InputError, match="before the request was sent"):
        tracker.record_letters([rem], channel="email", sent_on=d("2026-09-05"), store=st, today=d("2026-10-15"))
    assert [e.kind for e in st.get(first.reference).events] == [E.DRAFTED, E.SENT]


def _reminder_context():
    from tests.store.test_tracker import _ctx

    return _ctx()


def test_mark_received_before_sent_is_a_cli_error(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="reform-uk", channel=Channel.EMAIL,
                      events=[Event(E.DRAFTED, date(2026, 9, 1)), Event(E.SENT, date(2026, 9, 10))]))
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "received", "--on", "2026-09-05")
    assert code == 2 and err.startswith("ydm: error: received on 2026-09-05 is before the request was sent")
    assert "Traceback" not in err


# --- 3. `-` is stdout for export, stdin for import ---------------------------------------------------


def _seed(today="2026-10-20"):
    with open_store() as s:
        s.save_profile(Person(name="Zebedee Quartermaine", address=("7 Quiet Lane",), postcode="SW1A 1AA",
                              email="zebedee@example.org"))
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="reform-uk", org_name="Reform UK",
                      channel=Channel.EMAIL, events=[Event(E.DRAFTED, date(2026, 9, 1)),
                                                     Event(E.SENT, date(2026, 10, 1))]))


def test_export_dash_writes_stdout_and_import_dash_reads_stdin(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    monkeypatch.chdir(tmp_path)
    _seed()
    code, out, _ = run(capsys, "requests", "export", "--ics", "-")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR")
    assert [e["uid"] for e in read_ics(out.encode())] == ["ydm-aaaaa-due@yourdatamatters"]
    code, out, err = run(capsys, "requests", "export", "--json", "-")
    assert code == 0 and json.loads(out)["requests"][0]["ref"] == "YDM-AAAAA"
    assert "NOT encrypted" in err
    assert not (tmp_path / "-").exists()
    exported = out
    code, _, err = run(capsys, "requests", "export", "--ics", "-", "--json", "-")
    assert code == 2 and "only one" in err
    with open_store() as s:
        s.delete("YDM-AAAAA")
    monkeypatch.setattr("sys.stdin", io.StringIO(exported))
    code, _, err = run(capsys, "requests", "import", "--json", "-")
    assert code == 0 and "1 added" in err
    with open_store() as s:
        assert s.get("YDM-AAAAA").org_name == "Reform UK"


# --- 4. the follow-up hint is a command that works ---------------------------------------------------


def test_show_follow_up_hint_gives_a_working_command(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-09-25")
    _seed()
    with open_store() as s:
        s.add_event("YDM-AAAAA", Event(E.RESPONSE_INCOMPLETE, date(2026, 10, 5)))
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    code, out, _ = run(capsys, "requests", "show", "YDM-AAAAA")
    hint = next(line for line in out.splitlines() if line.startswith("next: follow-up"))
    assert "ydm requests next YDM-AAAAA --missing recipients" in hint  # a plain name (issue 17)
    assert "sources" in out and "lawful-basis" in out
    code, out, err = run(capsys, "requests", "next", "YDM-AAAAA", "--missing", "recipients")
    assert code == 0, err
    assert "recipients or categories of recipient" in out
    with pytest.raises(SystemExit):
        main(["requests", "next", "--help"])
    out = capsys.readouterr().out
    assert "--missing" in out and "15(1)(h)" in out and "15(2)" in out and "automated decisions" in out


# --- 5. the law in the escalation letters follows their dates ----------------------------------------


def _letter(st, directory, events, today, kind=None, ref="YDM-TTTTT"):
    st.add(make(events, ref=ref))
    st.save_profile(ME)
    return tracker.next_letter(st, ref, today=d(today), directory=directory, kind=kind).letter.text


def test_complaint_before_s164a_commenced_makes_no_s164a_claims(st, directory):
    events = [(E.DRAFTED, "2026-03-02"), (E.SENT, "2026-03-02"), (E.REMINDER_SENT, "2026-04-06")]
    text = _letter(st, directory, events, "2026-05-01")
    assert "164A" not in text and "within 30 days" not in text
    assert "in full within one calendar month of this complaint" in text
    assert "COMPLAINT about how you have handled my subject access request" in text


def test_complaint_from_19_june_2026_cites_s164a(st, directory):
    events = [(E.DRAFTED, "2026-05-01"), (E.SENT, "2026-05-01"), (E.REMINDER_SENT, "2026-06-03")]
    text = _letter(st, directory, events, "2026-06-19")
    assert "section 164A" in text and "acknowledge receipt of this complaint within 30 days" in text


def test_reminder_for_a_request_received_before_5_feb_2026_cites_old_article_12_3(st, directory):
    events = [(E.DRAFTED, "2025-12-01"), (E.SENT, "2025-12-01")]
    text = _letter(st, directory, events, "2026-01-10")
    assert "Article 12(3)" in text and "12A" not in text and "Data (Use and Access)" not in text
    assert "164A" not in text  # a complaint then could not be under s.164A either
    st2_text = _letter(st, directory, [(E.DRAFTED, "2026-03-02"), (E.SENT, "2026-03-02")], "2026-04-10",
                       ref="YDM-TTTTA")
    assert "12A" in st2_text


def test_follow_up_dated_before_5_feb_2026_cites_old_article_12_3(st, directory):
    events = [(E.DRAFTED, "2025-11-03"), (E.SENT, "2025-11-03"), (E.RESPONSE_INCOMPLETE, "2025-11-20")]
    st.add(make(events))
    st.save_profile(ME)
    text = tracker.next_letter(st, "YDM-TTTTT", today=d("2025-11-25"), directory=directory,
                               missing=["c"]).letter.text
    assert "(Article 12(3) UK GDPR)" in text and "12A" not in text and "164A" not in text


def test_complaint_wording_follows_the_events(st, directory):
    # reminder never answered
    text = _letter(st, directory, SENT + [(E.REMINDER_SENT, "2026-10-05")], "2026-10-25")
    assert "You did not reply to my reminder of 5 October 2026" in text
    assert "respond in full to my reminder" not in text
    # an incomplete reply came after the reminder
    text = _letter(st, directory, SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.RESPONSE_INCOMPLETE, "2026-10-12")],
                   "2026-10-25", kind="complaint", ref="YDM-TTTTA")
    assert "Your reply to my reminder of 5 October 2026 did not deal fully with my request" in text
    assert "did not reply to my reminder" not in text


def test_ico_complaint_gives_contact_details_not_find_my_information(st, directory):
    events = SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.COMPLAINT_SENT, "2026-10-26")]
    text = _letter(st, directory, events, "2026-12-01")
    assert "To help you find my information" not in text
    assert "\n\nMy contact details:\n  Full name: Zebedee Quartermaine" in text and "zebedee@example.org" in text
    assert "within 30 days, as section 164A requires" in text


def test_ico_complaint_about_a_pre_s164a_complaint_does_not_cite_s164a_for_it(st, directory):
    events = [(E.DRAFTED, "2026-03-02"), (E.SENT, "2026-03-02"), (E.REMINDER_SENT, "2026-04-06"),
              (E.COMPLAINT_SENT, "2026-04-21")]
    text = _letter(st, directory, events, "2026-06-01")
    assert "164A" not in text and "I complained to the organisation first, on 21 April 2026" in text
    assert "It has not replied to my complaint of 21 April 2026" in text


# --- 7. the fast listing gives the same answers as one-by-one views ----------------------------------


def test_memoised_listing_matches_one_by_one_views(st):
    from ydm.law import escalation

    histories = [SENT, SENT + [(E.EXTENDED, "2026-09-20")], SENT + [(E.REMINDER_SENT, "2026-10-05")],
                 SENT + [(E.RESPONSE_INCOMPLETE, "2026-09-20"), (E.SENT, "2026-09-25")],
                 SENT + [(E.CLARIFICATION_REQUESTED, "2026-09-05"), (E.CLARIFICATION_PROVIDED, "2026-09-09")],
                 SENT + [(E.COMPLAINT_SENT, "2026-10-26")], [(E.DRAFTED, "2026-09-01")]]
    for i, events in enumerate(histories * 3):
        r = make(events, ref=f"YDM-{'ABCDEFGHJKMNPQRSTUVWXYZ'[i]}AAAA")
        r.channel = list(Channel)[i % len(Channel)]
        st.add(r)
    today = d("2026-11-20")
    listed = {v.ref: v.to_json() for v in tracker.list_requests(st, today=today)}
    single = {r.ref: tracker.view(st.get(r.ref), today).to_json() for r in st.list()}
    assert listed == single and len(listed) == 21
    assert escalation._MEMO.get() is None  # the memo lives only for one listing

