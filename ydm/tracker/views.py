"""Deriving what a face shows from a stored request: `RequestView` (status, due date, next step,
warnings and how the date was counted), one request (`view`, `show`) or many (`list_requests`).

Pure reading, no writes: separate from recording (`tracker.record`), which builds on it to return
the fresh view after each change. The listing is the hot path (`requests list --overdue` over 10,000
requests), so this module imports the escalation engine once at the top and nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ydm.errors import InputError
from ydm.law import (
    escalation,  # pure and light (bank holidays load on first use); imported once, not per view
)
from ydm.law.deadlines import RECEIPT_RULES, receipt_date
from ydm.law.escalation import clarification_received
from ydm.law.escalation_memo import steps as steps_of
from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind
from ydm.store.codec import StoredLetter
from ydm.tracker.assess import DONE_STATES, extra_warnings, nation_of


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
    deadline: object | None = None  # ydm.law.deadlines.Deadline behind `due` (its `steps` explain the count)
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
    def due_now(self) -> str:
        """With no date owed by them (after an incomplete reply, say): what is due now, from the next
        step ("" when a date is owed, or nothing is due)."""
        if self.due is not None or self.done or not (self.next_kind or self.next_later):
            return ""
        if self.next_kind is None and self.next_on is not None:
            return f"From {self.next_on:%-d %B %Y}: {self.next_reason}"
        return self.next_reason

    @property
    def explanation(self) -> tuple[str, ...]:
        """How the due date was counted, step by step, worded by the deadline engine from the facts of
        the request: when the clock runs from a letter's deemed arrival by post, the letter's sending
        day and channel ("sent Fri 20 Nov; second-class post is taken to arrive on the fourth working
        day after posting: Thu 26 Nov"), and how each clarification answer travelled."""
        if self.deadline is None:
            return ()
        dl, r = self.deadline, self.request
        events = self.timeline
        follow_up = dl.kind is RequestKind.FOLLOW_UP and r.kind is not RequestKind.FOLLOW_UP
        complaint = dl.kind is RequestKind.COMPLAINT  # the acknowledgement runs from the complaint's arrival
        which = EventKind.COMPLAINT_SENT if complaint else EventKind.SENT
        sends = [e.on for e in events if e.kind is which]
        # The letter the clock runs from: the request, (a follow-up's fresh month) the last `sent`, or the
        # last complaint to the organisation.
        sent = (sends[-1] if follow_up or complaint else sends[0]) if sends else None
        if sent is not None and dl.sent is None and receipt_date(sent, r.channel, dl.nation) == dl.received:
            # An email or web form arrives the day it goes: said so only for a follow-up's fresh month.
            if RECEIPT_RULES.get(r.channel, (0, ""))[0] or follow_up:
                words = "follow-up sent" if follow_up else "complaint sent" if complaint else "sent"
                dl = dl._replace(sent=sent, channel=r.channel, sent_words=words)
        if dl.pauses:
            dl = dl._replace(pauses=_answered_pauses(dl, r, events))
        return steps_of(dl)

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


def _answered_pauses(dl, r: Request, events: list[Event]) -> tuple:
    """Each pause with how its answer travelled (from the CLARIFICATION_PROVIDED events), for the
    engine's words: received on a recorded day, or sent earlier by a channel and deemed to arrive."""
    arrivals = {}
    for e in events:
        if e.kind is EventKind.CLARIFICATION_PROVIDED:
            arrivals.setdefault(clarification_received(e, r.channel, dl.nation), e)
    out = []
    for p in dl.pauses:
        e = arrivals.get(p.answered)
        if e is not None and e.data.get("received"):
            p = p._replace(answer_receipt_known=True)
        elif e is not None and e.on != p.answered:
            via = next((c for c in Channel if c.value == e.data.get("via")), r.channel)
            p = p._replace(answer_sent=e.on, answer_via=via)
        out.append(p)
    return tuple(out)


# --- deriving -----------------------------------------------------------------------------------


def view(request: Request, today: date, *, homes: dict | None = None, assessment=None) -> RequestView:
    """Status, due date, next step and warnings for one request, from its events (pure).

    The law is in `ydm.law.escalation`; this adds the organisation's home nation (bank holidays), splits
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
        from ydm.law.deadlines import S164A_FROM

        law = " under DPA 2018 s.164A" if today >= S164A_FROM else ""  # SI 2026/82 reg 7
        reason = (f"Their reply did not do what you asked: complain to them{law} "
                  "(a follow-up asking for missing items is for access requests).")
    warnings = a.warnings
    extra = extra_warnings(request)
    if extra:
        warnings = (*warnings, *extra)
    ico_next = step is not None and step.kind is RequestKind.ICO_COMPLAINT
    if ico_next and a.ico_by is not None and a.ico_by < today:
        # The ICO asks for complaints "within three months of your last contact with the organisation"
        # (ICO, What to expect: https://ico.org.uk/make-a-complaint/data-protection-complaints/what-to-expect/;
        # law.md §8). Past that, say so rather than give a date that has gone.
        warnings = (*warnings, f"The ICO asks for complaints within three months of your last contact with "
                               f"them, and those ended on {a.ico_by:%-d %B %Y}: complain anyway, and say why it "
                               "is late.")
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
    from ydm.store.codec import no_gc
    from ydm.tracker.assess import home_nations

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


def views_json(views: list[RequestView]) -> Iterator[dict]:
    """`to_json` of many views, one at a time (a face writes each as it comes, never holding 100,000
    dicts at once); their explanations share a few hundred deadlines' words (the memo)."""
    with escalation.memoised():
        for v in views:
            yield v.to_json()


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
