"""Electoral registration offices (EROs) as ydm knows them: the `Office` record, EONI, reading a
lookup API's answer into an Office, an office the person typed in, and offices saved as user
organisations.

No network and no keys here: `ydm.adapters.lookup` asks the APIs (law.md §6) and hands their JSON
to `parse_answer`, and re-exports every public name of this module. Both APIs give the same JSON
shape; the `registration` contact is used when present (in Scotland and Northern Ireland
registration is not the council's job), else `electoral_services`. Northern Ireland is always EONI.

Privacy: an Office holds the office's details only, never the person's postcode or address, and a
remembered office is saved as a user organisation without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ydm import clock, paths
from ydm.errors import InputError, NetworkError
from ydm.model import Category, Nation, Organisation, Source
from ydm.orgs import user_contacts
from ydm.orgs.contacts import parse_file
from ydm.postcodes import find_in_lines, nation_of_postcode
from ydm.profile import clean_text, tidy_line

__all__ = [
    "ADDRESS_SLUG",
    "EONI",
    "EONI_SOURCE",
    "LABELS",
    "AddressChoice",
    "Office",
    "dated",
    "manual_office",
    "office_as_organisation",
    "office_id",
    "parse_answer",
    "remember_office",
    "remembered_offices",
]

LABELS = {"democracy-club": "Democracy Club", "electoral-commission": "Electoral Commission"}
_NATIONS = {"england": "england", "wales": "wales", "scotland": "scotland", "northern ireland": "northern-ireland"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ADDRESS_SLUG = re.compile(r"^[A-Za-z0-9._-]{1,64}$")  # an address id (UPRN) as the APIs give it

# EONI keeps the register for all of Northern Ireland (law.md §5, §6). Postal address and email
# as printed on EONI's own Freedom of Information page (undated archived copy, read 2026-11-26);
# no phone number is built in because none was confirmed from a source.
EONI_SOURCE = Source(
    ref="http://www.eoni.org.uk/Utility/About-EONI/Freedom-of-information",
    date="undated (archived copy, read 2026-11-26)",
    supports="postal address (2nd Floor, St Anne's House, 15 Church Street, Belfast BT1 1ER) and info@eoni.org.uk; "
    "EONI handles electoral registration for all of Northern Ireland (law.md §5, §6)",
)


@dataclass(frozen=True)
class Office:
    """An electoral registration contact, as an API (or the person) gave it. No personal data."""

    name: str
    address: tuple[str, ...] = ()  # lines, without the postcode
    postcode: str = ""  # the office's postcode, never the person's
    email: str = ""
    phone: str = ""
    website: str = ""
    nation: str = ""  # england | wales | scotland | northern-ireland, when known
    council_id: str = ""
    source: str = ""  # democracy-club | electoral-commission | eoni | user
    contact: str = ""  # registration | electoral_services | built-in | typed
    checked_on: str = ""  # ISO date of the answer

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address": list(self.address),
            "postcode": self.postcode,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "nation": self.nation,
            "council_id": self.council_id,
            "source": self.source,
            "contact": self.contact,
            "checked_on": self.checked_on,
        }


EONI = Office(
    name="The Electoral Office for Northern Ireland",
    address=("2nd Floor, St Anne's House", "15 Church Street", "Belfast"),
    postcode="BT1 1ER",
    email="info@eoni.org.uk",
    phone="",
    website="https://www.eoni.org.uk/",
    nation="northern-ireland",
    council_id="EONI",
    source="eoni",
    contact="built-in",
)


@dataclass(frozen=True)
class AddressChoice:
    """One address of a split postcode. `slug` is the UPRN the API wants back."""

    slug: str
    address: str
    postcode: str = ""


def dated(office: Office, today: date) -> Office:
    """The office as checked on `today`."""
    return replace(office, checked_on=today.isoformat())


# --- reading an API answer ---------------------------------------------------------------------


def _lines(text: Any) -> tuple[str, ...]:
    """API addresses are one string with newlines (the docs show them escaped as a literal backslash-n)."""
    if not isinstance(text, str):
        return ()
    return tuple(line.strip(" ,") for line in re.split(r"\\n|\n|\r", text) if line.strip(" ,"))


def _str(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value.strip() if isinstance(value, str) else ""


def parse_answer(data: Any, provider: str, *, today: date) -> tuple[Office | None, tuple[AddressChoice, ...]]:
    """Pull the registration contact (or the address choices) out of a postcode/address answer."""
    bad = NetworkError(f"{LABELS.get(provider, provider)} sent an answer ydm cannot read (unexpected shape)")
    if not isinstance(data, dict) or "address_picker" not in data:
        raise bad
    es, reg, addresses = data.get("electoral_services"), data.get("registration"), data.get("addresses") or []
    if not all(x is None or isinstance(x, dict) for x in (es, reg)) or not isinstance(addresses, list):
        raise bad
    es, reg = es or {}, reg or {}
    nation = _NATIONS.get(_str(es, "nation").lower(), "")
    if nation == "northern-ireland":
        return dated(EONI, today), ()
    office = None
    if reg.get("address") or reg.get("email"):
        office = _office(reg, es, provider, "registration", nation, today)
    elif es.get("address") or es.get("email"):
        office = _office(es, es, provider, "electoral_services", nation, today)
    choices = []
    if data.get("address_picker") and office is None:
        for item in addresses:
            if isinstance(item, dict) and ADDRESS_SLUG.match(str(item.get("slug", ""))):
                choices.append(AddressChoice(str(item["slug"]), _str(item, "address"), _str(item, "postcode")))
    return office, tuple(choices)


def _office(contact: dict, es: dict, provider: str, kind: str, nation: str, today: date) -> Office:
    lines = _lines(contact.get("address"))
    council = _str(es, "name")
    name = council
    if kind == "registration" and lines != _lines(es.get("address")):
        # A separate registration body (e.g. a Scottish valuation joint board): its own first real line.
        own = [ln for ln in lines if "registration officer" not in ln.lower()]
        name = own[0] if own else (f"Electoral registration for {council}" if council else "")
    return Office(
        name=name or "Electoral Registration Officer",
        address=lines,
        postcode=_str(contact, "postcode"),
        email=_str(contact, "email"),
        phone=_str(contact, "phone"),
        website=_str(contact, "website"),
        nation=nation,
        council_id=_str(es, "council_id"),
        source=provider,
        contact=kind,
        checked_on=today.isoformat(),
    )


# --- offices as organisations -------------------------------------------------------------------


def office_id(office: Office) -> str:
    """A stable organisation id, e.g. `ero-cardiff-council`, `ero-eoni`."""
    if office.source == "eoni":
        return "ero-eoni"
    slug = re.sub(r"[^a-z0-9]+", "-", office.name.lower()).strip("-")[:48].strip("-")
    return f"ero-{slug or 'office'}"


def office_as_organisation(office: Office) -> Organisation:
    """The office as an Organisation of category ERO, so an open-register letter goes to it like any other."""
    postal = tuple(office.address)  # letters.recipient_block adds the officer and the name if missing
    if office.postcode:
        postal += (office.postcode,)
    if office.source in LABELS:
        ref = f"{LABELS[office.source]} API, registration contact ({office.contact})"
        source = Source(ref=ref, date=office.checked_on, supports="postal address, email, phone, website")
    elif office.source == "eoni":
        source = EONI_SOURCE
    else:
        source = Source(ref="typed in by the user", date=office.checked_on, supports="postal address, email")
    notes = "Electoral registration office; the open-register opt-out goes here."
    if office.website:
        notes += f" Website: {office.website}"
    return Organisation(
        id=office_id(office),
        display_name=office.name,
        category=Category.ERO,
        aliases=("electoral registration officer", "electoral registration office", "ero"),
        nations=(office.nation,) if office.nation else (),
        postal_address=postal,
        email=office.email if _EMAIL.match(office.email) else "",
        phone=office.phone,
        notes=notes,
        sources=(source,),
        last_verified=office.checked_on,
        origin="user",
    )


def manual_office(name: str, address: list[str] | tuple[str, ...], *, email: str = "", phone: str = "",
                  website: str = "", today: date | None = None) -> Office:
    """An office the person typed in (no key, or offline). The office's postcode is taken from the lines."""
    # Typed text goes into letters: no invisible or direction-changing characters (as for the person).
    name = " ".join(clean_text(name or "").split())
    lines = tuple(" ".join(clean_text(ln).split()) for ln in address if ln and clean_text(ln).strip())
    email, phone, website = (clean_text(x or "").strip() for x in (email, phone, website))
    if not name:
        raise InputError("the office needs a name, e.g. 'Cardiff Council'")
    if not lines:
        raise InputError("the office needs a postal address")
    postcode = find_in_lines(lines) or ""
    if postcode:  # kept once, as the office's postcode, not inside a line too
        pattern = re.compile(r"\s*".join(postcode.replace(" ", "")), re.IGNORECASE)
        # a postcode taken out of the middle of a line leaves "Flat 2 , 9 High Street": no space before a comma
        lines = tuple(x for x in (tidy_line(pattern.sub("", ln)) for ln in lines) if x)
    if email and "@" not in email:
        raise InputError(f"'{email}' does not look like an email address")
    nation = {Nation.SCOTLAND: "scotland", Nation.NORTHERN_IRELAND: "northern-ireland"}.get(
        nation_of_postcode(postcode) if postcode else None, ""
    )
    return Office(name=name, address=lines, postcode=postcode, email=email.strip(), phone=phone.strip(),
                  website=website.strip(), nation=nation, source="user", contact="typed",
                  checked_on=(today or clock.today()).isoformat())


def remember_office(office: Office) -> Organisation:
    """Save the office as a user organisation (category ero) in my_contacts.toml; returns it.

    Only the office's own details are written: never the person's postcode or address. An earlier
    entry with the same id is replaced; everything else in the file is kept as it was. The new file
    is checked with the contacts loader before it replaces the old one.
    """
    return user_contacts.save(office_as_organisation(office))


def remembered_offices() -> list[Organisation]:
    """Offices saved earlier (user organisations of category ero)."""
    path = paths.user_contacts_file()
    if not path.exists():
        return []
    orgs, _problems = parse_file(path, "user")
    return [org for org in orgs if org.category is Category.ERO]


