"""A comment in a letter template never glues two paragraphs together (`{#-` ate the blank line before
it): a walk at 80×24 read "…of the Data Protection Act 2018.My last contact …" in the ICO complaint,
and every objection to profiling read "…advertising platforms.My particular situation: …"."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ydm import tracker
from ydm.letters.render import render
from ydm.model import EventKind, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.store.memory import MemoryStore

PERSON = make_person(name="Rhiannon Walker", address="4 Heol y Wern, Cardiff", postcode="CF10 1AA",
                     email="rhiannon@example.org")


def ico_complaint_text(late_reason: str = "", ico_on: date = date(2027, 1, 22)) -> str:
    store = MemoryStore()
    sent = date(2026, 10, 29)
    letter = render(RequestKind.ACCESS, PERSON, contacts.load().get("plaid-cymru"), today=sent)
    (request,) = tracker.record_letters([letter], channel="first-class", sent_on=sent, store=store, today=sent)
    tracker.mark(store, request.ref, EventKind.REMINDER_SENT, today=date(2026, 12, 3), on=date(2026, 12, 3))
    tracker.mark(store, request.ref, EventKind.COMPLAINT_SENT, today=date(2026, 12, 18), on=date(2026, 12, 18))
    step = tracker.next_letter(store, request.ref, today=ico_on, person=PERSON, keep=False, late_reason=late_reason)
    assert step.letter is not None and step.letter.kind is RequestKind.ICO_COMPLAINT
    return step.letter.body


def test_the_last_contact_is_a_paragraph_of_its_own():
    body = ico_complaint_text()
    assert "18 December 2026: I complained to them under section 164A of the Data Protection Act 2018.\n\n" \
           "My last contact with the organisation was on 18 December 2026." in body
    assert ".My " not in body


def test_a_late_complaint_keeps_the_paragraph_too():
    body = ico_complaint_text("I was in hospital", ico_on=date(2027, 4, 20))
    assert "2018.\n\nMy last contact with the organisation was on 18 December 2026." in body
    assert "I was in hospital" in body


@pytest.mark.parametrize("org_id", ["plaid-cymru", "experian", "google"])
@pytest.mark.parametrize("kind", [RequestKind.ACCESS, RequestKind.OBJECT_MARKETING, RequestKind.OBJECT_PROCESSING,
                                  RequestKind.ERASURE])
def test_no_sentence_runs_into_the_next_paragraph(kind, org_id):
    body = render(kind, PERSON, contacts.load().get(org_id), today=date(2026, 11, 2)).body
    glued = re.findall(r"[a-z)]\.[A-Z][a-z]", body)
    assert not glued, glued


def test_the_objection_gives_its_reasons_in_a_paragraph_of_their_own():
    body = render(RequestKind.OBJECT_PROCESSING, PERSON, contacts.load().get("plaid-cymru"), today=date(2026, 11, 2)).body
    assert "advertising platforms.\n\nMy particular situation:" in body
