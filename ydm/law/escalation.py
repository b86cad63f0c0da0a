"""Where a request stands and what to do next, derived from its events and `today`. Pure, no I/O.

The request tracker, the TUI dashboard and `ydm requests next` call `assess(request, today)`.
Nothing here is stored: status and due dates are recomputed from the event history every time, so
they follow the law (and bank holiday) updates automatically.

The escalation chain (law.md §8, derived): the statutory deadline passes → a REMINDER, which asks for
an answer "within REMINDER_GRACE_DAYS days of the date of this letter" → from the day after those days,
an s.164A COMPLAINT to the organisation (a plain one before 19 Jun 2026) → if the complaint is
not acknowledged within its 30 days, or no outcome comes, or the outcome is unsatisfactory, an
ICO_COMPLAINT "within three months of your last contact with the organisation" (ICO, "What to expect").
A reply that misses items gets a FOLLOW_UP, which runs a fresh one-month clock; when that passes
unanswered, the chain above starts again from a reminder.

How events are read (the tracker records them; see model.EventKind):
- Receipt: an explicit RECEIVED event wins, else the first SENT event and the request's channel
  (deemed receipt, `deadlines.RECEIPT_RULES`).
- A SENT event after a RESPONSE_INCOMPLETE is the follow-up letter going out: a fresh one-month clock
  from its deemed receipt; only replies and reminders recorded after it (in the log's order, so a
  same-day verdict and follow-up are told apart) belong to that clock (`follow_up_sends`).
- A RESPONSE_INCOMPLETE that follows a RESPONSE_RECEIVED with no letter of ours in between is a
  judgement of that reply, not a second reply (`verdicts`): the reply's date is the last contact.
- A CLARIFICATION_PROVIDED ends the Art 12A(5) pause on the day the organisation RECEIVES the answer
  (law.md R10): `data={"received": True}` says the date is that day; `data={"via": channel}` deems it
  from that channel; otherwise from the request's own channel (`clarification_received`).
- For a request whose own kind is REMINDER, COMPLAINT or ICO_COMPLAINT, its SENT event is that step.
- An unsatisfactory complaint outcome: RESPONSE_INCOMPLETE after the complaint, or RESPONSE_RECEIVED
  after it with `data={"satisfied": False}`.
Events that contradict each other (an extension recorded after its window closed, an answer before
the request went out, ...) give a warning in `Assessment.warnings`; the result is still computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from operator import attrgetter

from ydm.errors import InputError
from ydm.law import holidays_uk
from ydm.law.deadlines import (
    DEADLINE_KINDS,
    MONTH_KINDS,
    PAUSE_KINDS,
    REGIME_PRE_S164A,
    add_months,
    fmt,
)
from ydm.law.escalation_clock import _clock_stage, _followed_up_step, follow_up_due, reminder_window_end
from ydm.law.escalation_events import (
    _CLOSING,
    _COMPLAINT_EVENTS,
    _CONTACT,
    _NOT_BEFORE_START,
    _REMINDER_EVENTS,
    _RESPONSES,
    _STAGE_OF_KIND,
    E,
    _first,
    _last,
    _last_at,
    _last_contact,
    clarification_received,
    follow_up_sends,
    verdicts,
)
from ydm.law.escalation_fast import _assess_simple, _simple_history
from ydm.law.escalation_memo import _MEMO as _MEMO
from ydm.law.escalation_memo import _deadline, _receipt, _step, memoised
from ydm.law.escalation_state import (
    DUE_SOON_DAYS,
    ICO_WINDOW_MONTHS,
    LEVEL,
    REMINDER_GRACE_DAYS,
    Assessment,
    NextStep,
    State,
    _status,
)
from ydm.model import Nation, Request, RequestKind

# The parts, lower modules first: escalation_state (types, yardsticks), escalation_memo (the listing
# memo), escalation_events (reading the log), escalation_clock (the answer clock and its next steps),
# escalation_fast (the one-pass path). This module holds the general rules and the public entry points.
__all__ = [
    "DUE_SOON_DAYS", "ICO_WINDOW_MONTHS", "LEVEL", "REMINDER_GRACE_DAYS", "Assessment", "NextStep", "State",
    "assess", "assess_many", "clarification_received", "follow_up_sends", "memoised", "open_due",
    "reminder_window_end", "verdicts",
]

# The one-pass path for common histories (`ydm.law.escalation_fast`): `assess` and `open_due` take it
# when this is on; tests switch it off to compare with the general path.
_FAST = True  # tests switch it off to compare with the general path
_ON = attrgetter("on")


def assess(request: Request, today: date, *, nation: Nation | str | None = None) -> Assessment:
    """Status, due date, next step and ICO window of one request on `today`.

    `nation` is the bank-holiday calendar when the request has none of its own (the tracker passes
    the organisation's home nation); default England and Wales.
    """
    cal = request.nation or (holidays_uk.to_nation(nation) if nation else Nation.ENGLAND_AND_WALES)
    if _FAST and request.kind in MONTH_KINDS:
        simple = _simple_history(request.events, today)
        if simple is not None:
            return _assess_simple(request, today, cal, *simple)
    events = sorted(request.events, key=_ON)  # stable: same-day events keep their order
    warnings: list[str] = []
    result = {"ref": request.ref}

    def done(state: State, next_step=None, ico_by=None, due=None, due_label="", deadline=None, days_left=None):
        return Assessment(
            state=state,
            status=_status(state, days_left),
            level=LEVEL[state],
            warnings=tuple(warnings),
            next_step=next_step,
            ico_by=ico_by,
            due=due,
            due_label=due_label,
            deadline=deadline,
            days_left=days_left,
            **result,
        )

    for ev in events:
        if ev.on > today:
            warnings.append(f"{ev.kind.value} is recorded for {fmt(ev.on)}, after today")
    sent_ev = _first(events, E.SENT)
    recv_ev = _first(events, E.RECEIVED)
    if sent_ev is None and recv_ev is None:
        if _last(events, _CONTACT - {E.SENT, E.RECEIVED}):
            warnings.append("events are recorded but the letter was never marked as sent")
        end = _last(events, _CLOSING)
        if end:
            return done(State.CLOSED if end.kind is E.CLOSED else State.WITHDRAWN)
        return done(
            State.DRAFT,
            next_step=NextStep(request.kind, "Send the letter, then record the date you sent it."),
        )

    sent = sent_ev.on if sent_ev else None
    if recv_ev is not None:
        received = recv_ev.on
        if sent is not None and received < sent:
            warnings.append(
                f"received ({fmt(received)}) is before it was sent ({fmt(sent)}); using the receipt date"
            )
    else:
        received = _receipt(sent, request.channel, cal)
    start = min(received, sent) if sent else received
    for ev in events:
        if ev.kind not in _NOT_BEFORE_START and ev.on < start:
            warnings.append(f"{ev.kind.value} ({fmt(ev.on)}) is before the request was sent")
    last_contact = _last_contact(events, start)
    result.update(sent=sent, received=received, last_contact=last_contact)
    ico_by = add_months(last_contact, ICO_WINDOW_MONTHS)

    end = _last(events, _CLOSING)
    if end:
        return done(State.CLOSED if end.kind is E.CLOSED else State.WITHDRAWN)
    if _first(events, E.ICO_COMPLAINT_SENT) or request.kind is RequestKind.ICO_COMPLAINT:
        return done(
            State.WITH_ICO, next_step=NextStep(None, "The ICO has your complaint: wait for their reply.")
        )

    # ---- the original request's clock -----------------------------------------------------
    answer_dl = None
    if request.kind in DEADLINE_KINDS and request.kind is not RequestKind.COMPLAINT:
        answer_dl, waiting = _answer_deadline(request, events, received, cal, warnings)
        if waiting is not None:
            return done(waiting[0], next_step=NextStep(None, waiting[1]), ico_by=ico_by)
    result["answer_deadline"] = answer_dl

    # ---- escalation stages, latest first ------------------------------------------------------
    stage_kind = _STAGE_OF_KIND.get(request.kind)
    at, complaint = _last_at(events, _COMPLAINT_EVENTS[stage_kind is E.COMPLAINT_SENT])
    if complaint is not None:
        return _complaint_stage(request, events, at, cal, today, ico_by, warnings, done)
    reminder_kinds = _REMINDER_EVENTS[stage_kind is E.REMINDER_SENT]

    follow_ups = follow_up_sends(events, received)
    if follow_ups:
        # The last follow-up letter runs a fresh one-month clock from its deemed receipt; only what is
        # recorded after it (in the log's order: a verdict and a follow-up can share a day) answers it.
        at = follow_ups[-1]
        answer = _last_at(events, _RESPONSES, at + 1)[1]
        reminder = _last_at(events, reminder_kinds, at + 1)[1]
        # Issue 16 finding 5: the follow-up gives no fresh month; the request's own deadline still binds
        # (a late, incomplete answer is still late), and the tracker keeps that date (`follow_up_due`).
        fu_on = events[at].on
        original = answer_dl.due if answer_dl is not None else None
        due = follow_up_due(original, fu_on, _receipt(fu_on, request.channel, cal))
        if due is None:  # no deadline of the request's own to keep: the follow-up's month as a yardstick
            clock_dl = _deadline(RequestKind.FOLLOW_UP, _receipt(fu_on, request.channel, cal), cal)
        else:
            clock_dl = answer_dl
            if due != original and answer is None and reminder is None and today <= due:
                # Already late when the follow-up went: it gave them a few days before a reminder.
                step = _step("followed-up", fu_on, _followed_up_step)
                return done(State.OVERDUE, step, ico_by, original, "answer", answer_dl, (original - today).days)
    else:
        clock_dl = answer_dl
        answer = _last(events, _RESPONSES, after=received)
        reminder = _last(events, reminder_kinds)
    return _clock_stage(clock_dl, reminder, answer, today, ico_by, warnings, done)


def _answer_deadline(request, events, received, cal, warnings):
    """(Deadline, None) or (None, (state, reason)) when the clock has not started or is stopped."""
    kinds_seen = set()
    last = {}  # the last event of each kind, in one pass (this runs for every request in a listing)
    for ev in events:
        kinds_seen.add(ev.kind)
        last[ev.kind] = ev
    id_ev, fee_ev = last.get(E.ID_PROVIDED), last.get(E.FEE_PAID)
    id_req, fee_req = last.get(E.ID_REQUESTED), last.get(E.FEE_REQUESTED)
    if id_req and (id_ev is None or id_ev.on < id_req.on) and not kinds_seen & _RESPONSES:
        return None, (
            State.ID_REQUESTED,
            "They asked for proof of identity: send it; the time starts when they get it.",
        )
    if fee_req and (fee_ev is None or fee_ev.on < fee_req.on) and not kinds_seen & _RESPONSES:
        return None, (State.FEE_REQUESTED, "They asked for a fee: the time starts when they receive it.")
    # Art 12A(2)(b),(c): the relevant time runs from the controller's RECEIPT of the ID or the fee (law.md
    # R3), deemed from how it went like an answer to a clarification (`clarification_received`: the
    # event's `via`, else the request's channel; `received`: the event's date is their receipt).
    id_on = clarification_received(id_ev, request.channel, cal) if id_ev and id_ev.on >= received else None
    fee_on = clarification_received(fee_ev, request.channel, cal) if fee_ev and fee_ev.on >= received else None
    for ev, on in ((id_ev, id_on), (fee_ev, fee_on)):
        if ev is not None and on is None:
            warnings.append(f"{ev.kind.value} ({fmt(ev.on)}) is before the request was received; ignored")
    pairs, open_ask = [], None
    for ev in events:
        if ev.kind is E.CLARIFICATION_REQUESTED:
            open_ask = open_ask or ev
        elif ev.kind is E.CLARIFICATION_PROVIDED:
            if open_ask is None:
                warnings.append(
                    f"a clarification answer ({fmt(ev.on)}) is recorded without a question; ignored"
                )
            else:
                # R10 / Art 12A(5): the pause ends the day the controller RECEIVES the answer.
                pairs.append((max(open_ask.on, received), clarification_received(ev, request.channel, cal)))
                open_ask = None
    if (pairs or open_ask) and request.kind not in PAUSE_KINDS:
        warnings.append(
            f"a clarification does not stop the clock for {request.kind.value} (Art 12A(5)); ignored"
        )
        pairs, open_ask = [], None
    if open_ask is not None and not kinds_seen & _RESPONSES:
        why = f"They asked on {fmt(open_ask.on)} what you meant: answer them; the time stops until they have it."
        return None, (State.PAUSED, why)
    extended_ev = _first(events, E.EXTENDED)
    try:
        dl = _deadline(request.kind, received, cal, id_on, fee_on, pairs, extended_ev.on if extended_ev else None)
    except InputError as exc:
        warnings.append(f"{exc.message}; counted without the pause")
        dl = _deadline(request.kind, received, cal, id_on, fee_on)
    if extended_ev is not None and not dl.extended:
        warnings.extend(n for n in dl.base_notes if "came after the window closed" in n)
    return dl, None


def _complaint_stage(request, events, at, cal, today, ico_by, warnings, done) -> Assessment:
    """The s.164A complaint (`events[at]`) is out: acknowledgement in 30 days, then an outcome (law.md
    R28-R29). Only replies recorded after it in the log are its outcome."""
    complained_on = events[at].on
    received = _receipt(complained_on, request.channel, cal)
    ack_dl = _deadline(RequestKind.COMPLAINT, received, cal)
    ack = _first(events, E.COMPLAINT_ACKNOWLEDGED, after=complained_on)
    if ack is None and _first(events, E.COMPLAINT_ACKNOWLEDGED):
        warnings.append("a complaint acknowledgement is recorded before the complaint was sent")
    outcome = _last_at(events, _RESPONSES, at + 1)[1]
    if outcome is not None:
        unhappy = outcome.kind is E.RESPONSE_INCOMPLETE or outcome.data.get("satisfied") is False
        if unhappy:
            why = (
                f"You are not satisfied with their answer to your complaint: complain to the ICO by {fmt(ico_by)}"
                " (within three months of your last contact)."
            )
            return done(State.INCOMPLETE, next_step=NextStep(RequestKind.ICO_COMPLAINT, why), ico_by=ico_by)
        return done(State.ANSWERED, ico_by=ico_by)
    if ack is None:
        due, label, dl = ack_dl.due, "acknowledge your complaint", ack_dl
        if ack_dl.regime == REGIME_PRE_S164A:
            # Received before 19 Jun 2026: s.164A's duty to acknowledge did not apply (R30, SI 2026/82 reg 7).
            lapsed = (
                f"They have not acknowledged your complaint in 30 days ({fmt(due)}; a fair guide only,"
                " as the legal duty to acknowledge covers complaints received from 19 Jun 2026)"
            )
        else:
            lapsed = f"They did not acknowledge your complaint within 30 days ({fmt(due)}, DPA 2018 s.164A)"
    else:
        # No statutory date for the outcome ("without undue delay"). ydm's yardstick: one calendar month
        # from receipt of the complaint, as the ICO's own template letter asks, and never before the ack date.
        due = max(ack_dl.due, holidays_uk.next_working_day(add_months(received, 1), cal))
        label, dl = "tell you the outcome of your complaint", ack_dl
        lapsed = f"No outcome to your complaint by {fmt(due)}, a month after they received it"
    days_left = (due - today).days
    common = {"due": due, "due_label": label, "deadline": dl, "days_left": days_left, "ico_by": ico_by}
    if days_left < 0:
        why = f"{lapsed}: complain to the ICO by {fmt(ico_by)}."
        return done(State.COMPLAINT_OVERDUE, next_step=NextStep(RequestKind.ICO_COMPLAINT, why), **common)
    why = f"If they have not replied by the end of {fmt(due)}, complain to the ICO (by {fmt(ico_by)})."
    step = NextStep(RequestKind.ICO_COMPLAINT, why, due + timedelta(days=1))
    return done(State.COMPLAINED, next_step=step, **common)


def open_due(request: Request, today: date, *, nation: Nation | str | None = None) -> tuple[bool, date | None]:
    """For listings that keep only open requests by due date (`--overdue`, `--due-within`): `(True, due)`
    when a simple history settles it without a full `assess` (`due` None: answered, nothing is due),
    `(False, None)` when only `assess` can tell. When settled, `due` is `assess(...).due` of an open
    request, and None exactly when that is None or the request is done (tests compare the two)."""
    if not _FAST or request.kind not in MONTH_KINDS:
        return False, None
    simple = _simple_history(request.events, today)
    if simple is None:
        return False, None
    sent_ev, ext_ev, reminder, response, _ = simple
    cal = request.nation or (holidays_uk.to_nation(nation) if nation else Nation.ENGLAND_AND_WALES)
    received = _receipt(sent_ev.on, request.channel, cal)
    if response is not None and response.on >= received and (reminder is None or response.on >= reminder.on):
        return True, None  # answered (or an incomplete answer: a follow-up to write, no date)
    return True, _deadline(request.kind, received, cal, None, None, (), ext_ev.on if ext_ev else None).due


def assess_many(
    requests: Iterable[Request],
    today: date,
    *,
    nation_of: Callable[[Request], Nation | str | None] | None = None,
) -> list[Assessment]:
    """`assess` for many requests (the dashboard). `nation_of(request)` gives the calendar when the
    request has none (e.g. the organisation's home nation); the bank-holiday calendar is loaded once,
    and identical deadlines are computed once (`memoised`)."""
    with memoised():
        return [
            assess(r, today, nation=nation_of(r) if nation_of and r.nation is None else None) for r in requests
        ]
