"""The per-listing memo of the escalation engine: deadline, receipt-date, ICO-window and next-step
computations shared between the assessments of one `memoised()` block.

Separate from the rules themselves because both the general path (`ydm.law.escalation`) and the one-pass
fast path (`ydm.law.escalation_fast`) go through these helpers; it sits below both so neither imports the
other's module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from ydm.law.deadlines import Deadline, add_months, compute_deadline, receipt_date
from ydm.law.escalation_state import ICO_WINDOW_MONTHS, NextStep

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


def steps(dl: Deadline) -> tuple[str, ...]:
    """`dl.steps` (how the date was counted, in words), through the listing memo when one is active: the
    words depend only on the Deadline (a value) and the bank-holiday table, which a memo outlives never;
    10,000 requests explained for a calendar or `--json` share a few hundred deadlines."""
    memo = _MEMO.get()
    if memo is None:
        return tuple(dl.steps)
    key = ("steps", dl)
    got = memo.get(key)
    if got is None:
        got = memo[key] = tuple(dl.steps)
    return got


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
