"""Which event orders cannot have happened, so `ydm requests mark` refuses them instead of warning.

Impossible (refused): the organisation cannot receive, acknowledge, question, extend or answer a
request before it was sent, and the person cannot remind or complain about a request before sending
it; an answer to a clarification question cannot come before the question; a complaint cannot be
acknowledged before it was made. Checked only between the new event and what is already recorded
(an old log with a mistake in it does not block recording anything else).

Merely odd or late (recorded with a warning by `ydm.law.escalation` / `ydm.tracker.assess`): an
extension notice after its window closed (it is late, and does not extend the time: Art 12A(4)),
proof of identity or a fee sent before it was asked for (people often enclose ID with the request),
a reply recorded while the request was never marked as sent.
"""

from __future__ import annotations

from ydm.model import Event, Request, RequestKind
from ydm.model import EventKind as K

# Things that can only happen once the request has gone out.
AFTER_SENT = frozenset({
    K.RECEIVED, K.ACKNOWLEDGED, K.ID_REQUESTED, K.FEE_REQUESTED, K.CLARIFICATION_REQUESTED, K.EXTENDED,
    K.RESPONSE_RECEIVED, K.RESPONSE_INCOMPLETE, K.REMINDER_SENT, K.COMPLAINT_SENT, K.COMPLAINT_ACKNOWLEDGED,
    K.ICO_COMPLAINT_SENT,
})  # fmt: skip

_WORDS = {
    K.RECEIVED: "they received it", K.ACKNOWLEDGED: "they acknowledged it", K.ID_REQUESTED: "they asked for ID",
    K.FEE_REQUESTED: "they asked for a fee", K.CLARIFICATION_REQUESTED: "they asked a clarification question",
    K.EXTENDED: "they extended the time", K.RESPONSE_RECEIVED: "they replied",
    K.RESPONSE_INCOMPLETE: "they replied", K.REMINDER_SENT: "you sent a reminder",
    K.COMPLAINT_SENT: "you complained", K.COMPLAINT_ACKNOWLEDGED: "they acknowledged your complaint",
    K.ICO_COMPLAINT_SENT: "you complained to the ICO",
}  # fmt: skip


def _iso(e: Event) -> str:
    return e.on.isoformat()


def impossible(request: Request, new: Event) -> str | None:
    """A one-line reason why `new` cannot have happened given `request`'s events, or None if it can."""
    events = [e for e in request.events if e.kind is not K.DRAFTED]
    sends = [e for e in events if e.kind is K.SENT]
    first_sent = min(sends, key=lambda e: e.on) if sends else None
    k, on = new.kind, new.on

    if k in AFTER_SENT and first_sent is not None and on < first_sent.on:
        return (f"{k.value} on {on.isoformat()} is before the request was sent ({_iso(first_sent)}): "
                f"{_WORDS[k]} only after it went out")
    if k is K.SENT and (first_sent is None or on < first_sent.on):
        earlier = [e for e in events if e.kind in AFTER_SENT and e.on < on]
        if earlier:
            e = min(earlier, key=lambda e: e.on)
            return (f"the request cannot have been sent on {on.isoformat()}: {e.kind.value} is recorded on "
                    f"{_iso(e)}, before that")

    complaint_kinds = {K.COMPLAINT_SENT} | ({K.SENT} if request.kind is RequestKind.COMPLAINT else set())
    if k is K.COMPLAINT_ACKNOWLEDGED:
        made = [e for e in events if e.kind in complaint_kinds]
        if made and all(e.on > on for e in made):
            first = min(made, key=lambda e: e.on)
            return (f"complaint-acknowledged on {on.isoformat()} is before the complaint was made "
                    f"({_iso(first)})")
    if k in complaint_kinds:
        made = [e.on for e in events if e.kind in complaint_kinds]
        for ack in (e for e in events if e.kind is K.COMPLAINT_ACKNOWLEDGED):
            if ack.on < on and not any(m <= ack.on for m in made):
                return (f"the complaint cannot have been made on {on.isoformat()}: it is recorded as "
                        f"acknowledged on {_iso(ack)}, before that")

    if k is K.CLARIFICATION_PROVIDED:
        asked = [e for e in events if e.kind is K.CLARIFICATION_REQUESTED]
        if asked and all(e.on > on for e in asked):
            first = min(asked, key=lambda e: e.on)
            return (f"the answer to their question ({on.isoformat()}) is before the question "
                    f"(clarification-requested on {_iso(first)})")
    if k is K.CLARIFICATION_REQUESTED:
        asked = [e.on for e in events if e.kind is K.CLARIFICATION_REQUESTED]
        for ans in (e for e in events if e.kind is K.CLARIFICATION_PROVIDED):
            if ans.on < on and not any(a <= ans.on for a in asked):
                return (f"the question cannot have been asked on {on.isoformat()}: your answer is recorded "
                        f"on {_iso(ans)}, before that")
    return None
