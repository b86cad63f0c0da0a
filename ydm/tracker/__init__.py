"""The request tracker's use cases, called by every face (CLI, TUI, guided session).

A request's status, due date and next step are *derived* from its event log by the escalation
engine (`ydm.law.escalation`, over `ydm.law.deadlines`) every time they are shown, never stored; the store
holds only facts (what was sent, what came back, when). Every function takes the store to use
(an open `SqliteStore`, or a `MemoryStore` in the guided session) and an explicit `today`.
"""

from __future__ import annotations

from datetime import date

from ydm.tracker.record import (
    SENT_EVENT,
    mark,
    mark_sent,
    parse_event_kind,
    record_letters,
    record_sent,
    unsent_letters,
)
from ydm.tracker.views import RequestView, list_requests, show, view, views_json
from ydm.tracker.views import _filtered_views as _filtered_views  # bench/bench_store.py times it on its own

# The parts: views (deriving what is shown: RequestView, view, list_requests, show), record
# (recording: mark, mark_sent, record_sent, record_letters) and next_step (the next letter). Their
# names are re-exported here, the room's door; `next_letter` loads next_step on first use.
__all__ = [
    "SENT_EVENT", "RequestView", "unsent_letters", "list_requests", "mark", "mark_sent", "next_letter",
    "parse_event_kind", "record_letters", "record_sent", "show", "view", "views_json",
]


def next_letter(store, ref: str, *, today: date, **kwargs):
    """The next letter for a request (a `next_step.NextStep`), chosen from its events and today."""
    # Imported here, not at the top: listing requests (the dashboard, `requests list`) never needs the
    # letter machinery (contacts, templates) that next_step loads.
    from ydm.tracker.next_step import next_letter as _next

    return _next(store, ref, today=today, **kwargs)
