"""A store with a profile and three requests (two access, one objection), today 2026-10-20."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.store.db import open_store

E = EventKind


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        s.save_profile(Person(name="Zebedee Quartermaine", address=("7 Quiet Lane",), postcode="SW1A 1AA",
                              email="zebedee@example.org"))
        s.add_many([
            Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                    channel=Channel.EMAIL, events=[Event(E.DRAFTED, date(2026, 9, 1)), Event(E.SENT, date(2026, 9, 1))],
                    letter_text="Dear DPO, first letter"),
            Request(ref="YDM-BBBBB", kind=RequestKind.ACCESS, org_id="conservatives", org_name="Conservative Party",
                    events=[Event(E.DRAFTED, date(2026, 9, 10)), Event(E.SENT, date(2026, 9, 10))]),
            Request(ref="YDM-CCCCC", kind=RequestKind.OBJECT_MARKETING, org_id="libdems", org_name="Liberal Democrats",
                    events=[Event(E.DRAFTED, date(2026, 10, 1)), Event(E.SENT, date(2026, 10, 1))]),
        ])
    return date(2026, 10, 20)


def run(capsys, *argv):
    from ydm.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
