"""ydm.postcodes: normalising, validating and placing UK postcodes (used by lookup and deadlines)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ydm.errors import InputError
from ydm.model import Nation
from ydm.postcodes import (
    area,
    district_number,
    find_in_lines,
    is_valid,
    nation_of_address,
    nation_of_postcode,
    nation_of_residence,
    normalise,
)


@pytest.mark.parametrize("raw, expected", [
    ("sw1a1aa", "SW1A 1AA"),
    ("SW1A 1AA", "SW1A 1AA"),
    ("  sw1a   1aa ", "SW1A 1AA"),
    ("sw1a\t1aa", "SW1A 1AA"),
    ("M1 1AE", "M1 1AE"),        # A9 9AA
    ("B338TH", "B33 8TH"),       # A99 9AA
    ("CR2 6XH", "CR2 6XH"),      # AA9 9AA
    ("DN55 1PT", "DN55 1PT"),    # AA99 9AA
    ("W1A 0AX", "W1A 0AX"),      # A9A 9AA
    ("EC1A 1BB", "EC1A 1BB"),    # AA9A 9AA
    ("eh1 1yj", "EH1 1YJ"),
    ("BT1 1AA", "BT1 1AA"),
    ("gir0aa", "GIR 0AA"),
    ("CF10 1AA", "CF10 1AA"),
])
def test_normalise_valid(raw, expected):
    assert normalise(raw) == expected
    assert is_valid(raw)


@pytest.mark.parametrize("raw", [
    "SW1A 1A",        # inward code too short
    "SW1A 1AAA",      # too long
    "1AA SW1",        # back to front
    "QA1 1AA",        # Q never starts a postcode
    "AZ1 1AA",        # Z is not a second letter
    "SW1A 1CA",       # C never in the inward letters
    "SW1A-1AA",       # punctuation
    "SW1A 1ÄA",       # not ASCII
    "EH1",            # outward code only
    "ZZ1 1ZZ",
    "not a postcode",
])
def test_normalise_rejects_malformed_with_a_clear_message(raw):
    assert not is_valid(raw)
    with pytest.raises(InputError) as err:
        normalise(raw)
    assert str(err.value) == f"'{raw.strip()}' is not a UK postcode (expected something like SW1A 1AA or EH1 1YJ)"


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_normalise_empty(raw):
    with pytest.raises(InputError) as err:
        normalise(raw)
    assert "a postcode is needed" in str(err.value)
    assert not is_valid(raw or "")


def test_error_is_input_error_exit_2():
    with pytest.raises(InputError) as err:
        normalise("nope")
    assert err.value.exit_code == 2


@pytest.mark.parametrize("postcode, letters", [("EH1 1YJ", "EH"), ("g1 1aa", "G"), ("SW1A 1AA", "SW"), ("BT7 1NN", "BT")])
def test_area(postcode, letters):
    assert area(postcode) == letters


@pytest.mark.parametrize("postcode, nation", [
    ("EH1 1YJ", Nation.SCOTLAND),
    ("G2 1DU", Nation.SCOTLAND),
    ("AB10 1AB", Nation.SCOTLAND),
    ("ZE1 0AA", Nation.SCOTLAND),
    ("BT1 1AA", Nation.NORTHERN_IRELAND),
    ("CF10 1AA", Nation.ENGLAND_AND_WALES),   # Wales uses the England and Wales calendar
    ("SW1A 1AA", Nation.ENGLAND_AND_WALES),
    ("GIR 0AA", Nation.ENGLAND_AND_WALES),
    ("GL1 1AA", Nation.ENGLAND_AND_WALES),    # G alone is Glasgow, GL is Gloucester
    ("TD15 1AA", Nation.ENGLAND_AND_WALES),   # Berwick-upon-Tweed: a TD district in England
    ("TD1 1AA", Nation.SCOTLAND),             # Galashiels
])
def test_nation_of_postcode(postcode, nation):
    assert nation_of_postcode(postcode) is nation


@pytest.mark.parametrize("postcode, number", [
    ("SY23 3AA", 23), ("EC1A 1BB", 1), ("W1A 0AX", 1), ("M1 1AE", 1), ("DN55 1PT", 55), ("GIR 0AA", 0),
])
def test_district_number(postcode, number):
    assert district_number(postcode) == number


@pytest.mark.parametrize("postcode, nation, sure", [
    ("CF10 1AA", "wales", True),
    ("LL57 2DG", "wales", True),
    ("SY23 3AA", "wales", True),             # Aberystwyth: a Welsh district of a mainly English area
    ("SY1 1AA", "england", True),            # Shrewsbury
    ("CH5 1AA", "wales", True),              # Deeside, Flintshire
    ("CH1 1AA", "england", True),            # Chester
    ("CH4 8AA", "england", False),           # Chester with Saltney (Flintshire): ask
    ("SY10 0AA", "england", False),          # Oswestry with Powys villages: ask
    ("NP16 7AA", "wales", False),            # Chepstow with Tutshill (Gloucestershire): ask
    ("LD7 1AA", "wales", False),             # Knighton
    ("TD15 1AA", "england", True),           # Berwick-upon-Tweed
    ("TD12 4AA", "scotland", False),         # Coldstream with Cornhill-on-Tweed
    ("TD1 1AA", "scotland", True),
    ("EH1 1YJ", "scotland", True),
    ("BT1 1AA", "northern-ireland", True),
    ("SW1A 1AA", "england", True),
])
def test_nation_of_residence_tells_wales_apart_and_is_unsure_across_borders(postcode, nation, sure):
    assert nation_of_residence(postcode) == (nation, sure)


def test_nation_of_residence_rejects_malformed():
    with pytest.raises(InputError):
        nation_of_residence("SY")


def test_nation_of_postcode_rejects_malformed():
    with pytest.raises(InputError):
        nation_of_postcode("EH1")


def test_find_in_lines_takes_the_last_valid_one():
    lines = ["Flat 2", "10 Downing Street", "London sw1a 2aa"]
    assert find_in_lines(lines) == "SW1A 2AA"
    assert find_in_lines(["From EH1 1YJ", "to CF10 4UW"]) == "CF10 4UW"
    assert find_in_lines(["no postcode here", "QA1 1AA"]) is None
    assert find_in_lines([]) is None


def test_nation_of_address():
    assert nation_of_address(["17A South Gyle Crescent", "Edinburgh", "EH12 9FL"]) is Nation.SCOTLAND
    assert nation_of_address(["St Anne's House", "Belfast BT1 1ER"]) is Nation.NORTHERN_IRELAND
    assert nation_of_address(["Somewhere without a postcode"]) is Nation.ENGLAND_AND_WALES


_outward = st.sampled_from(["SW1A", "M1", "B33", "CR2", "DN55", "W1A", "EC1A", "EH1", "BT7", "G2"])
_inward = st.tuples(st.sampled_from("0123456789"), st.sampled_from("ABDEFGHJLNPQRSTUWXYZ"),
                    st.sampled_from("ABDEFGHJLNPQRSTUWXYZ")).map("".join)


@given(_outward, _inward, st.sampled_from(["", " ", "  ", "\t"]), st.booleans())
def test_normalise_is_idempotent_and_spacing_insensitive(outward, inward, gap, lower):
    raw = outward + gap + inward
    raw = raw.lower() if lower else raw
    once = normalise(raw)
    assert once == f"{outward} {inward}"
    assert normalise(once) == once
    assert normalise(once.replace(" ", "")) == once
