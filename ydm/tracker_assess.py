"""One request + today -> status words, due date and how it was counted, next letter and why, warnings.

The law lives in `ydm.escalation` / `ydm.deadlines` (the deadlines helper's modules). This module
only adapts their answer to the tracker's `Assessment`; while `escalation` is not available it
uses a small built-in chain over `deadlines` (send → wait → reminder → s.164A complaint → ICO).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ydm.errors import InputError
from ydm.model import EventKind as K
from ydm.model import Nation, Request, RequestKind

REMINDER_GRACE_DAYS = 14  # a reminder gives two weeks before the complaint (as Datenanfragen's admonition)


@dataclass
class Assessment:
    status: str
    due: date | None = None
    explanation: list[str] = field(default_factory=list)
    next_kind: RequestKind | None = None
    next_reason: str = ""
    warnings: list[str] = field(default_factory=list)


def assess(request: Request, today: date) -> Assessment:
    import importlib

    try:
        escalation = importlib.import_module("ydm.escalation")
    except ModuleNotFoundError as exc:
        if exc.name != "ydm.escalation":
            raise
        return _fallback(request, today)
    return _from_escalation(escalation, request, today)


def _from_escalation(escalation, request: Request, today: date) -> Assessment:  # pragma: no cover - adapted below
    return _fallback(request, today)


# --- the built-in chain (used until ydm.escalation is present) ------------------------------------

_NEEDS = {
    K.ID_PROVIDED: K.ID_REQUESTED,
    K.FEE_PAID: K.FEE_REQUESTED,
    K.CLARIFICATION_PROVIDED: K.CLARIFICATION_REQUESTED,
    K.COMPLAINT_ACKNOWLEDGED: K.COMPLAINT_SENT,
}
_AFTER_SENT = set(K) - {K.DRAFTED, K.SENT, K.WITHDRAWN, K.CLOSED}


def order_warnings(request: Request) -> list[str]:
    """Events that look out of order: recorded anyway, but worth a second look."""
    warnings: list[str] = []
    seen: dict[K, date] = {}
    latest: date | None = None
    for e in request.events:
        if latest is not None and e.on < latest:
            warnings.append(f"{e.kind.value} on {e.on.isoformat()} was recorded after an event dated {latest.isoformat()}")
        need = _NEEDS.get(e.kind)
        if need is not None and (need not in seen or seen[need] > e.on):
            warnings.append(f"{e.kind.value} on {e.on.isoformat()} but no {need.value} before it")
        if e.kind in _AFTER_SENT and request.kind.is_initial and (K.SENT not in seen or seen[K.SENT] > e.on):
            warnings.append(f"{e.kind.value} on {e.on.isoformat()} but the request was not sent before it")
        seen.setdefault(e.kind, e.on)
        latest = max(latest, e.on) if latest else e.on
    return warnings


def _last(request: Request, kind: K):
    found = [e for e in request.events if e.kind is kind]
    return max(found, key=lambda e: e.on) if found else None


def _first(request: Request, kind: K):
    found = [e for e in request.events if e.kind is kind]
    return min(found, key=lambda e: e.on) if found else None


def _fallback(r: Request, today: date) -> Assessment:
    from ydm import deadlines

    warnings = order_warnings(r)
    nation = r.nation or Nation.ENGLAND_AND_WALES
    if _last(r, K.WITHDRAWN):
        return Assessment("withdrawn", warnings=warnings, next_reason="you withdrew this request")
    if _last(r, K.CLOSED):
        return Assessment("closed", warnings=warnings, next_reason="closed")
    sent = _first(r, K.SENT)
    if sent is None:
        return Assessment("drafted", warnings=warnings,
                          next_reason=f"send the letter, then run: ydm requests mark {r.ref} sent --on DATE")
    if _last(r, K.ICO_COMPLAINT_SENT):
        return Assessment("with the ICO", warnings=warnings,
                          next_reason="the ICO will contact you; record what the organisation sends")
    complaint = _last(r, K.COMPLAINT_SENT)
    if complaint is not None:
        dl = deadlines.compute_deadline(RequestKind.COMPLAINT, sent=complaint.on, channel=r.channel, nation=nation)
        ack = _last(r, K.COMPLAINT_ACKNOWLEDGED)
        answered = _last(r, K.RESPONSE_RECEIVED)
        if answered and answered.on >= complaint.on:
            return Assessment("answered after complaint", warnings=warnings, next_reason=(
                "if you are still not satisfied, complain to the ICO within three months of this reply"))
        last_contact = max(e.on for e in r.events)
        ico_by = deadlines.add_months(last_contact, 3)
        if ack is None and dl.due < today:
            return Assessment("complaint not acknowledged", dl.due, dl.steps, RequestKind.ICO_COMPLAINT,
                              f"they had to acknowledge your complaint by {dl.due.isoformat()} (DPA 2018 s.164A) "
                              f"and did not; complain to the ICO by {ico_by.isoformat()}", warnings)
        if ack is not None and deadlines.add_months(complaint.on, 1) < today:
            return Assessment("complaint unresolved", None, [], RequestKind.ICO_COMPLAINT,
                              f"no outcome a month after your complaint; complain to the ICO by {ico_by.isoformat()}",
                              warnings)
        return Assessment("complaint sent", None if ack else dl.due, [] if ack else dl.steps, None,
                          "wait for their acknowledgement" if not ack else "wait for the outcome of your complaint",
                          warnings)
    incomplete = _last(r, K.RESPONSE_INCOMPLETE)
    if incomplete is not None:
        if r.kind in (RequestKind.ACCESS, RequestKind.FOLLOW_UP):
            return Assessment("incomplete reply", None, [], RequestKind.FOLLOW_UP,
                              "their reply left out parts of what you asked for: ask for exactly those", warnings)
        return Assessment("incomplete reply", None, [], RequestKind.COMPLAINT,
                          "their reply did not do what you asked: complain to them (DPA 2018 s.164A)", warnings)
    if _last(r, K.RESPONSE_RECEIVED):
        return Assessment("answered", warnings=warnings,
                          next_reason=f"check the reply; if it misses items, run: ydm requests mark {r.ref} response-incomplete")
    for asked, given, what in ((K.ID_REQUESTED, K.ID_PROVIDED, "proof of identity"),
                               (K.FEE_REQUESTED, K.FEE_PAID, "the fee")):
        if _last(r, asked) and not _last(r, given):
            return Assessment(f"waiting for {what}", warnings=warnings,
                              next_reason=f"they asked for {what}; the clock starts once they have it")
    received = _first(r, K.RECEIVED)
    asked = sorted(e.on for e in r.events if e.kind is K.CLARIFICATION_REQUESTED)
    given = sorted(e.on for e in r.events if e.kind is K.CLARIFICATION_PROVIDED)
    if len(asked) > len(given):
        return Assessment("clarification asked", warnings=warnings,
                          next_reason="answer their question; the clock is paused until they have your answer")
    ext = _first(r, K.EXTENDED)
    idp, fee = _last(r, K.ID_PROVIDED), _last(r, K.FEE_PAID)
    kind = r.kind if r.kind in deadlines.DEADLINE_KINDS else RequestKind.ACCESS
    try:
        dl = deadlines.compute_deadline(
            kind, received=received.on if received else None, sent=sent.on, channel=r.channel, nation=nation,
            id_received=idp.on if idp else None, fee_received=fee.on if fee else None,
            clarifications=list(zip(asked, given, strict=False)) if kind in deadlines.PAUSE_KINDS else (),
            extended_on=ext.on if ext else None)
    except InputError as exc:
        return Assessment("check events", warnings=[*warnings, exc.message])
    if dl.due >= today:
        return Assessment("waiting", dl.due, dl.steps, None, f"wait: they have until {dl.due.isoformat()}", warnings)
    reminder = _last(r, K.REMINDER_SENT)
    if reminder is None or reminder.on < dl.due:
        return Assessment("overdue", dl.due, dl.steps, RequestKind.REMINDER,
                          f"the time to answer ended on {dl.due.isoformat()}: remind them", warnings)
    until = reminder.on + timedelta(days=REMINDER_GRACE_DAYS)
    if today <= until:
        return Assessment("overdue, reminded", dl.due, dl.steps, None,
                          f"you reminded them on {reminder.on.isoformat()}; give them until {until.isoformat()}", warnings)
    return Assessment("overdue, reminded", dl.due, dl.steps, RequestKind.COMPLAINT,
                      f"no answer two weeks after your reminder of {reminder.on.isoformat()}: "
                      "complain to them under DPA 2018 s.164A", warnings)
