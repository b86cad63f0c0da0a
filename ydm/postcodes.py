"""UK postcodes: normalise, validate, and tell which bank-holiday calendar an address falls under.

Pure functions. The format follows the Royal Mail / ONS pattern (outward code 2-4 characters,
inward code digit + two letters), plus the special GIR 0AA.
"""

from __future__ import annotations

import re

from ydm.errors import InputError
from ydm.nations import Nation

_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2})\b", re.IGNORECASE)

# Postcode areas wholly or mainly in Scotland (TD straddles the border: TD15, Berwick-upon-Tweed,
# is in England; see _DISTRICTS_IN_ENGLAND). Source: Royal Mail postcode areas.
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
    if district_number(postcode) in _DISTRICTS_IN_ENGLAND.get(letters, ()):
        return Nation.ENGLAND_AND_WALES
    if letters in _NI_AREAS:
        return Nation.NORTHERN_IRELAND
    if letters in _SCOTTISH_AREAS:
        return Nation.SCOTLAND
    return Nation.ENGLAND_AND_WALES


# Which nation a person lives in, for "parties with elected representatives in my nation". Royal
# Mail postcode areas follow post towns, not the borders, so a few districts lie across them. Known
# districts are answered; a district that straddles a border gets the likelier nation and sure=False,
# so the caller asks the person rather than deciding for them.
_AREAS_IN_WALES = frozenset({"CF", "LD", "LL", "NP", "SA"})
_DISTRICTS_IN_WALES = {"SY": frozenset(range(15, 26)), "CH": frozenset({5, 6, 7, 8})}  # Powys, Ceredigion, Gwynedd; Flintshire
_DISTRICTS_IN_ENGLAND = {"TD": frozenset({15})}  # Berwick-upon-Tweed
_STRADDLING = {  # district -> likelier nation
    "CH": {4: "england"},  # Chester with Saltney and Broughton (Flintshire)
    "SY": {10: "england", 13: "england", 14: "england"},  # Oswestry, Whitchurch, Malpas with Powys/Wrexham villages
    "HR": {3: "england", 5: "england"},  # Hay-on-Wye (Powys) side, Kington with Radnorshire villages
    "LD": {7: "wales", 8: "wales"},  # Knighton, Presteigne with Shropshire/Herefordshire villages
    "NP": {16: "wales", 25: "wales"},  # Chepstow with Tutshill and Sedbury (Gloucestershire), Monmouth
    "TD": {12: "scotland"},  # Coldstream with Cornhill-on-Tweed (Northumberland)
}


def district_number(postcode: str) -> int:
    """The district's number: `SY23 3AA` → 23, `EC1A 1BB` → 1."""
    found = re.match(r"[A-Z]+([0-9]+)", normalise(postcode).split()[0])
    return int(found.group(1)) if found else 0  # GIR 0AA has none


def nation_of_residence(postcode: str) -> tuple[str, bool]:
    """(england | scotland | wales | northern-ireland, sure) for a person living at this postcode.

    Unlike `nation_of_postcode` (a bank-holiday calendar, where Wales is England's), this tells
    Wales apart. Raises InputError for something that is not a postcode.
    """
    letters, number = area(postcode), district_number(postcode)
    if number in _DISTRICTS_IN_ENGLAND.get(letters, ()):
        return "england", True
    if letters in _STRADDLING and number in _STRADDLING[letters]:
        return _STRADDLING[letters][number], False
    if letters in _NI_AREAS:
        return "northern-ireland", True
    if letters in _SCOTTISH_AREAS:
        return "scotland", True
    if letters in _AREAS_IN_WALES or number in _DISTRICTS_IN_WALES.get(letters, ()):
        return "wales", True
    return "england", True


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
