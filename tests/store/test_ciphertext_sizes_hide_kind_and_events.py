"""What a copy of requests.db shows by its sizes alone: not which letter kind a request is, not how many
events it has. Real letters of every kind, to organisations of every category, recorded in a real store;
the lengths of the stored ciphertexts read back with plain sqlite3, as anyone with the file could."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from ydm.model import INITIAL_KINDS, Category, Event, EventKind, Organisation, Person, Request, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.store import crypto
from ydm.store.codec import StoredLetter
from ydm.store.db import SqliteStore

TODAY = date(2026, 11, 26)
PEOPLE = [
    make_person(name="Al Wu", address="1 A St, Leeds", postcode="LS1 1AA"),
    make_person(name="Siân Ó Súilleabháin-Featherstonehaugh", address="Flat 12, 4 Heol y Castell, Caerdydd",
                postcode="cf10 1aa", email="sian.featherstonehaugh@example.org", other_names=["Siân Jones"],
                previous_addresses=["9 Old Road, Bristol, BS1 4DJ"], date_of_birth="1979-02-28",
                electoral_number="AB-123"),
]
ERO = Organisation(id="ero-cardiff", display_name="Electoral Registration Officer, Cardiff", category=Category.ERO,
                   postal_address=("Electoral Services", "City Hall", "Cardiff", "CF10 3ND"))
EVENTS = [EventKind.SENT, EventKind.ID_REQUESTED, EventKind.ID_PROVIDED, EventKind.CLARIFICATION_REQUESTED,
          EventKind.CLARIFICATION_PROVIDED, EventKind.EXTENDED, EventKind.REMINDER_SENT, EventKind.COMPLAINT_SENT]


def _letters():
    """Every initial kind to one organisation of each category, for a short and a long signer."""
    from ydm.letters import render

    directory = contacts.load()
    orgs = list({o.category: o for o in directory if o.has_channel}.values())
    for person in PEOPLE:
        for kind in INITIAL_KINDS:
            for org in [ERO] if kind == RequestKind.OPEN_REGISTER else orgs:
                yield kind, org, person, render.render(kind, person, org, today=TODAY, reference="YDM-AAAAA")


def _lengths(path, sql):
    with sqlite3.connect(path) as c:
        return sorted({n for (n,) in c.execute(sql)})


def test_every_kind_and_every_event_count_has_the_same_ciphertext_sizes(tmp_path):
    path = tmp_path / "requests.db"
    n = 0
    with SqliteStore(path) as s:
        for kind, org, person, letter in _letters():
            n += 1
            ref = f"YDM-{n:05d}"
            events = [Event(EventKind.DRAFTED, TODAY, note="")]
            events += [Event(k, TODAY + timedelta(days=i)) for i, k in enumerate(EVENTS[: n % (len(EVENTS) + 1)])]
            s.add(Request(ref=ref, kind=kind, org_id=org.id, org_name=org.display_name, events=events,
                          letter_text=letter.text, sender=person))
        assert n > 20
        kinds = {r.kind for r in s.list()}
        assert len(kinds) == len(INITIAL_KINDS)  # the sample really mixes the kinds
    assert len(_lengths(path, "SELECT length(head) FROM requests")) == 1
    assert len(_lengths(path, "SELECT length(body) FROM requests")) == 1


def test_adding_events_and_later_letters_does_not_change_the_sizes(tmp_path):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        person = Person(name="Zebedee Quartermaine", address=("7 Quiet Lane", "London"), postcode="SW1A 1AA")
        s.save_profile(person)
        s.add(Request(ref="YDM-ZQ7K3", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                      events=[Event(EventKind.DRAFTED, TODAY)], letter_text="Dear DPO,\n" * 300))
        before = _lengths(path, "SELECT length(head) FROM requests")
        for i, k in enumerate(EVENTS):
            s.add_event("YDM-ZQ7K3", Event(k, TODAY + timedelta(days=i), note="posted at the main office"))
        assert _lengths(path, "SELECT length(head) FROM requests") == before
        s.add_letter("YDM-ZQ7K3", StoredLetter(RequestKind.REMINDER, TODAY, "Dear DPO,\nA reminder.\n", "reminder"))
        s.add_letter("YDM-ZQ7K3", StoredLetter(RequestKind.ICO_COMPLAINT, TODAY, "Dear ICO,\n" * 400, "complaint"))
        assert len(_lengths(path, "SELECT length(blob) FROM letters")) == 1


def test_a_record_longer_than_the_floor_grows_by_powers_of_two():
    """The one scheme: the floor, then doubling — so a long letter shows only as 'long', not its length."""
    assert crypto.padded_size(10, 1024) == 1024
    assert crypto.padded_size(1023, 1024) == 1024
    assert crypto.padded_size(1024, 1024) == 2048  # one NUL always follows the text
    assert crypto.padded_size(5000, 1024) == 8192
    sizes = {crypto.padded_size(n, 8192) for n in range(0, 40_000, 97)}
    assert sizes == {8192, 16384, 32768, 65536}
