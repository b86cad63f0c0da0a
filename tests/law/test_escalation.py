"""Escalation: event histories → status, due date and next step (a table), warnings, many at once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ydm.law import holidays_uk
from ydm.law.escalation import REMINDER_GRACE_DAYS, Assessment, State, assess, assess_many
from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind

D = date
K = EventKind
R = RequestKind


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


def req(*events, kind=R.ACCESS, channel=Channel.EMAIL, nation=None) -> Request:
    return Request(
        ref="YDM-TEST2",
        kind=kind,
        org_id="org",
        channel=channel,
        nation=nation,
        events=[Event(k, d, data=data[0] if data else {}) for k, d, *data in events],
    )


SENT = (K.SENT, D(2026, 11, 2))  # email, received the same day; answer due Wed 2 Dec 2026

# (id, events, kind, today, state, status, due, next letter kind)
TABLE = [
    ("draft", [(K.DRAFTED, D(2026, 11, 1))], R.ACCESS, D(2026, 11, 2), State.DRAFT, "DRAFT", None, R.ACCESS),
    ("waiting", [SENT], R.ACCESS, D(2026, 11, 3), State.WAITING, "WAITING", D(2026, 12, 2), R.REMINDER),
    ("due-in-5", [SENT], R.ACCESS, D(2026, 11, 27), State.DUE_SOON, "DUE IN 5 DAYS", D(2026, 12, 2), R.REMINDER),
    ("due-tomorrow", [SENT], R.ACCESS, D(2026, 12, 1), State.DUE_SOON, "DUE TOMORROW", D(2026, 12, 2), R.REMINDER),
    ("due-today", [SENT], R.ACCESS, D(2026, 12, 2), State.DUE_TODAY, "DUE TODAY", D(2026, 12, 2), R.REMINDER),
    ("overdue", [SENT], R.ACCESS, D(2026, 12, 3), State.OVERDUE, "OVERDUE", D(2026, 12, 2), R.REMINDER),
    (
        "received-wins",
        [SENT, (K.RECEIVED, D(2026, 11, 10))],
        R.ACCESS, D(2026, 12, 3), State.DUE_SOON, "DUE IN 7 DAYS", D(2026, 12, 10), R.REMINDER,
    ),
    (
        "id-requested",
        [SENT, (K.ID_REQUESTED, D(2026, 11, 3))],
        R.ACCESS, D(2026, 12, 20), State.ID_REQUESTED, "ID REQUESTED", None, None,
    ),
    (
        "id-provided (vector 19)",
        [SENT, (K.ID_REQUESTED, D(2026, 11, 3)), (K.ID_PROVIDED, D(2026, 11, 10))],
        R.ACCESS, D(2026, 12, 3), State.DUE_SOON, "DUE IN 7 DAYS", D(2026, 12, 10), R.REMINDER,
    ),
    (
        "fee-requested",
        [SENT, (K.FEE_REQUESTED, D(2026, 11, 4))],
        R.ACCESS, D(2026, 11, 5), State.FEE_REQUESTED, "FEE REQUESTED", None, None,
    ),
    (
        "paused",
        [SENT, (K.CLARIFICATION_REQUESTED, D(2026, 11, 5))],
        R.ACCESS, D(2026, 12, 20), State.PAUSED, "PAUSED", None, None,
    ),
    (
        "pause answered (vector 23)",
        [SENT, (K.CLARIFICATION_REQUESTED, D(2026, 11, 5)), (K.CLARIFICATION_PROVIDED, D(2026, 11, 16))],
        R.ACCESS, D(2026, 12, 10), State.DUE_SOON, "DUE IN 4 DAYS", D(2026, 12, 14), R.REMINDER,
    ),
    (
        "extended (vector 26)",
        [
            SENT, (K.CLARIFICATION_REQUESTED, D(2026, 11, 5)), (K.CLARIFICATION_PROVIDED, D(2026, 11, 16)),
            (K.EXTENDED, D(2026, 11, 20)),
        ],
        R.ACCESS, D(2026, 12, 20), State.WAITING, "WAITING", D(2027, 2, 15), R.REMINDER,
    ),
    ("answered", [SENT, (K.RESPONSE_RECEIVED, D(2026, 11, 20))], R.ACCESS, D(2026, 12, 20), State.ANSWERED,
     "ANSWERED", None, None),
    (
        "incomplete → follow-up",
        [SENT, (K.RESPONSE_INCOMPLETE, D(2026, 11, 20))],
        R.ACCESS, D(2026, 11, 21), State.INCOMPLETE, "INCOMPLETE ANSWER", None, R.FOLLOW_UP,
    ),
    (
        # Issue 16 finding 5: no fresh month; the request's own deadline still binds.
        "follow-up sent: the original deadline stays",
        [SENT, (K.RESPONSE_INCOMPLETE, D(2026, 11, 20)), (K.SENT, D(2026, 11, 23))],
        R.ACCESS, D(2026, 11, 24), State.WAITING, "WAITING", D(2026, 12, 2), R.REMINDER,
    ),
    (
        "follow-up answered",
        [SENT, (K.RESPONSE_INCOMPLETE, D(2026, 11, 20)), (K.SENT, D(2026, 11, 23)), (K.RESPONSE_RECEIVED, D(2026, 12, 1))],
        R.ACCESS, D(2026, 12, 2), State.ANSWERED, "ANSWERED", None, None,
    ),
    (
        "reminded, within 14 days",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4))],
        R.ACCESS, D(2026, 12, 10), State.REMINDED, "REMINDED", D(2026, 12, 2), R.COMPLAINT,
    ),
    (
        # The reminder asks for a reply "within 14 days of the date of this letter": 5-18 Dec.
        "reminder's 14th day: still reminded",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4))],
        R.ACCESS, D(2026, 12, 18), State.REMINDED, "REMINDED", D(2026, 12, 2), R.COMPLAINT,
    ),
    (
        "reminder unanswered 14 days",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4))],
        R.ACCESS, D(2026, 12, 19), State.OVERDUE, "OVERDUE", D(2026, 12, 2), R.COMPLAINT,
    ),
    (
        "answered after reminder",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4)), (K.RESPONSE_RECEIVED, D(2026, 12, 8))],
        R.ACCESS, D(2026, 12, 20), State.ANSWERED, "ANSWERED", None, None,
    ),
    (
        "complained, waiting for acknowledgement",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4)), (K.COMPLAINT_SENT, D(2026, 12, 18))],
        R.ACCESS, D(2026, 12, 20), State.COMPLAINED, "COMPLAINED", D(2027, 1, 18), R.ICO_COMPLAINT,
    ),
    (
        "complaint not acknowledged in 30 days",
        [SENT, (K.REMINDER_SENT, D(2026, 12, 4)), (K.COMPLAINT_SENT, D(2026, 12, 18))],
        R.ACCESS, D(2027, 1, 19), State.COMPLAINT_OVERDUE, "COMPLAINT UNANSWERED", D(2027, 1, 18), R.ICO_COMPLAINT,
    ),
    (
        "complaint acknowledged, outcome still within a month",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.COMPLAINT_ACKNOWLEDGED, D(2026, 12, 21))],
        R.ACCESS, D(2027, 1, 10), State.COMPLAINED, "COMPLAINED", D(2027, 1, 18), R.ICO_COMPLAINT,
    ),
    (
        "complaint acknowledged, no outcome after a month",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.COMPLAINT_ACKNOWLEDGED, D(2026, 12, 21))],
        R.ACCESS, D(2027, 1, 19), State.COMPLAINT_OVERDUE, "COMPLAINT UNANSWERED", D(2027, 1, 18), R.ICO_COMPLAINT,
    ),
    (
        "complaint: unsatisfactory outcome",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.RESPONSE_RECEIVED, D(2027, 1, 5), {"satisfied": False})],
        R.ACCESS, D(2027, 1, 6), State.INCOMPLETE, "INCOMPLETE ANSWER", None, R.ICO_COMPLAINT,
    ),
    (
        "complaint: incomplete outcome",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.RESPONSE_INCOMPLETE, D(2027, 1, 5))],
        R.ACCESS, D(2027, 1, 6), State.INCOMPLETE, "INCOMPLETE ANSWER", None, R.ICO_COMPLAINT,
    ),
    (
        "complaint: settled",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.RESPONSE_RECEIVED, D(2027, 1, 5))],
        R.ACCESS, D(2027, 1, 6), State.ANSWERED, "ANSWERED", None, None,
    ),
    (
        "with the ICO",
        [SENT, (K.COMPLAINT_SENT, D(2026, 12, 18)), (K.ICO_COMPLAINT_SENT, D(2027, 1, 25))],
        R.ACCESS, D(2027, 2, 1), State.WITH_ICO, "WITH THE ICO", None, None,
    ),
    ("closed", [SENT, (K.CLOSED, D(2026, 11, 30))], R.ACCESS, D(2027, 2, 1), State.CLOSED, "CLOSED", None, None),
    ("withdrawn", [SENT, (K.WITHDRAWN, D(2026, 11, 5))], R.ACCESS, D(2027, 2, 1), State.WITHDRAWN, "WITHDRAWN",
     None, None),
    (
        "objection: no pause, clock runs",
        [SENT, (K.CLARIFICATION_REQUESTED, D(2026, 11, 5))],
        R.OBJECT_MARKETING, D(2026, 12, 3), State.OVERDUE, "OVERDUE", D(2026, 12, 2), R.REMINDER,
    ),
    (
        "complaint as its own request",
        [(K.SENT, D(2026, 11, 2))],
        R.COMPLAINT, D(2026, 11, 3), State.COMPLAINED, "COMPLAINED", D(2026, 12, 2), R.ICO_COMPLAINT,
    ),
    (
        "reminder as its own request",
        [(K.SENT, D(2026, 12, 4))],
        R.REMINDER, D(2026, 12, 19), State.OVERDUE, "OVERDUE", None, R.COMPLAINT,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("events", "kind", "today", "state", "status", "due", "next_kind"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_escalation_table(events, kind, today, state, status, due, next_kind):
    got = assess(req(*events, kind=kind), today)
    assert got.state is state
    assert got.status == status
    assert got.due == due
    assert (got.next_step.kind if got.next_step else None) == next_kind
    if got.next_step:
        assert got.next_step.reason
    if got.due is not None:
        assert got.deadline is not None and got.deadline.steps
        assert got.days_left == (due - today).days


def test_next_step_dates_and_reasons():
    waiting = assess(req(SENT), D(2026, 11, 3))
    assert waiting.next_step.on_or_after == D(2026, 12, 3)
    assert "Wed 2 Dec 2026" in waiting.next_step.reason
    reminded = assess(req(SENT, (K.REMINDER_SENT, D(2026, 12, 4))), D(2026, 12, 10))
    assert reminded.next_step.on_or_after == D(2026, 12, 4 + REMINDER_GRACE_DAYS + 1)
    assert "Fri 18 Dec 2026" in reminded.next_step.reason
    lapsed = assess(req(SENT, (K.COMPLAINT_SENT, D(2026, 12, 18))), D(2027, 1, 19))
    assert "s.164A" in lapsed.next_step.reason and lapsed.next_step.on_or_after is None


def test_ico_window_is_three_months_from_last_contact():
    got = assess(
        req(SENT, (K.REMINDER_SENT, D(2026, 12, 4)), (K.COMPLAINT_SENT, D(2026, 12, 18))), D(2027, 1, 19)
    )
    assert got.last_contact == D(2026, 12, 18)
    assert got.ico_by == D(2027, 3, 18)
    assert "Thu 18 Mar 2027" in got.next_step.reason
    assert assess(req(SENT), D(2026, 11, 3)).ico_by == D(2027, 2, 2)
    assert assess(req((K.DRAFTED, D(2026, 11, 1))), D(2026, 11, 3)).ico_by is None


def test_receipt_from_channel_and_nation():
    post = assess(
        req((K.SENT, D(2026, 11, 27)), channel=Channel.FIRST_CLASS, nation=Nation.SCOTLAND), D(2026, 12, 1)
    )
    assert post.received == D(2026, 12, 2)  # Mon 30 Nov is St Andrew's Day
    assert post.due == D(2027, 1, 5)
    same = assess(
        req((K.SENT, D(2026, 11, 27)), channel=Channel.FIRST_CLASS), D(2026, 12, 1), nation="scotland"
    )
    assert same.due == D(2027, 1, 5)  # the caller's nation applies when the request has none
    ew = assess(req((K.SENT, D(2026, 11, 27)), channel=Channel.FIRST_CLASS), D(2026, 12, 1))
    assert ew.received == D(2026, 12, 1)


def test_late_extension_warns_and_is_not_applied():
    got = assess(req(SENT, (K.EXTENDED, D(2026, 12, 10))), D(2026, 12, 11))
    assert got.state is State.OVERDUE and got.due == D(2026, 12, 2)
    assert any("came after the window closed" in w for w in got.warnings)


@pytest.mark.parametrize(
    ("events", "kind", "fragment"),
    [
        ([SENT, (K.RESPONSE_RECEIVED, D(2026, 10, 30))], R.ACCESS, "before the request was sent"),
        ([(K.SENT, D(2026, 11, 5)), (K.RECEIVED, D(2026, 11, 3))], R.ACCESS, "is before it was sent"),
        ([SENT, (K.REMINDER_SENT, D(2026, 11, 20))], R.ACCESS, "before the deadline"),
        ([SENT, (K.CLARIFICATION_PROVIDED, D(2026, 11, 10))], R.ACCESS, "without a question"),
        (
            [SENT, (K.CLARIFICATION_REQUESTED, D(2026, 11, 5))],
            R.ERASURE,
            "does not stop the clock for erasure",
        ),
        ([SENT, (K.RESPONSE_RECEIVED, D(2027, 5, 1))], R.ACCESS, "after today"),
        ([(K.RESPONSE_RECEIVED, D(2026, 11, 5))], R.ACCESS, "never marked as sent"),
        (
            [SENT, (K.COMPLAINT_ACKNOWLEDGED, D(2026, 11, 4)), (K.COMPLAINT_SENT, D(2026, 12, 18))],
            R.ACCESS,
            "acknowledgement is recorded before the complaint",
        ),
    ],
)
def test_out_of_order_events_warn_but_still_compute(events, kind, fragment):
    got = assess(req(*events, kind=kind), D(2026, 12, 20))
    assert isinstance(got, Assessment) and got.status
    assert any(fragment in w for w in got.warnings), got.warnings


def test_events_in_any_list_order():
    ordered = assess(req(SENT, (K.REMINDER_SENT, D(2026, 12, 4))), D(2026, 12, 10))
    shuffled = assess(req((K.REMINDER_SENT, D(2026, 12, 4)), SENT), D(2026, 12, 10))
    assert ordered == shuffled


def test_pre_duaa_request():
    got = assess(req((K.SENT, D(2026, 1, 31))), D(2026, 2, 1))
    assert got.due == D(2026, 3, 2) and got.deadline.regime == "pre-duaa"


def test_assess_many_uses_nation_of():
    reqs = [req((K.SENT, D(2026, 10, 30))) for _ in range(3)]
    got = assess_many(reqs, D(2026, 11, 1), nation_of=lambda r: "scotland")
    assert [a.due for a in got] == [D(2026, 12, 1)] * 3
    assert [a.due for a in assess_many(reqs, D(2026, 11, 1))] == [D(2026, 11, 30)] * 3


def test_levels_match_the_tui():
    from ydm.law.escalation import LEVEL

    assert set(LEVEL.values()) <= {"late", "soon", "waiting", "done", "draft"}
    assert set(LEVEL) == set(State)


# ---- robustness: any history, in any order, gives an answer and never raises -------------------

_event = st.builds(
    lambda kind, offset, satisfied: (kind, D(2026, 1, 1) + timedelta(days=offset), satisfied),
    st.sampled_from(list(EventKind)),
    st.integers(0, 500),
    st.sampled_from([None, True, False]),
)


@settings(max_examples=300, deadline=None)
@given(
    events=st.lists(_event, max_size=8),
    kind=st.sampled_from(list(RequestKind)),
    channel=st.sampled_from(list(Channel)),
    nation=st.sampled_from([None, *Nation]),
    today_offset=st.integers(0, 600),
)
def test_any_history_is_assessed(events, kind, channel, nation, today_offset):
    r = req(
        *[(k, d, {} if s is None else {"satisfied": s}) for k, d, s in events],
        kind=kind,
        channel=channel,
        nation=nation,
    )
    today = D(2026, 1, 1) + timedelta(days=today_offset)
    got = assess(r, today)
    assert got.status and got.level in {"late", "soon", "waiting", "done", "draft"}
    if got.due is not None:
        assert got.days_left == (got.due - today).days
        assert got.deadline is not None and got.deadline.steps
    if got.next_step is not None:
        assert got.next_step.reason


def test_complaint_before_s164a_does_not_claim_the_statutory_duty():
    """QA2: a complaint received before 19 Jun 2026 owes no s.164A acknowledgement (R30, SI 2026/82 reg 7)."""
    early = req(
        (K.SENT, D(2026, 2, 10)), (K.REMINDER_SENT, D(2026, 3, 20)), (K.COMPLAINT_SENT, D(2026, 4, 6))
    )
    got = assess(early, D(2026, 5, 20))
    assert got.deadline.regime == "pre-s164a"
    assert got.next_step.kind is R.ICO_COMPLAINT
    assert "s.164A" not in got.next_step.reason
    assert "fair guide" in got.next_step.reason
    # From 19 Jun 2026 the duty applies and the reason says so.
    late = req(SENT, (K.REMINDER_SENT, D(2026, 12, 4)), (K.COMPLAINT_SENT, D(2026, 12, 18)))
    assert "DPA 2018 s.164A" in assess(late, D(2027, 1, 19)).next_step.reason


def test_unanswered_reminder_names_s164a_only_from_19_june_2026():
    before = assess(req((K.SENT, D(2026, 2, 10)), (K.REMINDER_SENT, D(2026, 3, 20))), D(2026, 4, 20))
    assert before.next_step.kind is R.COMPLAINT and "s.164A" not in before.next_step.reason
    after = assess(req(SENT, (K.REMINDER_SENT, D(2026, 12, 4))), D(2027, 1, 5))
    assert after.next_step.kind is R.COMPLAINT and "s.164A" in after.next_step.reason
