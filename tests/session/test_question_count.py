"""QA2 and QA3: "Question 3 of 9" then "Question 4 of 7"; "1 of 7" then "2 of 8"; "Question 6 of 8"
for both "Registration office" and "Office address". The count must be honest and hold still:

- until the answer that decides how many questions there are (the goal, and for "choose" the
  letters), no total is shown ("Question 1: What to do"); once shown, the total never changes;
- a follow-up keeps the number of the question it follows and says which part it is (which part of
  the UK; everything about the registration office, however the lookup went and in Northern
  Ireland too; an address typed in for an organisation we have none for);
- numbers never go backwards and the last question is "n of n".
"""

from __future__ import annotations

import pytest

from ydm.adapters.lookup import EONI, office_as_organisation
from ydm.session.flow import Session

from .conftest import PATRON, STREET, TODAY

DECIDING = ("goal", "kinds")
FOUND = office_as_organisation(EONI)
CHOICES = [("uprn-1", "1 Border Lane, Chirk"), ("uprn-2", "2 Border Lane, Chirk")]


def walk(goal, *, kinds=None, postcode="EH3 9QZ", lookup=None, office="found"):
    """[(question id, n, total, part, progress line)] for one whole flow, answering with defaults."""
    s = Session(today=TODAY, lookup=lookup or (lambda pc, *a: None))
    answers = {"goal": goal, "kinds": kinds, "name": PATRON, "postcode": postcode, "nation": "wales",
               "address": STREET + ", Town", "email": "", "office": office, "office_name": "Town Council",
               "office_address": "Electoral Services, 1 Road, Town, SY10 0AA", "channel": "first-class"}
    seen = []
    while True:
        if s.needs_lookup():
            s.look_up_office()
        q = s.current()
        if q is None:
            return seen
        seen.append((q.id, *s.position(), s.progress()))
        value = answers.get(q.id)
        if value is None:
            value = q.default if q.kind == "text" else (q.default or (q.options[0].value,))
        s.answer(q.id, value)


def split_lookup(postcode, address=None):
    """A postcode split between two offices; the second pick is not found (typed by hand)."""
    return FOUND if address == "uprn-1" else (None if address else CHOICES)


FLOWS = [
    ("know", None, "EH3 9QZ", None, "found"),
    ("know", None, "BT48 7QX", None, "found"),           # NI: addresses asked for parties we cannot reach
    ("stop-contact", None, "BT48 7QX", None, "found"),
    ("stop-sold", None, "EH3 9QZ", None, "found"),      # no office found: its name and address are asked
    ("stop-sold", None, "EH3 9QZ", FOUND, "found"),     # office found: one question to confirm it
    ("stop-sold", None, "EH3 9QZ", FOUND, "manual"),    # found, but the patron types another
    ("stop-sold", None, "EH3 9QZ", split_lookup, "found"),  # a split postcode: pick an address first
    ("stop-sold", None, "BT7 1NN", None, "found"),      # NI: EONI, said in the same numbered place
    ("stop-sold", None, "SY10 0AA", None, "found"),     # border postcode: which part of the UK
    ("choose", ("access", "open-register"), "EH3 9QZ", None, "found"),
    ("choose", ("open-register",), "SY10 0AA", None, "found"),
    ("choose", ("open-register",), "BT7 1NN", None, "found"),
    ("choose", ("access", "erasure"), "EH3 9QZ", None, "found"),
]


@pytest.mark.parametrize("goal, kinds, postcode, found, office", FLOWS)
def test_the_total_is_shown_once_known_and_then_holds_still(goal, kinds, postcode, found, office):
    lookup = found if callable(found) else (lambda pc, *a: found)
    seen = walk(goal, kinds=kinds, postcode=postcode, lookup=lookup, office=office)
    for qid, _n, total, _part, line in seen:
        if qid in DECIDING:
            assert total is None and " of " not in line.split(":")[0]
    after = [total for qid, _n, total, _p, _l in seen if qid not in DECIDING]
    assert len(set(after)) == 1 and after[0] is not None, seen
    numbers = [n for _qid, n, *_rest in seen]
    assert numbers == sorted(numbers) and numbers[0] == 1          # never goes backwards
    assert sorted(set(numbers)) == list(range(1, after[0] + 1))   # no number skipped
    last = seen[-1]
    assert last[0] == "channel" and last[1] == last[2] and last[3] == 1  # the last question is "n of n"
    lines = [line for *_rest, line in seen]
    assert len(lines) == len(set(lines)), lines                    # no two questions read the same


def test_the_qa_flows_read_honestly():
    # preset 3 with a lookup hit: no total before the goal, then 8 throughout
    seen = {qid: line for qid, *_r, line in walk("stop-sold", lookup=lambda pc, *a: FOUND)}
    assert seen["goal"] == "Question 1: What to do"
    assert seen["name"] == "Question 2 of 8: Your name"
    assert seen["postcode"] == "Question 3 of 8: Your postcode" and seen["office"] == "Question 6 of 8: Registration office"
    # preset 3 without the lookup (no key): the office name and address are parts of question 6
    seen = {qid: line for qid, *_r, line in walk("stop-sold", postcode="SW1A 1AA")}
    assert seen["office_name"] == "Question 6 of 8: Council"
    assert seen["office_address"] == "Question 6 of 8, part 2: Office address"
    # option 4: no total until the letters are chosen
    seen = {qid: line for qid, *_r, line in walk("choose", kinds=("access",))}
    assert seen["kinds"] == "Question 2: Which letters" and seen["name"] == "Question 3 of 8: Your name"
    # a follow-up keeps its question's number and says it is a second part
    seen = {qid: line for qid, *_r, line in walk("know", postcode="SY10 0AA")}
    assert seen["postcode"] == "Question 3 of 7: Your postcode"
    assert seen["nation"] == "Question 3 of 7, part 2: Where you live"


def test_northern_ireland_preset_1_asks_for_each_address_as_parts_of_who_gets_a_letter():
    seen = walk("know", postcode="BT48 7QX")
    lines = {qid: line for qid, *_r, line in seen}
    assert lines["targets"] == "Question 6 of 7: Who gets a letter"
    assert lines["to:sinn-fein"].startswith("Question 6 of 7, part ") and "Address for Sinn Féin" in lines["to:sinn-fein"]
    assert lines["channel"] == "Question 7 of 7: How to send"
