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

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from ydm import holidays_uk
from ydm.deadlines import (
    DEADLINE_KINDS,
    MONTH_KINDS,
    PAUSE_KINDS,
    REGIME_PRE_S164A,
    REGIME_S164A,
    Deadline,
    add_months,
    compute_deadline,
    fmt,
    receipt_date,
    regime_for,
)
from ydm.errors import InputError
from ydm.model import Channel, EventKind, Nation, Request, RequestKind

# ydm's yardstick, not law: how long a reminder may go unanswered before we suggest a complaint.
# Two weeks is ample for a request that is already late; ICO asks people to chase before escalating.
REMINDER_GRACE_DAYS = 14
DUE_SOON_DAYS = 7  # "DUE IN n DAYS" from this many days out; "WAITING" before
ICO_WINDOW_MONTHS = 3  # ICO: complain "within three months of your last contact with the organisation"

E = EventKind
_CONTACT = frozenset(
    {E.SENT, E.RECEIVED, E.ACKNOWLEDGED, E.ID_REQUESTED, E.ID_PROVIDED, E.FEE_REQUESTED, E.FEE_PAID,
     E.CLARIFICATION_REQUESTED, E.CLARIFICATION_PROVIDED, E.EXTENDED, E.RESPONSE_RECEIVED,
     E.RESPONSE_INCOMPLETE, E.REMINDER_SENT, E.COMPLAINT_SENT, E.COMPLAINT_ACKNOWLEDGED}
)  # fmt: skip
_RESPONSES = frozenset({E.RESPONSE_RECEIVED, E.RESPONSE_INCOMPLETE})
# Letters the person sends: after one of them, a reply is a new reply (not the last one judged again).
_OUTGOING = frozenset({E.SENT, E.REMINDER_SENT, E.COMPLAINT_SENT, E.ICO_COMPLAINT_SENT})
# Which events mark the complaint / reminder stage, by whether the request is itself that letter.
_COMPLAINT_EVENTS = {False: frozenset({E.COMPLAINT_SENT}), True: frozenset({E.COMPLAINT_SENT, E.SENT})}
_REMINDER_EVENTS = {False: frozenset({E.REMINDER_SENT}), True: frozenset({E.REMINDER_SENT, E.SENT})}
_CLOSING = frozenset({E.CLOSED, E.WITHDRAWN})
_NOT_BEFORE_START = (E.SENT, E.RECEIVED, E.DRAFTED)
_STAGE_OF_KIND = {
    RequestKind.REMINDER: E.REMINDER_SENT,
    RequestKind.COMPLAINT: E.COMPLAINT_SENT,
    RequestKind.ICO_COMPLAINT: E.ICO_COMPLAINT_SENT,
}


class State(StrEnum):
    DRAFT = "draft"
    WAITING = "waiting"  # the clock runs, more than DUE_SOON_DAYS left
    DUE_SOON = "due-soon"
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"
    ID_REQUESTED = "id-requested"  # the clock has not started: they wait for your ID (Art 12(6))
    FEE_REQUESTED = "fee-requested"
    PAUSED = "paused"  # Art 12A(5): they asked what you meant; the clock stops until they have your answer
    ANSWERED = "answered"
    INCOMPLETE = "incomplete"
    REMINDED = "reminded"
    COMPLAINED = "complained"
    COMPLAINT_OVERDUE = "complaint-overdue"
    WITH_ICO = "with-ico"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


# The TUI's colour levels (ydm.tui.backend.LEVELS): late, soon, waiting, done, draft.
LEVEL = {
    State.DRAFT: "draft", State.WAITING: "waiting", State.DUE_SOON: "soon", State.DUE_TODAY: "soon",
    State.OVERDUE: "late", State.ID_REQUESTED: "soon", State.FEE_REQUESTED: "soon", State.PAUSED: "soon",
    State.ANSWERED: "done", State.INCOMPLETE: "soon", State.REMINDED: "late", State.COMPLAINED: "waiting",
    State.COMPLAINT_OVERDUE: "late", State.WITH_ICO: "waiting", State.CLOSED: "done", State.WITHDRAWN: "done",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next. `kind` is the letter to write (None when the step is not a new letter)."""

    kind: RequestKind | None
    reason: str
    on_or_after: date | None = None  # the first day it makes sense; None = now


class Assessment(NamedTuple):
    """Everything a face needs to show one request. `due` is the end of that day.

    A NamedTuple (like `Deadline`): just as immutable as a frozen dataclass, and several times cheaper
    to build, which shows when a listing assesses 10,000 requests.
    """

    ref: str
    state: State
    status: str  # words for people: "DUE IN 5 DAYS", "OVERDUE", ...
    level: str  # late | soon | waiting | done | draft
    due: date | None = None
    due_label: str = ""  # what is due: "answer", "acknowledge your complaint", ...
    deadline: Deadline | None = None  # the statutory count behind `due`, with its steps
    answer_deadline: Deadline | None = None  # the original request's answer deadline
    days_left: int | None = None
    next_step: NextStep | None = None
    sent: date | None = None
    received: date | None = None
    last_contact: date | None = None
    ico_by: date | None = None
    warnings: tuple[str, ...] = ()


# --- memo for many assessments -----------------------------------------------------------------
# Listing 10,000 requests computes the same few hundred deadlines over and over (same kind, receipt
# date and calendar). Inside `memoised()` each distinct computation runs once. The memo lives only for
# that block (a bank-holiday update between two listings is always seen) and in a ContextVar, so
# threads and tasks never share one. Deadline is an immutable NamedTuple: sharing it is safe.
_MEMO: ContextVar[dict | None] = ContextVar("ydm_escalation_memo", default=None)


@contextmanager
def memoised() -> Iterator[None]:
    """Share identical deadline and receipt-date computations between the assessments in this block."""
    token = _MEMO.set({}) if _MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _MEMO.reset(token)


def _deadline(kind, received, cal, id_on=None, fee_on=None, pairs=(), extended_on=None) -> Deadline:
    """`compute_deadline` for what assess needs, through the memo when one is active (errors are not kept)."""
    memo = _MEMO.get()
    if memo is None:
        return compute_deadline(kind, received, nation=cal, id_received=id_on, fee_received=fee_on,
                                clarifications=pairs, extended_on=extended_on)
    key = (kind, received, cal, id_on, fee_on, tuple(pairs), extended_on)
    dl = memo.get(key)
    if dl is None:
        dl = memo[key] = compute_deadline(kind, received, nation=cal, id_received=id_on, fee_received=fee_on,
                                          clarifications=pairs, extended_on=extended_on)
    return dl


def _receipt(sent: date, channel, cal) -> date:
    """`receipt_date` through the memo when one is active."""
    memo = _MEMO.get()
    if memo is None:
        return receipt_date(sent, channel, cal)
    key = ("receipt", sent, channel, cal)
    got = memo.get(key)
    if got is None:
        got = memo[key] = receipt_date(sent, channel, cal)
    return got


def _first(events, kind, after: date | None = None):
    for ev in events:
        if ev.kind is kind and (after is None or ev.on >= after):
            return ev
    return None


def _last(events, kinds, after: date | None = None):
    found = None
    for ev in events:
        if ev.kind in kinds and (after is None or ev.on >= after):
            found = ev
    return found


def _last_at(events, kinds, start: int = 0):
    """(index, event) of the last event of `kinds` at or after position `start`, or (-1, None)."""
    for i in range(len(events) - 1, start - 1, -1):
        if events[i].kind in kinds:
            return i, events[i]
    return -1, None


def verdicts(events) -> set[int]:
    """Positions (in `events`, which must be in date order) of the RESPONSE_INCOMPLETE events that
    judge an earlier RESPONSE_RECEIVED: recorded after the reply with no letter of ours in between.
    People often record "they replied" on the day it came and "it was incomplete" once they have read
    it; that is one reply, dated the day it came (the last contact, ICO "What to expect", law.md §8)."""
    out: set[int] = set()
    pending = False
    for i, ev in enumerate(events):
        kind = ev.kind
        if kind is E.RESPONSE_RECEIVED:
            pending = True
        elif kind is E.RESPONSE_INCOMPLETE:
            if pending:
                out.add(i)
        elif kind in _OUTGOING:
            pending = False
    return out


def _last_contact(events, default: date) -> date:
    """The latest contact day, a verdict on a reply not counting as one (`verdicts`, in the same pass)."""
    last = None
    replied = False
    for ev in events:
        kind = ev.kind
        if kind is E.RESPONSE_RECEIVED:
            replied = True
        elif kind is E.RESPONSE_INCOMPLETE:
            if replied:
                continue
        elif kind in _OUTGOING:
            replied = False
        if kind in _CONTACT and (last is None or ev.on > last):
            last = ev.on
    return default if last is None else last


def follow_up_sends(events, received: date | None = None) -> list[int]:
    """Positions (in date-ordered `events`) of the SENT events that are follow-up letters: a SENT
    after a RESPONSE_INCOMPLETE (counted from the request's receipt `received`, when given, and from the
    previous follow-up), with no complete reply in between. The first SENT is the request itself."""
    out: list[int] = []
    incomplete = seen_sent = False
    for i, ev in enumerate(events):
        kind = ev.kind
        if kind is E.RESPONSE_INCOMPLETE and (out or received is None or ev.on >= received):
            incomplete = True
        elif kind is E.RESPONSE_RECEIVED:
            incomplete = False
        elif kind is E.SENT:
            if seen_sent and incomplete:
                out.append(i)
                incomplete = False
            seen_sent = True
    return out


def clarification_received(ev, channel, cal) -> date:
    """The day the organisation received the answer recorded by a CLARIFICATION_PROVIDED event: the
    pause of Art 12A(5) ends then (law.md R10). `data["received"]`: the event's date is that day;
    `data["via"]`: deemed from that channel; else from the request's channel (deadlines.RECEIPT_RULES)."""
    data = ev.data
    if data.get("received"):
        return ev.on
    via = data.get("via")
    if via not in _CHANNEL_NAMES:
        via = None  # none given, or an unknown name (an old import): the request's own channel
    return _receipt(ev.on, via or channel, cal)


_CHANNEL_NAMES = frozenset(c.value for c in Channel)


_STATUS_WORDS = {state: state.value.replace("-", " ").upper() for state in State} | {
    State.INCOMPLETE: "INCOMPLETE ANSWER",
    State.COMPLAINT_OVERDUE: "COMPLAINT UNANSWERED",
    State.WITH_ICO: "WITH THE ICO",
}  # built once: `_status` runs for every request in a listing


def _status(state: State, days_left: int | None) -> str:
    if state is State.DUE_SOON and days_left is not None:
        return "DUE TOMORROW" if days_left == 1 else f"DUE IN {days_left} DAYS"
    return _STATUS_WORDS[state]


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
        clock_dl = _deadline(RequestKind.FOLLOW_UP, _receipt(events[at].on, request.channel, cal), cal)
        answer = _last_at(events, _RESPONSES, at + 1)[1]
        reminder = _last_at(events, reminder_kinds, at + 1)[1]
    else:
        clock_dl = answer_dl
        answer = _last(events, _RESPONSES, after=received)
        reminder = _last(events, reminder_kinds)
    return _clock_stage(clock_dl, reminder, answer, today, ico_by, warnings, done)


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


def _step(what: str, on: date, make: Callable[[date], NextStep]) -> NextStep:
    """`make(on)`, shared through the listing memo when one is active (NextStep is immutable)."""
    memo = _MEMO.get()
    if memo is None:
        return make(on)
    key = (what, on)
    step = memo.get(key)
    if step is None:
        step = memo[key] = make(on)
    return step


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
    id_on = id_ev.on if id_ev and id_ev.on >= received else None
    fee_on = fee_ev.on if fee_ev and fee_ev.on >= received else None
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



# --- the common history, in one pass -----------------------------------------------------------
# Most requests in a listing are an access/objection/erasure letter sent once, perhaps acknowledged,
# extended, answered or reminded, all recorded in date order and none in the future. For those,
# `_simple_history` reads in one pass what `assess` would find with a dozen scans, and
# `_assess_simple` gives the very same Assessment (tests/core/test_escalation_fast.py compares the two
# paths on generated histories). Anything else (ID, fee, clarification, complaint, a second `sent`,
# an event out of order or before the letter went out, ...) takes the general path.
_FAST = True  # tests switch it off to compare with the general path
_ON = attrgetter("on")
_SIMPLE_KINDS = frozenset(
    {E.DRAFTED, E.SENT, E.ACKNOWLEDGED, E.EXTENDED, E.RESPONSE_RECEIVED, E.RESPONSE_INCOMPLETE, E.REMINDER_SENT}
)  # fmt: skip


def _simple_history(events, today: date):
    """(sent event, first extension, last reminder, last response, last contact day), or None when
    the history is not of the simple kind described above."""
    sent_ev = ext_ev = reminder = response = None
    last_on = None
    replied = False  # a RESPONSE_RECEIVED since our last letter: a RESPONSE_INCOMPLETE now judges it (`verdicts`)
    for ev in events:
        kind, on = ev.kind, ev.on
        if kind not in _SIMPLE_KINDS or on > today or (last_on is not None and on < last_on):
            return None
        last_on = on
        if kind is E.DRAFTED:
            continue
        if kind is E.SENT:
            if sent_ev is not None:
                return None
            sent_ev = ev
        elif sent_ev is None:
            return None  # recorded before the letter went out: the general path words the warning
        elif kind is E.REMINDER_SENT:
            reminder = ev
            replied = False
        elif kind is E.EXTENDED:
            ext_ev = ext_ev or ev
        elif kind is E.RESPONSE_RECEIVED:
            response = ev
            replied = True
        elif kind is E.RESPONSE_INCOMPLETE:
            response = ev
            if replied:
                continue  # the verdict on that reply: the reply's day stays the last contact
        last_contact = on
    if sent_ev is None:
        return None
    return sent_ev, ext_ev, reminder, response, last_contact


def _assess_simple(request, today, cal, sent_ev, ext_ev, reminder, response, last_contact) -> Assessment:
    """`assess` for a simple history (see above): no warnings but a late extension or an early reminder."""
    sent = sent_ev.on
    received = _receipt(sent, request.channel, cal)
    warnings: list[str] = []
    dl = _deadline(request.kind, received, cal, None, None, (), ext_ev.on if ext_ev else None)
    if ext_ev is not None and not dl.extended:
        warnings.extend(n for n in dl.base_notes if "came after the window closed" in n)
    ref = request.ref

    def done(state, next_step=None, ico_by=None, due=None, due_label="", deadline=None, days_left=None):
        return Assessment(ref, state, _status(state, days_left), LEVEL[state], due, due_label, deadline, dl,
                          days_left, next_step, sent, received, last_contact, ico_by, tuple(warnings))

    answer = response if response is not None and response.on >= received else None  # dates are in order
    return _clock_stage(dl, reminder, answer, today, _ico_by(last_contact), warnings, done)


def _ico_by(last_contact: date) -> date:
    """`add_months(last_contact, ICO_WINDOW_MONTHS)`, through the listing memo when one is active."""
    memo = _MEMO.get()
    if memo is None:
        return add_months(last_contact, ICO_WINDOW_MONTHS)
    key = ("ico", last_contact)
    got = memo.get(key)
    if got is None:
        got = memo[key] = add_months(last_contact, ICO_WINDOW_MONTHS)
    return got


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
