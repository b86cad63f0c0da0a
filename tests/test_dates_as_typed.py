"""ydm.clock.parse_date: the one reader of dates typed by people (every date field of every face)."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.clock import parse_date
from ydm.errors import InputError
from ydm.profile import validate_dob


@pytest.mark.parametrize("text", ["14/03/1988", "1988-03-14", "14-03-1988", "14.03.1988", "14 March 1988",
                                  "14 mar 1988", "Mon 14 Mar 1988", "14th March 1988", " 14/3/1988 "])
def test_the_forms_people_write(text):
    assert parse_date(text) == date(1988, 3, 14)


@pytest.mark.parametrize(("text", "why"), [
    ("31/11/2026", "November has 30 days"),
    ("29/02/2027", "February 2027 has 28 days"),
    ("03/14/1988", "there is no month 14 (the day comes first: 14/03/1988)"),
    ("2026-13-01", "there is no month 13"),
    ("15 Smarch 2026", "'smarch' is not a month"),
    ("soon", "write it like 2026-01-15, 15/01/2026 or 15 January 2026"),
])
def test_an_impossible_day_says_why(text, why):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert why in caught.value.message and caught.value.message.startswith(f"'{text}' is not a date")


def test_today_only_where_it_is_offered():
    assert parse_date("Today", today_word=date(2026, 3, 2)) == date(2026, 3, 2)
    with pytest.raises(InputError):
        parse_date("today")
    assert parse_date("29/2/2028") == date(2028, 2, 29)
    assert validate_dob("29/02/1988") == "29 February 1988"


def test_the_date_of_birth_takes_the_same_forms():
    assert validate_dob("14/03/1988") == validate_dob("1988-03-14") == "14 March 1988"
    with pytest.raises(InputError) as caught:
        validate_dob("31/11/1988")
    assert caught.value.message == "date of birth '31/11/1988' is not a date: November has 30 days"
