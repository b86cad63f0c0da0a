"""The electoral registration office a letter goes to (the open-register opt-out): one chosen, one
remembered, one looked up from the postcode, or one typed in by the person."""

from __future__ import annotations

import re
from datetime import date

from ydm.adapters import lookup
from ydm.errors import OfficeNeeded, YdmError
from ydm.model import Category, Organisation, Person

__all__ = ["OfficeNeeded", "office_from_words", "registration_office_for"]


def registration_office_for(person: Person, orgs: list[Organisation], today: date) -> list[Organisation]:
    """The registration office: one the person chose among `orgs`, one saved earlier, or a lookup by
    postcode (remembered in my_contacts.toml). Raises OfficeNeeded when none can be had."""
    chosen = [o for o in orgs if o.category is Category.ERO]
    if chosen:
        return chosen
    saved = lookup.remembered_offices()
    if saved:
        return saved[:1]
    try:
        result = lookup.find_office(person.postcode, today=today)
    except lookup.MissingKeyError:
        raise OfficeNeeded("ydm has no lookup key to find it from your postcode") from None
    except YdmError as exc:
        raise OfficeNeeded(f"ydm could not look it up from your postcode ({exc.message})") from None
    if result.office is None:
        raise OfficeNeeded("your postcode is split between more than one registration office")
    return [lookup.remember_office(result.office)]


def office_from_words(name: str, address: str, email: str = "", *, remember: bool = True,
                      today: date) -> Organisation:
    """The registration office as the person typed it (as `ydm lookup --manual`): address lines
    separated by commas or new lines, the office's postcode among them. Remembered in
    my_contacts.toml so the next letter needs no typing, unless `remember` is False. Raises
    InputError in words for a missing name or address."""
    lines = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    office = lookup.manual_office(name, lines, email=email, today=today)
    return lookup.remember_office(office) if remember else lookup.office_as_organisation(office)
