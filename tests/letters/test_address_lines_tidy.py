"""No stray space before a comma in a street line (issue 20, "Minor"), whether typed that way or left
by a postcode taken out of the middle of an office's address line; read back from the letter's text."""

from __future__ import annotations

import pytest

from ydm.orgs.offices import manual_office
from ydm.profile import make_person, tidy_line


@pytest.mark.parametrize("typed, printed", [
    ("Flat 2 , 9 High Street", "Flat 2, 9 High Street"),
    ("  Flat 2 ,9 High Street ,", "Flat 2,9 High Street"),
    ("Unit 4 ,  Riverside Park", "Unit 4, Riverside Park"),
    ("1 High Street", "1 High Street"),
])
def test_tidy_line(typed, printed):
    assert tidy_line(typed) == printed


def test_a_typed_address_prints_without_the_space():
    from datetime import date

    from ydm.model import RequestKind
    from ydm.orgs import contacts
    from ydm.service import letters as service

    person = make_person(name="Zoë Example", address=["Flat 2 , 9 High Street", "Exampletown"],
                         postcode="EX1 2AB")
    assert person.address == ("Flat 2, 9 High Street", "Exampletown")
    org = contacts.load().get("libdems")
    [letter] = service.draft_letters(RequestKind.ACCESS, person, [org], today=date(2026, 11, 26))
    assert "Flat 2, 9 High Street" in letter.text and " , " not in letter.text


def test_an_office_address_with_the_postcode_inside_a_line():
    office = manual_office("Cardiff Council", ["Electoral Services, Room 4 CF10 4UW , County Hall", "Cardiff"])
    assert office.address[0] == "Electoral Services, Room 4, County Hall"
    assert office.postcode == "CF10 4UW"
