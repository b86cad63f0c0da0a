"""The request tracker's use cases, called by every face (CLI, TUI, guided session).

A request's status, due date and next step are *derived* from its event log by the escalation
engine (`ydm.escalation`, over `ydm.deadlines`) every time they are shown, never stored; the store
holds only facts (what was sent, what came back, when). Every function takes the store to use
(an open `SqliteStore`, or a `MemoryStore` in the guided session) and an explicit `today`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ydm.model import RequestKind
from ydm.tracker_record import (
    SENT_EVENT,
    mark,
    mark_sent,
    parse_event_kind,
    record_letters,
    record_sent,
)
from ydm.tracker_view import RequestView, list_requests, show, view
from ydm.tracker_view import _filtered_views as _filtered_views  # bench/bench_store.py times it on its own

# The parts: tracker_view (deriving what is shown: RequestView, view, list_requests, show) and
# tracker_record (recording: mark, mark_sent, record_sent, record_letters). Their names are
# re-exported here, where every face imports them from; `next_letter` lives in tracker_next.
__all__ = [
    "SENT_EVENT", "NextStep", "RequestView", "list_requests", "mark", "mark_sent", "next_letter",
    "parse_event_kind", "record_letters", "record_sent", "show", "view",
]


@dataclass
class NextStep:
    """What `next` decided: the letter kind (or None), why, and the letter when one was written."""

    kind: RequestKind | None
    reason: str
    letter: object | None = None  # ydm.letters.Letter
    view: RequestView | None = None
    context: dict = field(default_factory=dict)


def next_letter(store, ref: str, *, today: date, **kwargs) -> NextStep:
    """The next letter for a request, chosen from its events and today (see tracker_next)."""
    from ydm.tracker_next import next_letter as _next

    return _next(store, ref, today=today, **kwargs)
