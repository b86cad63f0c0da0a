"""How the escalation engine reads an event log: which event kinds are contact, replies or our own
letters, and the readings several parts need (verdicts on a reply, follow-up letters, the last contact,
when a clarification answer arrived).

Separate from the rules in `ydm.law.escalation` because the letters quote the same readings
(`tracker.facts` dates a judged reply by the reply, lists follow-ups) and must agree with the engine.
"""

from __future__ import annotations

from datetime import date

from ydm.law.escalation_memo import _receipt
from ydm.model import Channel, EventKind, RequestKind

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
