"""The answer clock (the request's own, or the last follow-up's), the reminder that follows it, and the
next steps it suggests ("send a reminder", "complain to the organisation", ...).

Separate from `ydm.law.escalation` because both the general path there and the one-pass fast path
(`ydm.law.escalation_fast`) end in the same clock stage; it sits below both.
"""

from __future__ import annotations

from datetime import date, timedelta

from ydm.law.deadlines import REGIME_S164A, fmt, regime_for
from ydm.law.escalation_events import E
from ydm.law.escalation_memo import _step
from ydm.law.escalation_state import DUE_SOON_DAYS, REMINDER_GRACE_DAYS, Assessment, NextStep, State
from ydm.model import RequestKind


def _clock_stage(clock_dl, reminder, answer, today, ico_by, warnings, done) -> Assessment:
    """The answer clock (the request's, or the last follow-up's) and the reminder after it.

    The next steps depend only on a date or two, so a listing builds each one once (`_step`)."""
    if answer is not None and (reminder is None or answer.on >= reminder.on):
        if answer.kind is E.RESPONSE_INCOMPLETE:
            return done(State.INCOMPLETE, next_step=_FOLLOW_UP_STEP, ico_by=ico_by)
        return done(State.ANSWERED, ico_by=ico_by)
    if clock_dl is None and reminder is None:
        return done(State.WAITING, ico_by=ico_by)  # a kind with no statutory clock of its own

    due = clock_dl.due if clock_dl else None
    days_left = (due - today).days if due else None
    label = ("answer your follow-up" if clock_dl.kind is RequestKind.FOLLOW_UP else "answer") if due else ""
    if reminder is not None:
        if due is not None and reminder.on <= due:
            warnings.append(
                f"a reminder is recorded on {fmt(reminder.on)}, before the deadline ({fmt(due)}) passed"
            )
        if today <= reminder.on + _GRACE:  # the reminder's "14 days of the date of this letter" still run
            step = _step("reminded", reminder.on, _reminded_step)
            return done(State.REMINDED, step, ico_by, due, label, clock_dl, days_left)
        # A complaint sent today is received today or later: s.164A covers it only from 19 Jun 2026 (R30).
        if regime_for(RequestKind.COMPLAINT, today) == REGIME_S164A:
            step = _step("reminder-unanswered", reminder.on, _unanswered_step)
        else:
            step = _step("reminder-unanswered-pre-s164a", reminder.on, _unanswered_before_s164a)
        return done(State.OVERDUE, step, ico_by, due, label, clock_dl, days_left)
    if days_left < 0:
        return done(State.OVERDUE, _step("overdue", due, _overdue_step), ico_by, due, label, clock_dl, days_left)
    state = (
        State.DUE_TODAY if days_left == 0 else State.DUE_SOON if days_left <= DUE_SOON_DAYS else State.WAITING
    )
    return done(state, _step("waiting", due, _waiting_step), ico_by, due, label, clock_dl, days_left)


_GRACE = timedelta(days=REMINDER_GRACE_DAYS)
_FOLLOW_UP_STEP = NextStep(
    RequestKind.FOLLOW_UP, "Their reply left out things you asked for: write a follow-up asking for what is missing."
)


def follow_up_due(original_due: date | None, follow_up_on: date, follow_up_received: date) -> date | None:
    """When the items a follow-up asks for are due (issue 16 finding 5). A reply that leaves items out
    does not stop the request's time running, so the follow-up gives no fresh month: while the original
    deadline has not passed when the follow-up arrives, the items are due by it; once it has passed, they
    are already late, and the follow-up asks for them within REMINDER_GRACE_DAYS days of its date (a
    yardstick, like the reminder's), after which a reminder follows. None: no original deadline known."""
    if original_due is None:
        return None
    if follow_up_received <= original_due:
        return original_due
    return follow_up_on + _GRACE


def _followed_up_step(followed_up: date) -> NextStep:
    end = follow_up_on_end(followed_up)
    why = (
        f"Your follow-up of {fmt(followed_up)} asked for the missing items within {REMINDER_GRACE_DAYS} days (they"
        f" were already late). If they have not come by the end of {fmt(end)}, send a reminder."
    )
    return NextStep(RequestKind.REMINDER, why, end + timedelta(days=1))


def follow_up_on_end(followed_up: date) -> date:
    return followed_up + _GRACE


def reminder_window_end(reminded: date) -> date:
    """The last day of the reminder's "within 14 days of the date of this letter" (the day after the
    letter is day 1, as in Art 3(1) of Reg 1182/71, law.md R8): the complaint comes the day after."""
    return reminded + _GRACE


def _reminded_step(reminded: date) -> NextStep:
    end = reminder_window_end(reminded)
    why = (
        f"You sent a reminder on {fmt(reminded)}, giving them {REMINDER_GRACE_DAYS} days. If there is still"
        f" no answer by the end of {fmt(end)}, complain to the organisation."
    )
    return NextStep(RequestKind.COMPLAINT, why, end + timedelta(days=1))


def _unanswered_step(reminded: date, s164a: bool = True) -> NextStep:
    law = " (DPA 2018 s.164A)" if s164a else ""
    why = (
        f"Your reminder of {fmt(reminded)} gave them {REMINDER_GRACE_DAYS} days, to"
        f" {fmt(reminder_window_end(reminded))}, and has gone unanswered: complain to the organisation{law}."
    )
    return NextStep(RequestKind.COMPLAINT, why)


def _unanswered_before_s164a(reminded: date) -> NextStep:
    return _unanswered_step(reminded, s164a=False)


def _overdue_step(due: date) -> NextStep:
    return NextStep(RequestKind.REMINDER, f"The deadline ({fmt(due)}) has passed without an answer: send a reminder.")


def _waiting_step(due: date) -> NextStep:
    why = f"If they have not answered by the end of {fmt(due)}, send a reminder."
    return NextStep(RequestKind.REMINDER, why, due + timedelta(days=1))
