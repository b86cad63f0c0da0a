"""The tracker's words for the request screen: what is due now after an incomplete reply (no date is
owed by them), and a warning once the ICO's three months have passed."""

from __future__ import annotations

from datetime import date

from ydm import tracker
from ydm.letters.render import render
from ydm.model import EventKind, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.store.memory import MemoryStore

PERSON = make_person(name="Jane Public", address="1 High Street, Cardiff", postcode="CF10 1AA",
                     email="jane@example.org")


def stored(sent: date):
    store = MemoryStore()
    letter = render(RequestKind.ACCESS, PERSON, contacts.load().get("labour"), today=sent)
    (request,) = tracker.record_letters([letter], channel="email", sent_on=sent, store=store, today=sent)
    return store, request.ref


def test_after_an_incomplete_reply_the_follow_up_is_what_is_due_now():
    store, ref = stored(date(2026, 2, 10))
    tracker.mark(store, ref, EventKind.RESPONSE_INCOMPLETE, today=date(2026, 3, 2), on=date(2026, 2, 25))
    view = tracker.view(store.get(ref), date(2026, 3, 2))
    assert view.due is None and view.next_kind is RequestKind.FOLLOW_UP
    assert view.due_now == view.next_reason and "follow-up" in view.due_now
    assert tracker.view(store.get(ref), date(2026, 4, 20)).due_now  # until the follow-up is written


def test_a_request_with_a_due_date_has_nothing_else_due_now():
    store, ref = stored(date(2026, 2, 10))
    assert tracker.view(store.get(ref), date(2026, 2, 20)).due_now == ""


def test_the_ico_window_that_has_passed_is_said():
    store, ref = stored(date(2026, 7, 1))
    tracker.mark(store, ref, EventKind.REMINDER_SENT, today=date(2026, 8, 20), on=date(2026, 8, 20))
    tracker.mark(store, ref, EventKind.COMPLAINT_SENT, today=date(2026, 9, 15), on=date(2026, 9, 15))
    soon = tracker.view(store.get(ref), date(2026, 10, 20))
    assert soon.next_kind is RequestKind.ICO_COMPLAINT and soon.ico_by > date(2026, 10, 20)
    assert not any("three months" in w for w in soon.warnings)
    late = tracker.view(store.get(ref), soon.ico_by.replace(year=soon.ico_by.year + 1))
    assert late.next_kind is RequestKind.ICO_COMPLAINT
    (warning,) = [w for w in late.warnings if "three months" in w]
    assert f"{soon.ico_by:%-d %B %Y}" in warning and "say why it is late" in warning
