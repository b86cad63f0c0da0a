"""QA2: "Question 3 of 9" then "Question 4 of 7". The count must hold still while the patron answers:
follow-ups (which part of the UK; everything about the registration office, whatever the lookup
found) count with the question they follow, and the total changes only right after the answer that
decides it (the goal, or the letters chosen)."""

from __future__ import annotations

import pytest

from ydm.lookup import EONI, office_as_organisation
from ydm.session import Session

from .conftest import PATRON, STREET, TODAY

DECIDING = ("goal", "kinds")
FOUND = office_as_organisation(EONI)


def walk(goal, *, kinds=None, postcode="EH3 9QZ", lookup=None):
    """[(question id, n, total)] for one whole flow, answering with defaults where there are any."""
    s = Session(today=TODAY, lookup=lookup or (lambda pc, *a: None))
    answers = {"goal": goal, "kinds": kinds, "name": PATRON, "postcode": postcode, "nation": "wales",
               "address": STREET + ", Town", "email": "", "office": "found", "office_name": "Town Council",
               "office_address": "Electoral Services, 1 Road, Town, SY10 0AA", "channel": "first-class"}
    seen = []
    while True:
        if s.needs_lookup():
            s.look_up_office()
        q = s.current()
        if q is None:
            return seen
        seen.append((q.id, *s.position()))
        value = answers.get(q.id)
        if value is None:
            value = q.default or (q.options[0].value,)
        s.answer(q.id, value)


@pytest.mark.parametrize("goal, kinds, postcode, found", [
    ("know", None, "EH3 9QZ", None),
    ("stop-sold", None, "EH3 9QZ", None),        # no office found: its name and address are asked
    ("stop-sold", None, "EH3 9QZ", FOUND),       # office found: one question to confirm it
    ("stop-sold", None, "SY10 0AA", None),       # border postcode: which part of the UK
    ("choose", ("access", "open-register"), "EH3 9QZ", None),
    ("choose", ("open-register",), "SY10 0AA", None),
    ("choose", ("access", "erasure"), "EH3 9QZ", None),
])
def test_the_total_holds_still_after_the_deciding_answers(goal, kinds, postcode, found):
    seen = walk(goal, kinds=kinds, postcode=postcode, lookup=lambda pc, *a: found)
    after = [total for qid, _n, total in seen if qid not in DECIDING]
    assert len(set(after)) == 1, seen
    numbers = [n for _qid, n, _t in seen]
    assert numbers == sorted(numbers) and numbers[0] == 1  # never goes backwards
    assert seen[-1][0] == "channel" and seen[-1][1] == seen[-1][2]  # the last question is "n of n"
    assert all(n <= total for _qid, n, total in seen)


def test_the_qa_flows_no_longer_jump():
    # preset 3: "Question 3 of 9: Your postcode" then "Question 4 of 7: Your address" (a lookup hit)
    seen = {qid: (n, total) for qid, n, total in walk("stop-sold", lookup=lambda pc, *a: FOUND)}
    assert seen["postcode"] == (3, 8) and seen["address"] == (4, 8) and seen["office"] == (6, 8)
    # option 4: "Question 2 of 7" then "Question 3 of 8"
    seen = {qid: (n, total) for qid, n, total in walk("choose", kinds=("access",))}
    assert seen["kinds"] == (2, 8) and seen["name"] == (3, 8)
    # a follow-up keeps its question's number
    seen = {qid: (n, total) for qid, n, total in walk("know", postcode="SY10 0AA")}
    assert seen["postcode"] == seen["nation"] == (3, 7)
