"""Thousands of requests explained at once (`requests list --json`, the calendar) share their deadlines'
words through the listing memo; each request still gets its own: the same as explained one by one,
even where two share a due date but not how their clarification answers travelled."""

from __future__ import annotations

from datetime import date as D

from tests.letters.formats.ics_fixed_store import TODAY, requests
from ydm import tracker
from ydm.law import escalation
from ydm.model import Channel, Event, Request, RequestKind
from ydm.model import EventKind as K
from ydm.store.memory import MemoryStore

ASKED = [(K.SENT, D(2026, 10, 29)), (K.CLARIFICATION_REQUESTED, D(2026, 11, 5))]
ANSWERS = [{}, {"via": "second-class"}, {"via": "email"}, {"received": True}]  # how the answer of 16 Nov went


def paused() -> list[Request]:
    return [Request(ref=f"YDM-CLAR{i}", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour",
                    channel=Channel.FIRST_CLASS,
                    events=[Event(k, d) for k, d in ASKED] + [Event(K.CLARIFICATION_PROVIDED, D(2026, 11, 16), "", data)])
            for i, data in enumerate(ANSWERS)]


def test_explained_together_as_one_by_one():
    store = MemoryStore()
    store.add_many(requests() + paused())
    views = tracker.list_requests(store, today=TODAY)
    alone = [v.to_json() for v in views]  # no memo outside a listing block: each worked out afresh
    assert list(tracker.views_json(views)) == alone
    with escalation.memoised():  # and a second pass through one memo gives the same again
        assert [v.to_json() for v in views] + [v.to_json() for v in views] == alone + alone
    by_ref = {row["ref"]: row for row in alone}
    email, received = by_ref["YDM-CLAR2"], by_ref["YDM-CLAR3"]
    assert email["due"] == received["due"] == "2026-12-14"
    assert email["explanation"] != received["explanation"]  # same deadline, its own words
    assert sum(bool(row["explanation"]) for row in alone) > 30
