"""The UK's bank-holiday calendars, as a type every room uses (deadlines, postcodes, organisations).

Its own module so that `postcodes` (which tells the nation of an address) and `model` (whose
organisations have a home nation) both stand on it without importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class Nation(StrEnum):
    """A bank-holiday calendar. Wales uses the England and Wales calendar."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    WALES = "wales"
    NORTHERN_IRELAND = "northern-ireland"

    @property
    def calendar(self) -> Nation:
        """The GOV.UK division whose bank holidays apply."""
        return Nation.ENGLAND_AND_WALES if self is Nation.WALES else self
