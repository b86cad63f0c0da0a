"""UK postcodes: normalise, validate, and tell which bank-holiday calendar an address falls under.

Pure functions. The format follows the Royal Mail / ONS pattern (outward code 2-4 characters,
inward code digit + two letters), plus the special GIR 0AA.
"""

from __future__ import annotations

import re

from ydm.errors import InputError
from ydm.model import Nation

_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2})\b", re.IGNORECASE)

# Postcode areas wholly or mainly in Scotland (TD and DG straddle the border; their
# Scottish districts dominate). Source: Royal Mail postcode areas.
_SCOTTISH_AREAS = {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"}
_NI_AREAS = {"BT"}


def normalise(raw: str) -> str:
    """`sw1a1aa` → `SW1A 1AA`. Raises InputError with the reason for a malformed postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not compact:
        raise InputError("a postcode is needed, e.g. SW1A 1AA")
    if not _POSTCODE.match(compact):
        raise InputError(f"'{raw.strip()}' is not a UK postcode (expected something like SW1A 1AA or EH1 1YJ)")
    return f"{compact[:-3]} {compact[-3:]}"


def is_valid(raw: str) -> bool:
    try:
        normalise(raw)
    except InputError:
        return False
    return True


def area(postcode: str) -> str:
    """The letters at the start: `EH1 1YJ` → `EH`."""
    return re.match(r"[A-Z]+", normalise(postcode)).group(0)


def nation_of_postcode(postcode: str) -> Nation:
    """Which bank-holiday calendar applies at this postcode (Wales shares England's)."""
    letters = area(postcode)
    if letters in _NI_AREAS:
        return Nation.NORTHERN_IRELAND
    if letters in _SCOTTISH_AREAS:
        return Nation.SCOTLAND
    return Nation.ENGLAND_AND_WALES


def find_in_lines(lines) -> str | None:
    """The last valid postcode in an address's lines, if any."""
    found = None
    for line in lines:
        for match in _IN_TEXT.finditer(line):
            if is_valid(match.group(1)):
                found = normalise(match.group(1))
    return found


def nation_of_address(lines) -> Nation:
    """The calendar for an address; England & Wales when no postcode is found (law.md §2 suggestion)."""
    postcode = find_in_lines(lines)
    return nation_of_postcode(postcode) if postcode else Nation.ENGLAND_AND_WALES
