"""The fast paths of a listing give exactly what the general path gives.

`escalation.assess` reads common histories in one pass (`_simple_history` / `_assess_simple`) and
`tracker.list_requests` builds full views only for the requests a filter keeps. Here both are
compared with the slow path on generated histories: every kind, channel and calendar, events in and
out of date order, in the future, before the letter went out, repeated, with and without the memo.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ydm import tracker
from ydm.law import escalation, holidays_uk
from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind
from ydm.store.memory import MemoryStore

K = EventKind
BASE = date(2026, 1, 1)
# The simple kinds most of the time (so the fast path is taken often), every kind now and then.
_COMMON = [K.DRAFTED, K.SENT, K.ACKNOWLEDGED, K.EXTENDED, K.RESPONSE_RECEIVED, K.RESPONSE_INCOMPLETE,
           K.REMINDER_SENT]
event_kinds = st.one_of(st.sampled_from(_COMMON), st.sampled_from(_COMMON), st.sampled_from(list(EventKind)))


@st.composite
def requests(draw) -> Request:
    # Days close to one start day (a reply two days after a posted letter, a reminder on the due day,
    # ...), with the odd one far away.
    start = draw(st.integers(0, 300))
    day = st.one_of(st.integers(-3, 10), st.integers(-10, 120), st.integers(-300, 300)).map(
        lambda d: BASE + timedelta(days=max(0, start + d)))
    event = st.builds(lambda kind, on, unhappy: Event(kind, on, data={"satisfied": False} if unhappy else {}),
                      event_kinds, day, st.booleans())
    evs = draw(st.lists(event, max_size=7))
    if draw(st.booleans()):
        evs.sort(key=lambda e: e.on)  # the store keeps them in date order; imports may not
    if draw(st.booleans()):
        evs.insert(0, Event(K.SENT, BASE + timedelta(days=start)))
    return Request(
        ref=f"YDM-{draw(st.integers(10000, 99999))}",
        kind=draw(st.sampled_from(list(RequestKind))),
        org_id=draw(st.sampled_from(["a", "b", "c"])),
        channel=draw(st.sampled_from(list(Channel))),
        nation=draw(st.none() | st.sampled_from(list(Nation))),
        events=evs,
    )


@st.composite
def plain_requests(draw) -> Request:
    """Histories of the kind the fast path takes (drafted, sent once, then answers/reminders in order),
    sometimes with one odd event that sends them down the general path."""
    start = BASE + timedelta(days=draw(st.integers(0, 300)))
    later = sorted(draw(st.lists(st.one_of(st.integers(0, 6), st.integers(0, 150)), max_size=4)))
    evs = [Event(K.DRAFTED, start), Event(K.SENT, start)]
    evs += [Event(draw(st.sampled_from(_COMMON[2:])), start + timedelta(days=d),
                  data={"satisfied": False} if draw(st.booleans()) else {}) for d in later]
    if draw(st.integers(0, 4)) == 0:
        evs.insert(draw(st.integers(0, len(evs))), draw(st.builds(
            Event, st.sampled_from(list(EventKind)), st.integers(-10, 160).map(lambda d: start + timedelta(days=d)))))
    return Request(
        ref=f"YDM-{draw(st.integers(10000, 99999))}",
        kind=draw(st.sampled_from([*RequestKind, RequestKind.ACCESS, RequestKind.ERASURE])),
        org_id=draw(st.sampled_from(["a", "b", "c"])),
        channel=draw(st.sampled_from(list(Channel))),
        nation=draw(st.none() | st.sampled_from(list(Nation))),
        events=evs,
    )


any_requests = st.one_of(requests(), plain_requests())
todays = st.integers(0, 480).map(lambda d: BASE + timedelta(days=d))  # before, during and after


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


def _slow(monkeypatch, fn, *args, **kwargs):
    with monkeypatch.context() as m:
        m.setattr(escalation, "_FAST", False)
        return fn(*args, **kwargs)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(r=any_requests, today=todays, after=st.none() | st.integers(0, 120), nation=st.sampled_from([None, *Nation]),
       memo=st.booleans())
def test_fast_assess_is_the_general_assess(monkeypatch, r, today, after, nation, memo):
    if after is not None and r.events:
        today = max(e.on for e in r.events) + timedelta(days=after)  # the usual case: nothing in the future
    def run():
        if memo:
            with escalation.memoised():
                return escalation.assess(r, today, nation=nation)
        return escalation.assess(r, today, nation=nation)

    assert run() == _slow(monkeypatch, run)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(r=any_requests, today=todays, after=st.none() | st.integers(0, 120), nation=st.sampled_from([None, *Nation]))
def test_open_due_is_the_due_date_of_an_open_request(r, today, after, nation):
    if after is not None and r.events:
        today = max(e.on for e in r.events) + timedelta(days=after)
    with escalation.memoised():
        known, due = escalation.open_due(r, today, nation=nation)
    if known:
        a = escalation.assess(r, today, nation=nation)
        assert due == (None if a.state.value in ("answered", "closed", "withdrawn") else a.due)


def test_the_fast_path_is_taken_for_a_plain_history():
    evs = [Event(K.DRAFTED, date(2026, 3, 1)), Event(K.SENT, date(2026, 3, 2)), Event(K.ACKNOWLEDGED, date(2026, 3, 5))]
    assert escalation._simple_history(evs, date(2026, 5, 1)) is not None
    assert escalation._simple_history([*evs, Event(K.ID_REQUESTED, date(2026, 3, 6))], date(2026, 5, 1)) is None
    assert escalation._simple_history(evs[::-1], date(2026, 5, 1)) is None  # out of date order
    assert escalation._simple_history(evs, date(2026, 3, 4)) is None  # an event after today


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rs=st.lists(any_requests, max_size=25, unique_by=lambda r: r.ref), today=todays, within=st.integers(0, 40))
def test_filtered_listings_are_the_full_listing_filtered(monkeypatch, rs, today, within):
    store = MemoryStore()
    for r in rs:
        store.add(r)

    def listing(**kw):
        return [v.to_json() for v in tracker.list_requests(store, today=today, **kw)]

    everything = tracker.list_requests(store, today=today)
    assert [v.to_json() for v in everything] == _slow(monkeypatch, listing)
    assert listing(overdue=True) == [v.to_json() for v in everything if v.overdue]
    assert listing(due_within=within) == [
        v.to_json() for v in everything if v.due is not None and not v.done and (v.due - today).days <= within]
    assert listing(overdue=True, due_within=within) == [
        x for x in listing(due_within=within) if x["overdue"]]
    # ... and each listed view is what `tracker.view` gives for that request on its own
    assert [v.to_json() for v in everything] == [tracker.view(v.request, today).to_json() for v in everything]
