"""The request tracker's use cases, called by every face (CLI, TUI, guided session).

A request's status, due date and next step are *derived* from its event log by the escalation
engine (`ydm.escalation`, over `ydm.deadlines`) every time they are shown, never stored; the store
holds only facts (what was sent, what came back, when). Every function takes the store to use
(an open `SqliteStore`, or a `MemoryStore` in the guided session) and an explicit `today`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from ydm.errors import InputError
from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind
from ydm.store_codec import StoredLetter, normalize_ref
from ydm import escalation  # pure and light (bank holidays load on first use); imported once, not per view
from ydm.tracker_assess import DONE_STATES, extra_warnings, nation_of

# The event a sent escalation letter leaves in the log. A follow-up asks again for what a reply left
# out, so (like the first request) its sending restarts the one-month clock: it is recorded as `sent`
# with the letter kind in its data.
SENT_EVENT = {
    RequestKind.REMINDER: EventKind.REMINDER_SENT,
    RequestKind.COMPLAINT: EventKind.COMPLAINT_SENT,
    RequestKind.ICO_COMPLAINT: EventKind.ICO_COMPLAINT_SENT,
    RequestKind.FOLLOW_UP: EventKind.SENT,
}


@dataclass(slots=True)
class RequestView:
    """A request with everything derived from it today (what list/show/the TUI display).

    Not frozen and with slots: `list` builds 10,000 of these, and frozen init is several times slower.
    The explanation of the count is built only when asked for (it is the costly part).
    """

    request: Request
    today: date
    status: str  # stable state word: draft, waiting, due-soon, due-today, overdue, reminded, complained, ...
    due: date | None
    label: str = ""  # the same for people: "DUE IN 5 DAYS", "OVERDUE", "WITH THE ICO"
    level: str = ""  # late | soon | waiting | done | draft (TUI colours)
    due_label: str = ""  # what is due: "answer", "acknowledge your complaint", ...
    deadline: object | None = None  # ydm.deadlines.Deadline behind `due` (its `steps` explain the count)
    next_kind: RequestKind | None = None  # the letter to write now, if any
    next_reason: str = ""
    next_later: RequestKind | None = None  # the letter that will be due ...
    next_on: date | None = None  # ... from this day
    ico_by: date | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return self.request.ref

    @property
    def explanation(self) -> tuple[str, ...]:
        """How the due date was counted, step by step (from the deadline engine). When the clock
        runs from a letter's deemed arrival by post, the first step says so ("sent Fri 20 Nov;
        second-class post is taken to arrive on the fourth working day after posting: Thu 26 Nov")."""
        if self.deadline is None:
            return ()
        from ydm.deadlines import RECEIPT_RULES, fmt, receipt_date

        dl, r = self.deadline, self.request
        steps = list(dl.steps)
        events = self.timeline
        follow_up = dl.kind is RequestKind.FOLLOW_UP and r.kind is not RequestKind.FOLLOW_UP
        sends = [e.on for e in events if e.kind is EventKind.SENT]
        # The letter the clock runs from: the request, or (a follow-up's fresh month) the last `sent`.
        sent = (sends[-1] if follow_up else sends[0]) if sends else None
        if sent is not None and steps and dl.sent is None and steps[0].startswith("received "):
            days, why = RECEIPT_RULES.get(r.channel, (0, ""))
            what = "follow-up sent" if follow_up else "sent"
            if receipt_date(sent, r.channel, dl.nation) == dl.received:
                if days:
                    steps[0] = f"{what} {fmt(sent)}; {why}: {fmt(dl.received)}"
                elif follow_up:
                    steps[0] = f"{what} {fmt(sent)}; {why}, so received {fmt(dl.received)}"
        if dl.pauses:
            steps = _clarification_steps(steps, dl, r, events)
        return tuple(steps)

    @property
    def timeline(self) -> list[Event]:
        """The events in date order; same-day events keep the order they were recorded in."""
        return sorted(self.request.events, key=lambda e: e.on)

    @property
    def done(self) -> bool:
        return self.status in DONE_STATES

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today and not self.done

    @property
    def days_left(self) -> int | None:
        return (self.due - self.today).days if self.due else None

    def to_json(self) -> dict:
        """Stable `--json` shape of one request (fields are only ever added)."""
        r = self.request

        def iso(d):
            return d.isoformat() if d else None

        return {
            "ref": r.ref,
            "kind": r.kind.value,
            "org_id": r.org_id,
            "org_name": r.org_name,
            "channel": r.channel.value,
            "nation": r.nation.value if r.nation else None,
            "status": self.status,
            "label": self.label,
            "level": self.level,
            "due": iso(self.due),
            "due_label": self.due_label,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "explanation": list(self.explanation),
            "next": self.next_kind.value if self.next_kind else None,
            "next_reason": self.next_reason,
            "next_later": self.next_later.value if self.next_later else None,
            "next_on": iso(self.next_on),
            "ico_by": iso(self.ico_by),
            "warnings": list(self.warnings),
            "events": [
                {"kind": e.kind.value, "on": e.on.isoformat(), "note": e.note, **({"data": e.data} if e.data else {})}
                for e in self.timeline
            ],
        }


def _clarification_steps(steps: list[str], dl, r: Request, events: list[Event]) -> list[str]:
    """Say when each clarification answer reached them, where that is not the day it was sent: the
    pause ends the day the organisation RECEIVES the answer (Art 12A(5), law.md R10), so "answered Wed
    18 Nov" becomes "you answered Mon 16 Nov by first-class post, taken to arrive Wed 18 Nov"."""
    from ydm.deadlines import fmt
    from ydm.escalation import clarification_received

    arrivals = {}
    for e in events:
        if e.kind is EventKind.CLARIFICATION_PROVIDED:
            arrivals.setdefault(clarification_received(e, r.channel, dl.nation), e)
    out = []
    for step in steps:
        for p in dl.pauses:
            head = f"clarification asked {fmt(p.asked, year=False)}, answered {fmt(p.answered, year=False)}: "
            e = arrivals.get(p.answered)
            if not step.startswith(head) or e is None:
                continue
            rest = step[len(head):]
            if e.data.get("received"):
                step = f"clarification asked {fmt(p.asked, year=False)}; they received your answer {fmt(e.on, year=False)}: {rest}"
            elif e.on != p.answered:
                via = next((c for c in Channel if c.value == e.data.get("via")), r.channel)
                step = (f"clarification asked {fmt(p.asked, year=False)}; you answered {fmt(e.on, year=False)} by "
                        f"{via.words}, taken to arrive {fmt(p.answered, year=False)}: {rest}")
            break
        out.append(step)
    return out


@dataclass
class NextStep:
    """What `next` decided: the letter kind (or None), why, and the letter when one was written."""

    kind: RequestKind | None
    reason: str
    letter: object | None = None  # ydm.letters.Letter
    view: RequestView | None = None
    context: dict = field(default_factory=dict)


# --- deriving -----------------------------------------------------------------------------------


def view(request: Request, today: date, *, homes: dict | None = None, assessment=None) -> RequestView:
    """Status, due date, next step and warnings for one request, from its events (pure).

    The law is in `ydm.escalation`; this adds the organisation's home nation (bank holidays), splits
    the next step into "write this now" and "this will be due from that day", and adds warnings.
    `homes` (org id -> home nation, `tracker_assess.home_nations()`) saves looking the contacts
    file up again for each of many requests. `assessment`: `escalation.assess` of this request, today,
    with that nation, when the caller has it already.
    """
    a = assessment
    if a is None:
        if homes is None:
            nation = nation_of(request)
        else:
            nation = request.nation or homes.get(request.org_id, Nation.ENGLAND_AND_WALES)
        a = escalation.assess(request, today, nation=nation)
    step = a.next_step
    kind = step.kind if step is not None and step.kind is not None and not step.kind.is_initial else None
    now = kind is not None and (step.on_or_after is None or step.on_or_after <= today)
    reason = step.reason if step is not None else ""
    if kind is RequestKind.FOLLOW_UP and request.kind not in (RequestKind.ACCESS, RequestKind.FOLLOW_UP):
        # A follow-up asks for missing Art 15 items: it only fits an access request. An objection or
        # erasure that was not done properly goes to a complaint instead.
        kind = RequestKind.COMPLAINT
        from ydm.deadlines import S164A_FROM

        law = " under DPA 2018 s.164A" if today >= S164A_FROM else ""  # SI 2026/82 reg 7
        reason = (f"Their reply did not do what you asked: complain to them{law} "
                  "(a follow-up asking for missing items is for access requests).")
    warnings = a.warnings
    extra = extra_warnings(request)
    if extra:
        warnings = (*warnings, *extra)
    return RequestView(
        request=request, today=today, status=a.state.value, due=a.due, label=a.status, level=a.level,
        due_label=a.due_label, deadline=a.deadline, next_kind=kind if now else None,
        next_reason=reason, next_later=None if now else kind,
        next_on=None if now or kind is None else step.on_or_after, ico_by=a.ico_by, warnings=tuple(warnings),
    )


def list_requests(store, *, today: date, overdue: bool = False, due_within: int | None = None) -> list[RequestView]:
    """Every request with its derived state, soonest due first (no due date last).

    `overdue` keeps the ones past their due date; `due_within=N` those due in the next N days
    (overdue ones included: they are due "already").
    """
    if due_within is not None and due_within < 0:
        raise InputError("--due-within needs a number of days of 0 or more")
    from ydm.store_codec import no_gc
    from ydm.tracker_assess import home_nations

    homes = home_nations()  # once for the whole list, not a contacts-file stat per request
    # The listing allocates ~100,000 long-lived objects and frees none of them in cycles: the cyclic
    # collector would only rescan them again and again (a third of the decode time). Paused here.
    with no_gc(), escalation.memoised():  # the same few hundred deadlines recur across thousands of requests
        requests = store.list()
        if overdue or due_within is not None:
            views = _filtered_views(requests, today, homes, overdue, due_within)
        else:
            views = [view(r, today, homes=homes) for r in requests]
    far = date.max
    views.sort(key=lambda v: (v.due or far, v.ref))
    return views


def _filtered_views(requests, today: date, homes: dict, overdue: bool, due_within: int | None) -> list[RequestView]:
    """The views of the requests a filter keeps. The filter depends only on the due date of open
    requests, so that is all that is worked out for the others (`escalation.open_due`, or the
    assessment when it cannot say), and the full view is built for the kept ones only; the views are
    exactly those `view` gives (`RequestView.overdue` and `done` are the same tests)."""
    assess, open_due, england = escalation.assess, escalation.open_due, Nation.ENGLAND_AND_WALES
    out = []
    for r in requests:
        nation = r.nation or homes.get(r.org_id, england)
        known, due = open_due(r, today, nation=nation)
        a = None
        if not known:
            a = assess(r, today, nation=nation)
            due = None if a.state.value in DONE_STATES else a.due
        if due is None:
            continue
        if overdue and not due < today:
            continue
        if due_within is not None and (due - today).days > due_within:
            continue
        out.append(view(r, today, homes=homes, assessment=a))
    return out


def show(store, ref: str, *, today: date) -> tuple[RequestView, list[StoredLetter]]:
    r = store.get(ref)
    return view(r, today), store.letters(r.ref)


# --- recording ----------------------------------------------------------------------------------


def parse_event_kind(text: str) -> EventKind:
    value = (text or "").strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return EventKind(value)
    except ValueError:
        names = [k.value for k in EventKind]
        close = difflib.get_close_matches(value, names, n=2, cutoff=0.5)
        hint = ("did you mean " + " or ".join(close) + "?") if close else "one of " + ", ".join(names)
        raise InputError(f"unknown event '{text}'", hint=hint) from None


def _check_not_future(on: date, today: date, what: str = "the date") -> None:
    if on > today:
        raise InputError(f"{what} {on.isoformat()} is in the future (today is {today.isoformat()}); "
                         "record things once they have happened")


def mark(store, ref: str, kind: EventKind | str, *, today: date, on: date | None = None, note: str = "",
         data: dict | None = None) -> RequestView:
    """Record that something happened.

    Impossible orders (see `tracker_order.impossible`: a receipt or reply before the request was
    sent, an answer before its question, ...) are refused with an InputError. Merely late or odd
    ones (an extension claimed after the deadline, ID sent before it was asked for) are recorded,
    and the view carries a warning.
    """
    from ydm.tracker_order import impossible

    kind = kind if isinstance(kind, EventKind) else parse_event_kind(kind)
    on = on or today
    _check_not_future(on, today)
    before = store.get(ref)
    data = dict(data or {})
    if data.get("via") is not None:
        # How an answer to their question went (clarification-provided): the pause ends when it
        # arrives, deemed from this channel (escalation.clarification_received).
        data["via"] = _channel(str(data["via"])).value
    event = Event(kind=kind, on=on, note=(note or "").strip(), data=data)
    problem = impossible(before, event)
    if problem:
        raise InputError(problem, hint="check the date, or record the other event's correct date first")
    r = store.add_event(ref, event)
    v = view(r, today)
    later = [e for e in before.events if e.on > on and e.kind is not EventKind.DRAFTED]
    if later:
        latest = max(later, key=lambda e: e.on)
        note_ = (f"recorded out of order: {kind.value} on {on.isoformat()} is earlier than "
                 f"{latest.kind.value} on {latest.on.isoformat()}")
        v = replace(v, warnings=(note_, *v.warnings))
    return v


def mark_sent(store, ref: str, *, today: date, on: date | None = None,
              channel: Channel | str | None = None, note: str = "") -> RequestView:
    """Record that a request went out on `on`, and (for a draft) how it went.

    The channel is part of the same write as the `sent` event, because the deadline engine counts
    deemed receipt from it (post arrives some working days later: `deadlines.RECEIPT_RULES`), so a
    draft planned as email but posted must not be counted as email for a moment. How the first
    letter went cannot change once it is recorded as sent: a later `sent` (a follow-up going out)
    goes through `mark` as before.
    """
    from ydm.store_codec import insert_position
    from ydm.tracker_order import impossible

    on = on or today
    _check_not_future(on, today, "the sending date")
    r = store.get(ref)
    wanted = None if channel is None else (channel if isinstance(channel, Channel) else _channel(channel))
    first = next((e for e in r.events if e.kind is EventKind.SENT), None)
    if first is not None:
        if wanted is not None and wanted is not r.channel:
            raise InputError(f"{r.ref} is already recorded as sent by {r.channel.value} on {first.on.isoformat()}; "
                             "how it went can only be given for a draft")
        return mark(store, ref, EventKind.SENT, today=today, on=on, note=note)
    event = Event(kind=EventKind.SENT, on=on, note=(note or "").strip())
    problem = impossible(r, event)
    if problem:
        raise InputError(problem, hint="check the date, or record the other event's correct date first")
    if wanted is not None:
        r.channel = wanted
    r.events.insert(insert_position([e.on for e in r.events], on), event)
    store.update(r)
    return view(store.get(ref), today)


def _channel(text: str) -> Channel:
    try:
        return Channel(text.strip().lower())
    except ValueError:
        raise InputError(f"unknown way of sending '{text}' (one of {', '.join(c.value for c in Channel)})") from None


def record_sent(ref: str, on: date, *, today: date | None = None, store=None) -> RequestView:
    """Mark a drafted request as sent on `on`."""
    from ydm import clock

    today = today or clock.today()
    with _using(store) as s:
        return mark_sent(s, ref, today=today, on=on)


def record_letters(letters: Iterable, *, channel: Channel | str | None = None, sent_on: date | None = None,
                   store=None, nation: Nation | None = None, today: date | None = None,
                   channels: Iterable[Channel | str] | None = None) -> list[Request]:
    """Record what `ydm letter --record` (or the TUI) wrote: one request per initial letter.

    An initial letter (access, objection, ...) becomes a new request with a `drafted` event on the
    letter's date, plus `sent` on `sent_on` if given. A later letter (reminder, complaint, ...) whose
    reference matches a stored request is kept with that request (and its `*-sent` event is added if
    `sent_on` is given). If no profile is stored yet, the sender's details are kept (encrypted) so
    `ydm requests next` can write the follow-up letters; each new request also keeps its own signer
    (`Request.sender`). `store=None` opens the user's store.

    `channels` (one per letter) instead of one `channel` for all: the new requests of a batch then go
    into the store in one transaction, all or none.
    """
    from ydm import clock
    from ydm.tracker_order import impossible

    today = today or clock.today()
    letters = list(letters)
    wanted = list(channels) if channels is not None else [channel] * len(letters)
    if len(wanted) != len(letters) or any(c is None for c in wanted):
        raise ValueError("record_letters needs a channel, or one channel per letter")
    try:
        wanted = [Channel(c) for c in wanted]
    except ValueError:
        bad = next(c for c in wanted if c not in {x.value for x in Channel})
        raise InputError(f"unknown channel '{bad}' (one of {', '.join(c.value for c in Channel)})") from None
    if sent_on is not None:
        _check_not_future(sent_on, today, "the sending date")
    out: list[Request] = []
    with _using(store) as s:
        new: list[Request] = []
        for letter, channel in zip(letters, wanted, strict=True):
            ref = normalize_ref(letter.reference)
            existing = None if letter.kind.is_initial else s.find(ref)
            if existing is not None:
                ev = None
                if sent_on is not None:
                    ev = Event(SENT_EVENT[letter.kind], sent_on, data={"letter": letter.kind.value})
                    problem = impossible(existing, ev)
                    if problem:
                        raise InputError(problem, hint="check the --sent date")
                s.add_letter(ref, StoredLetter(letter.kind, letter.on, letter.text, letter.subject), event=ev)
                out.append(s.get(ref))
                continue
            # A backfilled request (`--sent` earlier than the day it was written down) was drafted
            # by the day it was sent at the latest: never record `drafted` after `sent`.
            drafted = min(letter.on, sent_on) if sent_on is not None else letter.on
            events = [Event(EventKind.DRAFTED, drafted)]
            if sent_on is not None:
                events.append(Event(EventKind.SENT, sent_on))
            new.append(Request(ref=ref, kind=letter.kind, org_id=letter.org.id, channel=channel, nation=nation,
                               events=events, letter_text=letter.text, org_name=letter.org.display_name,
                               sender=letter.person))
        out.extend(s.add_many(new))
        if letters and s.load_profile() is None:
            s.save_profile(letters[0].person)
    return out


class _using:
    """Use the given store, or open the user's store for the duration and close it after."""

    def __init__(self, store):
        self._given = store
        self._opened = None

    def __enter__(self):
        if self._given is not None:
            return self._given
        from ydm.store import open_store

        self._opened = open_store()
        return self._opened

    def __exit__(self, *exc):
        if self._opened is not None:
            self._opened.close()


def next_letter(store, ref: str, *, today: date, **kwargs) -> NextStep:
    """The next letter for a request, chosen from its events and today (see tracker_next)."""
    from ydm.tracker_next import next_letter as _next

    return _next(store, ref, today=today, **kwargs)
