"""The one-pass fast path of `escalation.assess`, for the common history of a listing.

Most requests in a listing are an access/objection/erasure letter sent once, perhaps acknowledged,
extended, answered or reminded, all recorded in date order and none in the future. For those,
`_simple_history` reads in one pass what `assess` would find with a dozen scans, and
`_assess_simple` gives the very same Assessment (tests/core/test_escalation_fast.py compares the two
paths on generated histories). Anything else (ID, fee, clarification, complaint, a second `sent`,
an event out of order or before the letter went out, ...) takes the general path.

Separate so the general rules in `ydm.law.escalation` read on their own; the switch that turns this path
off (`escalation._FAST`) stays there, next to the code that reads it.
"""

from __future__ import annotations

from datetime import date

from ydm.law.escalation_clock import _clock_stage
from ydm.law.escalation_events import E
from ydm.law.escalation_memo import _deadline, _ico_by, _receipt
from ydm.law.escalation_state import LEVEL, Assessment, _status

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
