"""The later letters through the tracker and the CLI (real SQLite store and MemoryStore, `ydm.cli.main`
in-process): the follow-up's fresh month and what follows it, one copy of an identical next letter,
an incomplete reply after a complaint, Art 77 before 19 Jun 2026, the clarification pause ending on
receipt (--via), objections asking to stop, `--record` naming its references, letters ending with a
newline."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ydm import tracker
from ydm.cli import main
from ydm.errors import InputError
from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.orgs import contacts
from ydm.store.db import SqliteStore
from ydm.store.memory import MemoryStore

E = EventKind
ME = Person(name="Alex Example", address=("1 Road", "Town"), postcode="SW1A 1AA", email="alex@example.org")
PERSON_FLAGS = ("--name", "Alex Example", "--email", "alex@example.org", "--address", "1 Road, Town",
                "--postcode", "SW1A 1AA")


def d(text: str) -> date:
    return date.fromisoformat(text)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture(params=["sqlite", "memory"])
def st(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    s.save_profile(ME)
    yield s
    s.close()


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def make(events, kind=RequestKind.ACCESS, ref="YDM-QQQQQ", org="experian", channel=Channel.EMAIL) -> Request:
    return Request(ref=ref, kind=kind, org_id=org, org_name=org, channel=channel,
                   events=[Event(k, d(on), data=data[0] if data else {}) for k, on, *data in events])


def _record(capsys, monkeypatch, kind="access", org="libdems", sent="2026-11-02", via="first-class") -> str:
    monkeypatch.setenv("YDM_TODAY", sent)
    code, _, err = run(capsys, "letter", kind, "--to", org, *PERSON_FLAGS, "--record", "--sent", sent, "--via", via)
    assert code == 0, err
    return err.split("recorded ")[1].split(":")[0]


# --- #1: the follow-up leads somewhere ------------------------------------------------------------


def test_follow_up_keeps_the_deadline_then_a_reminder_lists_what_is_missing(capsys, monkeypatch):
    ref = _record(capsys, monkeypatch)
    monkeypatch.setenv("YDM_TODAY", "2026-11-25")
    assert run(capsys, "requests", "mark", ref, "response-received", "--on", "2026-11-20")[0] == 0
    assert run(capsys, "requests", "mark", ref, "response-incomplete")[0] == 0
    for _ in range(2):  # run twice: one stored copy
        code, out, err = run(capsys, "requests", "next", ref, "--missing", "15(1)(c)", "--missing", "15(1)(g)")
        assert code == 0 and "INCOMPLETE RESPONSE" in out and f"ydm requests mark {ref} sent" in err
    code, _, err = run(capsys, "requests", "mark", ref, "sent")
    # Issue 16 finding 5: the follow-up keeps the request's own deadline (posted 2 Nov, due 4 Dec).
    assert code == 0 and "status now: waiting, due 2026-12-04" in err
    code, out, _ = run(capsys, "requests", "show", ref)
    assert "status: WAITING" in out and "2026-12-04" in out
    assert out.count("follow-up (2026-11-25)") == 1

    monkeypatch.setenv("YDM_TODAY", "2027-01-10")
    code, out, _ = run(capsys, "requests", "show", ref)
    assert "status: OVERDUE" in out and "next: reminder" in out
    code, out, err = run(capsys, "requests", "next", ref)
    assert code == 0 and "next for " + ref + ": reminder" in err
    text = " ".join(out.split())
    assert "on 25 November 2026 I wrote again asking for the information it left out" in text
    assert "Your response of 20 November 2026 did not deal fully with it" in text
    assert "(Article 15(1)(c));" in text and "(Article 15(1)(g))." in text  # from the follow-up it sent
    assert "It was due by 4 December 2026, and I have not received it" in text


def test_next_keeps_one_copy_of_the_same_letter_and_a_copy_of_a_different_one(st, directory):
    st.add(make([(E.SENT, "2026-09-01"), (E.RESPONSE_INCOMPLETE, "2026-09-20")]))
    for _ in range(3):
        tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-09-25"), directory=directory, missing=["c"])
    assert len(st.letters("YDM-QQQQQ")) == 1
    tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-09-25"), directory=directory, missing=["c", "g"])
    tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-09-26"), directory=directory, missing=["c"])
    assert [x.on.isoformat() for x in st.letters("YDM-QQQQQ")] == ["2026-09-25", "2026-09-25", "2026-09-26"]


def test_missing_items_are_for_access_requests(st, directory):
    st.add(make([(E.SENT, "2026-09-01"), (E.RESPONSE_INCOMPLETE, "2026-09-20")], kind=RequestKind.OBJECT_MARKETING))
    with pytest.raises(InputError, match="only an access request"):
        tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-09-25"), directory=directory, missing=["c"])


# --- #2: an incomplete reply after a complaint -------------------------------------------------------

EXPERIAN = [(E.SENT, "2026-09-01"), (E.REMINDER_SENT, "2026-10-10"), (E.COMPLAINT_SENT, "2026-10-30"),
            (E.RESPONSE_RECEIVED, "2026-11-20"), (E.RESPONSE_INCOMPLETE, "2026-12-02")]


def test_ico_complaint_after_an_incomplete_reply_to_the_complaint(st, directory):
    st.add(make(EXPERIAN))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-12-02"), directory=directory,
                               missing=["15(1)(c)", "15(1)(g)"])
    assert step.kind is RequestKind.ICO_COMPLAINT and "Sat 20 Feb 2027" in step.reason
    text = " ".join(step.letter.text.split())
    assert "(Article 15(1)(c));" in text and "(Article 15(1)(g))." in text
    assert "named where they can" in text  # told to the ICO: "they" are the organisation
    assert "20 November 2026: I received their response, which did not cover everything I asked for." in text
    assert "2 December 2026:" not in text and "I received a response that did not cover" not in text
    assert "My last contact with the organisation was on 20 November 2026." in text
    assert "did not acknowledge" not in text
    assert "It replied to my complaint of 30 October 2026 on 20 November 2026" in text
    assert text.endswith("- The organisation's reply")  # one reply, not "replies", and enclosed


def test_a_reply_after_the_thirty_days_without_acknowledgement_is_still_a_missed_acknowledgement(st, directory):
    events = [(E.SENT, "2026-09-01"), (E.COMPLAINT_SENT, "2026-10-30"), (E.RESPONSE_RECEIVED, "2026-12-10"),
              (E.RESPONSE_INCOMPLETE, "2026-12-11")]
    st.add(make(events))
    text = " ".join(tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-12-12"), directory=directory).letter.text.split())
    assert "did not acknowledge my complaint of 30 October 2026 within 30 days, as section 164A requires" in text


# --- #3: the route to the ICO on the letter's date -------------------------------------------------------


@pytest.mark.parametrize(("today", "route", "not_route"), [
    ("2026-06-15", "Article 77 of the UK GDPR", "section 165"),
    ("2026-06-18", "Article 77 of the UK GDPR", "section 165"),
    ("2026-06-19", "section 165 of the Data Protection Act 2018", "Article 77"),
])
def test_ico_complaint_cites_article_77_until_19_june_2026(st, directory, today, route, not_route):
    st.add(make([(E.SENT, "2026-03-02"), (E.COMPLAINT_SENT, "2026-05-01")]))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d(today), directory=directory, kind="ico-complaint")
    assert f"DATA PROTECTION COMPLAINT under {route} about" in step.letter.text
    assert not_route not in step.letter.text and not_route not in step.reason


def test_complaint_before_19_june_2026_says_article_77(st, directory):
    st.add(make([(E.SENT, "2026-03-02"), (E.REMINDER_SENT, "2026-04-06")]))
    text = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-05-01"), directory=directory).letter.text
    assert "Information Commissioner's Office under Article 77 of the UK GDPR." in text
    assert "165" not in text and "164A" not in text


# --- #7: the clarification answer counts from when they receive it -------------------------------------


def test_clarification_provided_counts_from_its_arrival(capsys, monkeypatch):
    ref = _record(capsys, monkeypatch, sent="2026-10-29")
    monkeypatch.setenv("YDM_TODAY", "2026-11-20")
    assert run(capsys, "requests", "mark", ref, "clarification-requested", "--on", "2026-11-05")[0] == 0
    code, _, err = run(capsys, "requests", "mark", ref, "clarification-provided", "--on", "2026-11-16")
    assert code == 0 and "due 2026-12-16" in err  # by post like the request: arrives Wed 18 Nov
    code, out, _ = run(capsys, "requests", "show", ref)
    assert ("clarification asked Thu 5 Nov; you answered Mon 16 Nov by first-class post, taken to arrive "
            "Wed 18 Nov: 14 days do not count, so Wed 16 Dec 2026") in out


def test_clarification_provided_via_email(capsys, monkeypatch):
    ref = _record(capsys, monkeypatch, sent="2026-10-29")
    monkeypatch.setenv("YDM_TODAY", "2026-11-20")
    run(capsys, "requests", "mark", ref, "clarification-requested", "--on", "2026-11-05")
    code, _, err = run(capsys, "requests", "mark", ref, "clarification-provided", "--on", "2026-11-16", "--via", "email")
    assert code == 0 and "due 2026-12-14" in err
    code, out, _ = run(capsys, "requests", "show", ref, "--json")
    data = json.loads(out)
    assert data["events"][-1] == {"kind": "clarification-provided", "on": "2026-11-16", "note": "",
                                  "data": {"via": "email"}}
    assert "clarification asked Thu 5 Nov, answered Mon 16 Nov: 12 days do not count" in " ".join(data["explanation"])
    code, _, err = run(capsys, "requests", "mark", ref, "acknowledged", "--via", "email")
    assert code == 2 and "--via goes with the events 'sent'" in err and "clarification-provided" in err


def test_clarification_received_on_the_given_day(st):
    st.add(make([(E.SENT, "2026-10-29"), (E.CLARIFICATION_REQUESTED, "2026-11-05")], channel=Channel.FIRST_CLASS))
    v = tracker.mark(st, "YDM-QQQQQ", E.CLARIFICATION_PROVIDED, today=d("2026-11-20"), on=d("2026-11-16"),
                     data={"received": True})
    assert v.due == d("2026-12-14")
    assert any(s.startswith("clarification asked Thu 5 Nov; they received your answer Mon 16 Nov: 12 days")
               for s in v.explanation)
    with pytest.raises(InputError, match="unknown way of sending"):
        tracker.mark(st, "YDM-QQQQQ", E.CLARIFICATION_PROVIDED, today=d("2026-11-20"), data={"via": "pigeon"})


# --- polish ----------------------------------------------------------------------------------------


def test_complaint_is_offered_the_day_after_the_reminders_window(capsys, monkeypatch):
    ref = _record(capsys, monkeypatch, sent="2026-09-01", via="email")
    monkeypatch.setenv("YDM_TODAY", "2026-10-12")
    run(capsys, "requests", "mark", ref, "reminder-sent", "--on", "2026-10-10")
    code, out, _ = run(capsys, "requests", "list")
    assert "complaint from 2026-10-25" in out  # "within 14 days of the date of this letter": to 24 Oct


@pytest.mark.parametrize(("kind", "must"), [
    (RequestKind.OBJECT_MARKETING, "to require Example Org to stop using my personal data for direct marketing"),
    (RequestKind.OBJECT_PROCESSING, "to require Example Org to stop processing my personal data as I objected "
                                    "(Article 21(1) of the UK GDPR), unless they can demonstrate compelling"),
    (RequestKind.OPEN_REGISTER, "to require Example Org to stop including my name and address in the open"),
])
def test_ico_complaint_about_an_objection_asks_them_to_stop(st, kind, must):
    r = make([(E.SENT, "2026-09-01"), (E.COMPLAINT_SENT, "2026-10-30")], kind=kind, org="not-in-directory")
    r.org_name = "Example Org"  # not in the directory: the letter names it as recorded
    st.add(r)
    text = " ".join(tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-12-10")).letter.text.split())
    assert must in text and "in full" not in text


def test_complaint_about_a_marketing_objection_asks_them_to_stop(st, directory):
    st.add(make([(E.SENT, "2026-09-01"), (E.REMINDER_SENT, "2026-10-05")], kind=RequestKind.OBJECT_MARKETING))
    text = " ".join(tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-10-25"), directory=directory).letter.text.split())
    assert "What I ask you to do: stop using my personal data for direct marketing" in text
    assert "confirm to me in writing, within one calendar month of this complaint, that you have done so" in text


def test_record_names_each_reference_and_letters_end_with_a_newline(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-02")
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--to", "labour", *PERSON_FLAGS, "--record")
    assert code == 0 and out.endswith("Alex Example\n")
    lines = [line for line in err.splitlines() if line.startswith("recorded YDM-")]
    # each line also names the channel (issue 17): "…, to go by email (not how it went? give --via)"
    assert [line.split(": ")[1].split(", ")[0] for line in lines] == ["access to Liberal Democrats",
                                                                      "access to Labour Party"]
    ref = lines[0].split()[1].rstrip(":")
    run(capsys, "requests", "mark", ref, "sent")
    monkeypatch.setenv("YDM_TODAY", "2026-12-10")
    code, out, _ = run(capsys, "requests", "next", ref)
    assert code == 0 and out.endswith("Alex Example\n")


def test_complaint_and_ico_complaint_after_an_unanswered_follow_up(st, directory):
    st.add(make([(E.SENT, "2026-11-02"), (E.RESPONSE_RECEIVED, "2026-11-20"), (E.RESPONSE_INCOMPLETE, "2026-11-25")]))
    tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-11-25"), directory=directory, missing=["c", "g"])
    tracker.mark(st, "YDM-QQQQQ", E.SENT, today=d("2026-11-25"))
    tracker.mark(st, "YDM-QQQQQ", E.REMINDER_SENT, today=d("2027-01-11"))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2027-01-26"), directory=directory)
    assert step.kind is RequestKind.COMPLAINT
    text = " ".join(step.letter.text.split())
    assert "25 November 2026: I wrote again asking for the information your response left out." in text
    assert ("I wrote to you on 25 November 2026 asking for the information your response left out, and you have "
            "not provided it by 2 December 2026, when it was due.") in text
    assert "(Article 15(1)(c));" in text and "(Article 15(1)(g))." in text  # the follow-up's items
    tracker.mark(st, "YDM-QQQQQ", E.COMPLAINT_SENT, today=d("2027-01-26"))
    text = " ".join(tracker.next_letter(st, "YDM-QQQQQ", today=d("2027-03-05"), directory=directory).letter.text.split())
    assert "it has not provided it by 2 December 2026, when it was due" in text
    assert "(Article 15(1)(c));" in text and "- My follow-up letter -" in text


@pytest.mark.parametrize(("channel", "posted", "deemed"), [
    (Channel.FIRST_CLASS, "2026-12-18", "Tue 22 Dec"),   # Fri 18 Dec, first class: two working days
    (Channel.SECOND_CLASS, "2026-11-20", "Thu 26 Nov"),  # Fri 20 Nov, second class: four working days
])
def test_a_posted_complaints_acknowledgement_says_when_it_was_posted_and_deemed_received(st, channel, posted,
                                                                                         deemed):
    """The complaint's steps name the day it was posted and its deemed arrival, as the request's do."""
    st.add(make([(E.SENT, "2026-10-01"), (E.REMINDER_SENT, "2026-11-09"), (E.COMPLAINT_SENT, posted)],
                channel=channel))
    v = tracker.view(st.get("YDM-QQQQQ"), d("2026-12-28"))
    assert v.deadline.kind is RequestKind.COMPLAINT
    first = v.explanation[0]
    assert first.startswith("complaint sent ") and f"{d(posted):%-d %b}" in first and deemed in first, first


def test_show_says_a_written_reminder_waits_to_be_marked_sent(capsys, monkeypatch):
    """`requests show` after `requests next`: the reminder is written, so show says so and how to mark it
    sent, instead of only repeating "next: reminder" (which invites a second one)."""
    ref = _record(capsys, monkeypatch)
    monkeypatch.setenv("YDM_TODAY", "2026-12-08")
    code, _, err = run(capsys, "requests", "next", ref)
    assert code == 0 and "reminder" in err
    code, out, _ = run(capsys, "requests", "show", ref)
    assert (f"written, not marked as sent: the reminder of 2026-12-08; when it has gone: "
            f"ydm requests mark {ref} reminder-sent") in out
    assert run(capsys, "requests", "mark", ref, "reminder-sent")[0] == 0
    code, out, _ = run(capsys, "requests", "show", ref)
    assert "not marked as sent" not in out and "later letters: reminder (2026-12-08)" in out
