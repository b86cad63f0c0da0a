"""The escalation engine after a follow-up and around replies: a follow-up leads somewhere (a fresh month, then reminder,
complaint, ICO), a verdict on a reply is not a second reply, the clarification pause ends when the
answer reaches them (law.md R10), and the complaint comes the day after the reminder's 14 days."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.law import escalation, holidays_uk
from ydm.law.escalation import State, assess
from ydm.model import Channel, Event, EventKind, Request, RequestKind

D = date
K = EventKind
R = RequestKind


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


def req(*events, kind=R.ACCESS, channel=Channel.FIRST_CLASS) -> Request:
    return Request(ref="YDM-QA3AA", kind=kind, org_id="org", channel=channel,
                   events=[Event(k, d, data=data[0] if data else {}) for k, d, *data in events])


# QA3 #1: sent first class 2 Nov 2026, reply 20 Nov, judged incomplete and followed up on 25 Nov.
FOLLOWED_UP = [(K.DRAFTED, D(2026, 11, 2)), (K.SENT, D(2026, 11, 2)), (K.RESPONSE_RECEIVED, D(2026, 11, 20)),
               (K.RESPONSE_INCOMPLETE, D(2026, 11, 25)), (K.SENT, D(2026, 11, 25))]
# Issue 16 finding 5: the follow-up gives no fresh month. The request posted Mon 2 Nov arrived Wed 4 Nov,
# so it was due Fri 4 Dec 2026; the follow-up posted Wed 25 Nov arrives Fri 27 Nov, before then, so the
# missing items are due by that same date (a late, incomplete answer is still late).
FOLLOW_UP_DUE = D(2026, 12, 4)


def test_a_follow_up_keeps_the_original_deadline():
    got = assess(req(*FOLLOWED_UP), D(2026, 11, 26))
    assert got.state is State.WAITING and got.due == FOLLOW_UP_DUE
    assert got.deadline.kind is R.ACCESS and got.deadline.received == D(2026, 11, 4)
    assert got.next_step.kind is R.REMINDER and got.next_step.on_or_after == D(2026, 12, 5)


def test_a_follow_up_after_the_deadline_gives_days_not_a_month_and_the_request_stays_late():
    events = [(K.SENT, D(2026, 3, 2)), (K.RESPONSE_INCOMPLETE, D(2026, 4, 20)), (K.SENT, D(2026, 4, 21))]
    within = assess(req(*events, channel=Channel.EMAIL), D(2026, 5, 1))
    assert within.state is State.OVERDUE and within.due == D(2026, 4, 2) and within.days_left < 0
    assert within.next_step.kind is R.REMINDER and within.next_step.on_or_after == D(2026, 5, 6)
    after = assess(req(*events, channel=Channel.EMAIL), D(2026, 5, 6))
    assert after.state is State.OVERDUE and after.next_step.kind is R.REMINDER and after.due == D(2026, 4, 2)


def test_when_the_follow_up_month_passes_a_reminder_then_a_complaint_then_the_ico():
    late = assess(req(*FOLLOWED_UP), D(2027, 1, 10))
    assert late.state is State.OVERDUE and late.next_step.kind is R.REMINDER
    reminded = [*FOLLOWED_UP, (K.REMINDER_SENT, D(2027, 1, 11))]
    assert assess(req(*reminded), D(2027, 1, 25)).state is State.REMINDED  # the 14th day of the reminder
    unanswered = assess(req(*reminded), D(2027, 1, 26))
    assert unanswered.state is State.OVERDUE and unanswered.next_step.kind is R.COMPLAINT
    complained = [*reminded, (K.COMPLAINT_SENT, D(2027, 1, 26))]
    assert assess(req(*complained), D(2027, 3, 10)).next_step.kind is R.ICO_COMPLAINT


def test_a_reminder_about_the_first_request_does_not_count_for_the_follow_up():
    events = [(K.SENT, D(2026, 9, 1)), (K.REMINDER_SENT, D(2026, 10, 10)), (K.RESPONSE_INCOMPLETE, D(2026, 10, 20)),
              (K.SENT, D(2026, 10, 22))]
    got = assess(req(*events, channel=Channel.EMAIL), D(2026, 10, 30))
    # The request was due 1 Oct; the follow-up of 22 Oct gave 14 days (to 5 Nov), not a month, and the
    # reminder of 10 Oct (before it) does not count as a reminder about the follow-up.
    assert got.state is State.OVERDUE and got.due == D(2026, 10, 1)
    assert got.next_step.kind is R.REMINDER and got.next_step.on_or_after == D(2026, 11, 6)
    assert got.warnings == ()


def test_a_reply_to_the_follow_up_answers_it_even_on_the_day_it_went():
    events = [*FOLLOWED_UP, (K.RESPONSE_RECEIVED, D(2026, 12, 1))]
    assert assess(req(*events), D(2026, 12, 2)).state is State.ANSWERED
    again = [*FOLLOWED_UP, (K.RESPONSE_INCOMPLETE, D(2026, 12, 1))]
    assert assess(req(*again), D(2026, 12, 2)).next_step.kind is R.FOLLOW_UP


# QA3 #2: a reply to the complaint (20 Nov) judged incomplete on 2 Dec is one contact, on 20 Nov.
COMPLAINED = [(K.SENT, D(2026, 9, 1)), (K.REMINDER_SENT, D(2026, 10, 10)), (K.COMPLAINT_SENT, D(2026, 10, 30)),
              (K.RESPONSE_RECEIVED, D(2026, 11, 20)), (K.RESPONSE_INCOMPLETE, D(2026, 12, 2))]


def test_a_verdict_on_a_reply_is_not_the_last_contact():
    got = assess(req(*COMPLAINED, channel=Channel.EMAIL), D(2026, 12, 2))
    assert got.state is State.INCOMPLETE and got.next_step.kind is R.ICO_COMPLAINT
    assert got.last_contact == D(2026, 11, 20) and got.ico_by == D(2027, 2, 20)
    assert "Sat 20 Feb 2027" in got.next_step.reason


@pytest.mark.parametrize("fast", [True, False])
def test_the_fast_path_dates_a_verdict_by_its_reply_too(monkeypatch, fast):
    monkeypatch.setattr(escalation, "_FAST", fast)
    events = [(K.SENT, D(2026, 11, 2)), (K.RESPONSE_RECEIVED, D(2026, 11, 20)), (K.RESPONSE_INCOMPLETE, D(2026, 12, 2))]
    got = assess(req(*events, channel=Channel.EMAIL), D(2026, 12, 3))
    assert got.state is State.INCOMPLETE and got.last_contact == D(2026, 11, 20)
    # A reminder in between: the later incomplete reply is a new reply, and a new contact.
    events.insert(2, (K.REMINDER_SENT, D(2026, 11, 25)))
    assert assess(req(*events, channel=Channel.EMAIL), D(2026, 12, 3)).last_contact == D(2026, 12, 2)


def test_verdicts_and_follow_up_sends_read_the_log_in_order():
    events = [Event(k, d) for k, d in FOLLOWED_UP]
    assert escalation.verdicts(events) == {3}
    assert escalation.follow_up_sends(events) == [4]


# QA3 #7 / law.md R10: the pause ends when the organisation receives the answer. Access request sent
# first class Thu 29 Oct 2026 (arrives Mon 2 Nov; a month: Wed 2 Dec); they ask Thu 5 Nov.
ASKED = [(K.SENT, D(2026, 10, 29)), (K.CLARIFICATION_REQUESTED, D(2026, 11, 5))]


@pytest.mark.parametrize(("data", "due"), [
    ({}, D(2026, 12, 16)),  # answered Mon 16 Nov by post like the request: arrives Wed 18 Nov, 14 days
    ({"via": "second-class"}, D(2026, 12, 18)),  # arrives Fri 20 Nov: 16 days
    ({"via": "email"}, D(2026, 12, 14)),  # arrives that day: 12 days (law.md vector 23)
    ({"received": True}, D(2026, 12, 14)),  # 16 Nov is the day they received it
])
def test_the_clarification_pause_ends_when_the_answer_arrives(data, due):
    got = assess(req(*ASKED, (K.CLARIFICATION_PROVIDED, D(2026, 11, 16), data)), D(2026, 11, 20))
    assert got.due == due


def test_the_complaint_comes_the_day_after_the_reminders_fourteen_days():
    # The reminder of Sat 10 Oct asks for an answer "within 14 days of the date of this letter": to 24 Oct.
    events = [(K.SENT, D(2026, 9, 1)), (K.REMINDER_SENT, D(2026, 10, 10))]
    on_day_14 = assess(req(*events, channel=Channel.EMAIL), D(2026, 10, 24))
    assert on_day_14.state is State.REMINDED and on_day_14.next_step.on_or_after == D(2026, 10, 25)
    assert "by the end of Sat 24 Oct 2026" in on_day_14.next_step.reason
    after = assess(req(*events, channel=Channel.EMAIL), D(2026, 10, 25))
    assert after.state is State.OVERDUE and after.next_step.kind is R.COMPLAINT and after.next_step.on_or_after is None


def test_an_unknown_channel_in_imported_data_falls_back_to_the_requests_own():
    got = assess(req(*ASKED, (K.CLARIFICATION_PROVIDED, D(2026, 11, 16), {"via": "pigeon"})), D(2026, 11, 20))
    assert got.due == D(2026, 12, 16)
