"""The guided session's "Who gets a letter": each party whose local parties are controllers of their
own says so under its name, and an organisation with two published addresses gives both dates."""

from __future__ import annotations

from ydm.session.flow import Session

from .conftest import PATRON, TODAY


def targets(goal: str, postcode: str, address: str):
    s = Session(today=TODAY, lookup=lambda pc: None)
    while (q := s.current()) is not None and q.id != "targets":
        if s.needs_lookup():
            s.look_up_office()
            continue
        answers = {"goal": goal, "name": PATRON, "postcode": postcode, "address": address, "email": "",
                   "kinds": ["access"]}
        s.answer(q.id, answers.get(q.id, q.default))
    return {o.value: o.detail for o in s.current().options}


def test_elected_parties_in_england_carry_the_local_party_note_and_the_greens_both_dates():
    detail = targets("know", "SW1A 1AA", "1 Road, London")
    for party in ("labour", "conservatives", "reform-uk"):
        assert "its local parties are separate controllers: write to yours too" in detail[party]
    assert detail["green-ew"] == "2 published addresses (2021-01-15 and undated); the first is used"
    assert detail["libdems"] == ""


def test_choosing_yourself_keeps_the_kind_first():
    detail = targets("choose", "SW1A 1AA", "1 Road, London")
    assert detail["labour"].startswith("party; its local parties")
    assert detail["tactical-voting-coalition"] == "campaigner"
