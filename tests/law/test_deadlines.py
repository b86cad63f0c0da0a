"""Deadline engine: every vector of law.md §3, properties (hypothesis), receipt rules, bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ydm.errors import InputError
from ydm.law import holidays_uk
from ydm.law.deadlines import (
    REGIME_ARTICLE_12A,
    REGIME_PRE_DUAA,
    REGIME_PRE_S164A,
    REGIME_S164A,
    add_months,
    compute_deadline,
    explain,
    receipt_date,
    regime_for,
)
from ydm.model import Nation, RequestKind

D = date
EW, SC, NI, WA = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND, Nation.WALES
ACCESS, OBJECT = RequestKind.ACCESS, RequestKind.OBJECT_MARKETING
CLAR_23 = [(D(2026, 11, 5), D(2026, 11, 16))]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


# (vector, kind, received, nation, extra kwargs, expected due). law.md §3, one row per nation.
VECTORS = [
    ("1", ACCESS, D(2027, 1, 1), EW, {}, D(2027, 2, 1)),
    ("2", ACCESS, D(2026, 1, 1), EW, {}, D(2026, 2, 2)),
    ("3", ACCESS, D(2024, 11, 25), EW, {}, D(2024, 12, 27)),
    ("4", ACCESS, D(2025, 1, 31), EW, {}, D(2025, 2, 28)),
    ("5", ACCESS, D(2028, 1, 31), EW, {}, D(2028, 2, 29)),
    ("6", ACCESS, D(2026, 1, 31), EW, {}, D(2026, 3, 2)),
    ("7", ACCESS, D(2025, 9, 3), EW, {}, D(2025, 10, 3)),
    ("8", ACCESS, D(2026, 9, 3), EW, {}, D(2026, 10, 5)),
    ("9", ACCESS, D(2027, 4, 1), EW, {}, D(2027, 5, 4)),
    ("10", ACCESS, D(2026, 11, 22), EW, {}, D(2026, 12, 22)),
    ("11-ew", ACCESS, D(2026, 11, 25), EW, {}, D(2026, 12, 29)),
    ("11-sc", ACCESS, D(2026, 11, 25), SC, {}, D(2026, 12, 29)),
    ("11-ni", ACCESS, D(2026, 11, 25), NI, {}, D(2026, 12, 29)),
    ("12-ew-fri", ACCESS, D(2026, 10, 30), EW, {}, D(2026, 11, 30)),
    ("12-ew-sat", ACCESS, D(2026, 10, 31), EW, {}, D(2026, 11, 30)),
    ("12-ni", ACCESS, D(2026, 10, 30), NI, {}, D(2026, 11, 30)),
    ("12-sc-fri", ACCESS, D(2026, 10, 30), SC, {}, D(2026, 12, 1)),
    ("12-sc-sat", ACCESS, D(2026, 10, 31), SC, {}, D(2026, 12, 1)),
    ("13-ew", ACCESS, D(2026, 2, 17), EW, {}, D(2026, 3, 17)),
    ("13-ni", ACCESS, D(2026, 2, 17), NI, {}, D(2026, 3, 18)),
    ("14-ew", ACCESS, D(2026, 6, 13), EW, {}, D(2026, 7, 13)),
    ("14-ni", ACCESS, D(2026, 6, 13), NI, {}, D(2026, 7, 14)),
    ("15-ew", ACCESS, D(2026, 5, 15), EW, {}, D(2026, 6, 15)),
    ("15-sc", ACCESS, D(2026, 5, 15), SC, {}, D(2026, 6, 16)),
    ("16-ew", ACCESS, D(2026, 3, 6), EW, {}, D(2026, 4, 7)),
    ("16-ni", ACCESS, D(2026, 3, 6), NI, {}, D(2026, 4, 7)),
    ("16-sc", ACCESS, D(2026, 3, 6), SC, {}, D(2026, 4, 6)),
    ("17-ew", ACCESS, D(2026, 7, 31), EW, {}, D(2026, 9, 1)),
    ("17-ni", ACCESS, D(2026, 7, 31), NI, {}, D(2026, 9, 1)),
    ("17-sc", ACCESS, D(2026, 7, 31), SC, {}, D(2026, 8, 31)),
    ("18-ew", ACCESS, D(2026, 12, 2), EW, {}, D(2027, 1, 4)),
    ("18-ni", ACCESS, D(2026, 12, 2), NI, {}, D(2027, 1, 4)),
    ("18-sc", ACCESS, D(2026, 12, 2), SC, {}, D(2027, 1, 5)),
    ("19", ACCESS, D(2026, 11, 2), EW, {"id_received": D(2026, 11, 10)}, D(2026, 12, 10)),
    ("20", ACCESS, D(2026, 11, 22), EW, {"extended": True}, D(2027, 2, 22)),
    ("21", ACCESS, D(2026, 11, 30), EW, {"extended": True}, D(2027, 3, 1)),
    ("21-unext", ACCESS, D(2026, 11, 30), EW, {}, D(2026, 12, 30)),
    ("22", ACCESS, D(2027, 11, 29), EW, {"extended": True}, D(2028, 2, 29)),
    ("23", ACCESS, D(2026, 11, 2), EW, {"clarifications": CLAR_23}, D(2026, 12, 14)),
    ("24", OBJECT, D(2026, 11, 2), EW, {}, D(2026, 12, 2)),
    (
        "25",
        ACCESS,
        D(2025, 11, 14),
        EW,
        {"clarifications": [(D(2025, 11, 16), D(2025, 12, 16))]},
        D(2026, 1, 14),
    ),
    ("26", ACCESS, D(2026, 11, 2), EW, {"clarifications": CLAR_23, "extended": True}, D(2027, 2, 15)),
    ("27", RequestKind.COMPLAINT, D(2026, 11, 2), EW, {}, D(2026, 12, 2)),
    ("28", RequestKind.COMPLAINT, D(2026, 11, 25), EW, {}, D(2026, 12, 29)),
    ("29", RequestKind.COMPLAINT, D(2026, 6, 19), EW, {}, D(2026, 7, 20)),
    ("30", ACCESS, D(2026, 2, 4), EW, {}, D(2026, 3, 4)),
]


@pytest.mark.parametrize(
    ("kind", "received", "nation", "kwargs", "expected"),
    [row[1:] for row in VECTORS],
    ids=[row[0] for row in VECTORS],
)
def test_law_md_vectors(kind, received, nation, kwargs, expected):
    dl = compute_deadline(kind, received, nation=nation, **kwargs)
    assert dl.due == expected
    assert holidays_uk.is_working_day(dl.due, nation)
    assert dl.steps[-1].endswith(f"{expected.day} {expected.strftime('%b')} {expected.year}")


def test_vector_1_bank_holiday_receipt_still_counts_from_that_day():
    dl = compute_deadline(ACCESS, D(2027, 1, 1))
    assert dl.relevant_time == D(2027, 1, 1) and dl.period_end == D(2027, 2, 1)


def test_vector_19_relevant_time_is_id():
    dl = compute_deadline(ACCESS, D(2026, 11, 2), id_received=D(2026, 11, 10))
    assert dl.relevant_time == D(2026, 11, 10) and dl.relevant_reason == "ID received"
    assert any("ID received Tue 10 Nov 2026" in s for s in dl.steps)


def test_relevant_time_is_latest_of_three():
    dl = compute_deadline(ACCESS, D(2026, 11, 2), id_received=D(2026, 11, 10), fee_received=D(2026, 11, 12))
    assert dl.relevant_time == D(2026, 11, 12) and dl.relevant_reason == "fee received"
    assert dl.due == D(2026, 12, 14)  # 12 Dec is a Saturday


def test_vector_23_moves_the_extension_window_too():
    dl = compute_deadline(ACCESS, D(2026, 11, 2), clarifications=CLAR_23)
    assert dl.paused_days == 12
    assert dl.extension_notice_by == D(2026, 12, 14)
    assert any("12 days do not count" in s for s in dl.steps)


def test_vector_20_extension_notice_window():
    dl = compute_deadline(ACCESS, D(2026, 11, 22), extended=True)
    assert dl.extension_notice_by == D(2026, 12, 22)
    assert dl.extended and "three months" in dl.summary


def test_vector_27_28_alternative_reading_reported():
    dl = compute_deadline(RequestKind.COMPLAINT, D(2026, 11, 2))
    assert dl.alternative_due == D(2026, 12, 1) and dl.regime == REGIME_S164A
    assert "ICO" in dl.notes[0] and "Tue 1 Dec 2026" in dl.notes[0]
    assert compute_deadline(RequestKind.COMPLAINT, D(2026, 11, 25)).alternative_due == D(2026, 12, 24)
    same = compute_deadline(RequestKind.COMPLAINT, D(2026, 6, 19))
    assert same.alternative_due == same.due == D(2026, 7, 20)


def test_complaint_before_commencement_is_flagged():
    dl = compute_deadline(RequestKind.COMPLAINT, D(2026, 6, 18))
    assert dl.regime == REGIME_PRE_S164A and "no statutory duty" in dl.notes[0]


def test_vector_30_regime_pre_duaa():
    assert compute_deadline(ACCESS, D(2026, 2, 4)).regime == REGIME_PRE_DUAA
    assert compute_deadline(ACCESS, D(2026, 2, 5)).regime == REGIME_ARTICLE_12A
    assert regime_for(ACCESS, D(2026, 2, 4)) == REGIME_PRE_DUAA
    assert "old Art 12(3)" in compute_deadline(ACCESS, D(2026, 2, 4)).notes[0]


def test_vector_25_pre_duaa_pause_is_flagged_as_guidance():
    dl = compute_deadline(ACCESS, D(2025, 11, 14), clarifications=[(D(2025, 11, 16), D(2025, 12, 16))])
    assert dl.paused_days == 31
    assert any("not in the statute" in n for n in dl.notes)


def test_wales_uses_england_and_wales_calendar():
    assert compute_deadline(ACCESS, D(2026, 3, 6), nation=WA).due == D(2026, 4, 7)
    assert compute_deadline(ACCESS, D(2026, 3, 6), nation="wales").nation is WA


def test_summary_reads_like_the_issue_example():
    s = compute_deadline(ACCESS, D(2026, 1, 31)).summary
    assert s.startswith("received Sat 31 Jan 2026 → one month: no 31 Feb, so Sat 28 Feb 2026 → a Saturday")
    assert s.endswith("Monday 2 Mar 2026.")


def test_late_extension_is_not_applied():
    dl = compute_deadline(ACCESS, D(2026, 11, 2), extended_on=D(2026, 12, 20))
    assert not dl.extended and dl.due == D(2026, 12, 2)
    assert "came after the window closed" in dl.notes[-1]
    ok = compute_deadline(ACCESS, D(2026, 11, 2), extended_on=D(2026, 11, 20))
    assert ok.extended and ok.due == D(2027, 2, 2)


def test_pause_before_clock_started_and_after_time_ran_out():
    # question asked and answered before the ID arrived: the clock was not running
    dl = compute_deadline(
        ACCESS, D(2026, 11, 2), id_received=D(2026, 11, 10), clarifications=[(D(2026, 11, 3), D(2026, 11, 5))]
    )
    assert dl.paused_days == 0 and dl.due == D(2026, 12, 10)
    late = compute_deadline(ACCESS, D(2026, 11, 2), clarifications=[(D(2026, 12, 20), D(2026, 12, 21))])
    assert late.paused_days == 0 and late.due == D(2026, 12, 2)


def test_pause_explanations_say_why_a_pause_changed_nothing():
    before = compute_deadline(
        ACCESS, D(2026, 11, 2), id_received=D(2026, 11, 10), clarifications=[(D(2026, 11, 5), D(2026, 11, 8))]
    )
    assert any("asked and answered before the clock started" in step for step in explain(before))
    assert not any("run out" in step for step in explain(before))
    late = compute_deadline(ACCESS, D(2026, 11, 2), clarifications=[(D(2026, 12, 20), D(2026, 12, 21))])
    assert any("after the time had run out" in step for step in explain(late))


@pytest.mark.parametrize(("asked", "answered", "due", "rolled_words"), [
    # The month ends Sat 3 Oct 2026 and the deadline rolls to Mon 5 Oct. A question asked on that Monday
    # pauses the one day left: Mon 5 to Wed 7 do not count, so the day left is Thu 8 Oct (R10, R7, R8).
    # Adding the three days to the Saturday instead (law.md §2 step 4 read literally) gave Tue 6 Oct,
    # before the person had even answered.
    (D(2026, 10, 5), D(2026, 10, 7), D(2026, 10, 8), "a Saturday, so the time ran to Mon 5 Oct 2026"),
    # Asked on the Sunday: Sun 4 to Wed 7 do not count; the days left were Sun 4 and Mon 5 → Fri 9 Oct.
    (D(2026, 10, 4), D(2026, 10, 7), D(2026, 10, 9), "the time ran to Mon 5 Oct 2026"),
    # Asked on the Saturday itself (the calendar end): the plain rule, Sat 3 + 5 days = Thu 8 Oct.
    (D(2026, 10, 3), D(2026, 10, 7), D(2026, 10, 8), None),
])
def test_question_asked_while_the_deadline_is_rolled_past_a_weekend(asked, answered, due, rolled_words):
    dl = compute_deadline(ACCESS, D(2026, 9, 3), clarifications=[(asked, answered)])
    assert dl.due == due and dl.due > answered
    assert dl.extension_notice_by == due
    words = " → ".join(explain(dl))
    assert (rolled_words in words) if rolled_words else ("time ran to" not in words)


def test_question_asked_after_the_rolled_day_changes_nothing():
    dl = compute_deadline(ACCESS, D(2026, 9, 3), clarifications=[(D(2026, 10, 6), D(2026, 10, 8))])
    assert dl.due == D(2026, 10, 5) and dl.paused_days == 0


def test_two_pauses_add_and_overlap_is_merged():
    two = compute_deadline(
        ACCESS,
        D(2026, 11, 2),
        clarifications=[(D(2026, 11, 5), D(2026, 11, 6)), (D(2026, 11, 9), D(2026, 11, 9))],
    )
    assert two.paused_days == 3 and two.period_end == D(2026, 12, 5)
    overlap = compute_deadline(
        ACCESS,
        D(2026, 11, 2),
        clarifications=[(D(2026, 11, 5), D(2026, 11, 10)), (D(2026, 11, 8), D(2026, 11, 12))],
    )
    assert overlap.paused_days == 8  # 5..12 Nov


# ---- receipt from sending ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "via", "nation", "expected"),
    [
        (D(2026, 1, 31), "email", EW, D(2026, 1, 31)),  # a Saturday: same day still (R5)
        (D(2026, 1, 31), "webform", EW, D(2026, 1, 31)),
        (D(2026, 1, 31), "hand", EW, D(2026, 1, 31)),
        (D(2026, 11, 2), "first-class", EW, D(2026, 11, 4)),  # Mon → Wed
        (D(2026, 10, 30), "first-class", EW, D(2026, 11, 3)),  # Fri → Tue
        (D(2026, 11, 2), "second-class", EW, D(2026, 11, 6)),  # Mon → Fri
        (D(2026, 11, 27), "first-class", SC, D(2026, 12, 2)),  # Fri; Mon 30 Nov St Andrew's Day
        (D(2026, 11, 27), "first-class", EW, D(2026, 12, 1)),
        (D(2026, 12, 23), "second-class", EW, D(2026, 12, 31)),  # 25 and 28 Dec are holidays
    ],
)
def test_receipt_from_sending(sent, via, nation, expected):
    assert receipt_date(sent, via, nation) == expected
    dl = compute_deadline(ACCESS, sent=sent, channel=via, nation=nation)
    assert dl.received == expected and dl.sent == sent
    assert dl.steps[0].startswith("sent ")


def test_explicit_received_wins_over_sent():
    dl = compute_deadline(ACCESS, D(2026, 11, 10), sent=D(2026, 11, 2), channel="second-class")
    assert dl.received == D(2026, 11, 10)


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {
                "kind": ACCESS,
                "received": D(2026, 11, 2),
                "clarifications": [(D(2026, 11, 9), D(2026, 11, 5))],
            },
            "before the question",
        ),
        ({"kind": ACCESS, "received": D(2026, 11, 2), "id_received": D(2026, 11, 1)}, "ID received"),
        ({"kind": ACCESS, "received": D(2026, 11, 2), "fee_received": D(2026, 10, 1)}, "fee received"),
        (
            {
                "kind": ACCESS,
                "received": D(2026, 11, 2),
                "clarifications": [(D(2026, 11, 1), D(2026, 11, 5))],
            },
            "clarification question",
        ),
        ({"kind": OBJECT, "received": D(2026, 11, 2), "clarifications": CLAR_23}, "only to access requests"),
        ({"kind": "erasure", "received": D(2026, 11, 2), "clarifications": CLAR_23}, "not to erasure"),
        ({"kind": "nonsense", "received": D(2026, 11, 2)}, "unknown kind 'nonsense'"),
        ({"kind": ACCESS, "received": D(2026, 11, 2), "nation": "mercia"}, "unknown nation 'mercia'"),
        ({"kind": ACCESS, "sent": D(2026, 11, 2), "channel": "pigeon"}, "unknown channel 'pigeon'"),
        ({"kind": ACCESS, "sent": D(2026, 11, 2)}, "give the date"),
        ({"kind": ACCESS}, "give the date"),
        ({"kind": "reminder", "received": D(2026, 11, 2)}, "no statutory deadline"),
        ({"kind": "complaint", "received": D(2026, 11, 2), "extended": True}, "complaint"),
        ({"kind": ACCESS, "received": D(2026, 11, 2), "sent": D(2026, 11, 5)}, "before it was sent"),
    ],
)
def test_bad_input(kwargs, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compute_deadline(**kwargs)


def test_add_months_clamps():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)
    assert add_months(D(2100, 1, 31), 1) == D(2100, 2, 28)  # not a leap year
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)


# ---- properties ----------------------------------------------------------------------------

dates = st.dates(min_value=D(2019, 1, 1), max_value=D(2030, 12, 31))
nations = st.sampled_from(list(Nation))
month_kinds = st.sampled_from(
    [ACCESS, OBJECT, RequestKind.OBJECT_PROCESSING, RequestKind.ERASURE, RequestKind.OPEN_REGISTER]
)


@settings(max_examples=300, deadline=None)
@given(received=dates, nation=nations, kind=month_kinds)
def test_due_is_a_working_day_within_bounds(received, nation, kind):
    dl = compute_deadline(kind, received, nation=nation)
    assert holidays_uk.is_working_day(dl.due, nation)
    assert dl.due >= received + timedelta(days=28)
    # one month (at most 31 days) plus the longest possible run of non-working days (Christmas: 4-5)
    assert dl.due <= add_months(received, 1) + timedelta(days=6)
    assert dl.due >= add_months(received, 1)


@settings(max_examples=300, deadline=None)
@given(a=dates, b=dates, nation=nations)
def test_monotone_in_receipt(a, b, nation):
    a, b = min(a, b), max(a, b)
    assert compute_deadline(ACCESS, a, nation=nation).due <= compute_deadline(ACCESS, b, nation=nation).due


@settings(max_examples=200, deadline=None)
@given(received=dates, nation=nations)
def test_extension_never_shortens(received, nation):
    plain = compute_deadline(ACCESS, received, nation=nation)
    ext = compute_deadline(ACCESS, received, nation=nation, extended=True)
    assert ext.due >= plain.due
    assert ext.due >= add_months(received, 3)
    assert holidays_uk.is_working_day(ext.due, nation)


@settings(max_examples=300, deadline=None)
@given(
    received=st.dates(min_value=D(2026, 2, 5), max_value=D(2030, 12, 31)),
    offset=st.integers(0, 27),
    length=st.integers(0, 60),
    nation=nations,
    extended=st.booleans(),
)
def test_pause_never_shortens_and_adds_its_length(received, offset, length, nation, extended):
    asked = received + timedelta(days=offset)  # within the first 28 days: the clock is running
    answered = asked + timedelta(days=length)
    plain = compute_deadline(ACCESS, received, nation=nation, extended=extended)
    paused = compute_deadline(
        ACCESS, received, nation=nation, extended=extended, clarifications=[(asked, answered)]
    )
    assert paused.paused_days == length + 1
    assert paused.period_end == plain.period_end + timedelta(days=length + 1)
    assert paused.due >= plain.due
    assert paused.due >= plain.period_end + timedelta(days=length + 1)
    assert paused.extension_notice_by >= plain.extension_notice_by


@settings(max_examples=400, deadline=None)
@given(
    received=st.dates(min_value=D(2026, 2, 5), max_value=D(2030, 12, 31)),
    offset=st.integers(0, 40),
    length=st.integers(0, 20),
    nation=nations,
)
def test_a_question_asked_in_time_always_leaves_time_after_the_answer(received, offset, length, nation):
    """Whenever the question comes while the time is running (up to the end of the rolled due day),
    the new due date is after the answer, and never before the old one (R10)."""
    plain = compute_deadline(ACCESS, received, nation=nation)
    asked = received + timedelta(days=offset)
    answered = asked + timedelta(days=length)
    paused = compute_deadline(ACCESS, received, nation=nation, clarifications=[(asked, answered)])
    if asked <= plain.due:
        assert paused.due > answered
        assert paused.due >= plain.due
        assert paused.paused_days == length + 1
    else:
        assert paused.due == plain.due and paused.paused_days == 0


@settings(max_examples=200, deadline=None)
@given(received=st.dates(min_value=D(2026, 6, 19), max_value=D(2030, 12, 31)), nation=nations)
def test_complaint_due_between_readings(received, nation):
    dl = compute_deadline(RequestKind.COMPLAINT, received, nation=nation)
    assert dl.alternative_due <= dl.due
    assert received + timedelta(days=30) <= dl.due <= received + timedelta(days=36)
    assert holidays_uk.is_working_day(dl.due, nation)


def test_the_engine_words_how_the_letter_and_each_answer_travelled():
    """The tracker hands the engine facts (the sending day and channel, how a clarification answer went),
    never rewritten steps: the words come from `explain`."""
    from datetime import date as d

    from ydm.law.deadlines import compute_deadline
    from ydm.model import Channel, RequestKind

    dl = compute_deadline(RequestKind.ACCESS, sent=d(2026, 11, 2), channel=Channel.FIRST_CLASS,
                          clarifications=[(d(2026, 11, 5), d(2026, 11, 18))])
    assert dl.steps[0] == "sent Mon 2 Nov 2026; first-class post is taken to arrive on the second working day after posting: Wed 4 Nov 2026"
    follow = dl._replace(sent_words="follow-up sent")
    assert follow.steps[0].startswith("follow-up sent Mon 2 Nov 2026; ")
    (pause,) = dl.pauses
    posted = dl._replace(pauses=(pause._replace(answer_sent=d(2026, 11, 16), answer_via=Channel.FIRST_CLASS),))
    assert any(s.startswith("clarification asked Thu 5 Nov; you answered Mon 16 Nov by first-class post, "
                            "taken to arrive Wed 18 Nov: ") for s in posted.steps)
    known = dl._replace(pauses=(pause._replace(answer_receipt_known=True),))
    assert any(s.startswith("clarification asked Thu 5 Nov; they received your answer Wed 18 Nov: ") for s in known.steps)
    assert any(s.startswith("clarification asked Thu 5 Nov, answered Wed 18 Nov: ") for s in dl.steps)
