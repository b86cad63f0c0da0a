"""Find a person's electoral registration office (ERO) from their postcode.

Used by `ydm lookup`, the TUI wizard and the guided session, all through `find_office`. Two public
APIs give the answer (law.md §6): the Democracy Club developer API and the Electoral Commission API,
both keyed, both with the same JSON shape. We use the `registration` contact when present (in
Scotland and Northern Ireland registration is not the council's job) and fall back to
`electoral_services`. Northern Ireland is always EONI, so a BT postcode is answered without any call.

Privacy: only the postcode (and the API token) leaves the machine; never a name or address. Cached
answers are trimmed to the contact fields, keyed by a hash of the token-free URL, and expire after a
day. A remembered office is saved as a user organisation *without* the person's postcode.

Without a key, or offline, the faces offer the manual path: the person types the office's address
(`manual_office` + `remember_office`), and letters can then go to it like to any organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ydm import clock
from ydm.errors import InputError, NetworkError, NotFoundError
from ydm.model import Category, Nation, Organisation, Source
from ydm.postcodes import nation_of_postcode, normalise

PROVIDERS = ("democracy-club", "electoral-commission")
LABELS = {"democracy-club": "Democracy Club", "electoral-commission": "Electoral Commission"}
_TOKEN_PARAM = {"democracy-club": "auth_token", "electoral-commission": "token"}
KEY_SIGNUP = {
    "democracy-club": "https://developers.democracyclub.org.uk/ (ask Democracy Club for a key: the API is in private beta)",
    "electoral-commission": "https://api.electoralcommission.org.uk/ (log in or register, then create a key)",
}
CACHE_TTL = 24 * 3600  # seconds: postcode -> office is location data, so keep it briefly
_NATIONS = {"england": "england", "wales": "wales", "scotland": "scotland", "northern ireland": "northern-ireland"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# EONI keeps the register for all of Northern Ireland (law.md §5, §6). Postal address and email
# as printed on EONI's own Freedom of Information page (undated archived copy, read 2026-11-26);
# no phone number is built in because none was confirmed from a source.
EONI_SOURCE = Source(
    ref="http://www.eoni.org.uk/Utility/About-EONI/Freedom-of-information",
    date="undated (archived copy, read 2026-11-26)",
    supports="postal address (2nd Floor, St Anne's House, 15 Church Street, Belfast BT1 1ER) and info@eoni.org.uk; "
    "EONI handles electoral registration for all of Northern Ireland (law.md §5, §6)",
)


def key_name(provider: str) -> str:
    """The keyring entry (service `ydm`) that holds a provider's API key."""
    return f"{provider}-api-key"


class MissingKeyError(InputError):
    """No API key for any lookup provider: the face explains how to get one and offers manual entry."""


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


@dataclass(frozen=True)
class LookupResult:
    """Either an office, or the addresses to choose from (a postcode split between councils)."""

    postcode: str
    office: Office | None = None
    choices: tuple[AddressChoice, ...] = ()
    provider: str = ""
    from_cache: bool = False
    stale: bool = False  # an expired cached answer, used because the network failed
    notes: tuple[str, ...] = field(default=())

    @property
    def needs_address(self) -> bool:
        return self.office is None and bool(self.choices)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "found" if self.office else "choose-address",
            "postcode": self.postcode,
            "provider": self.provider,
            "office": self.office.as_dict() if self.office else None,
            "organisation_id": office_id(self.office) if self.office else None,
            "addresses": [
                {"number": i, "slug": c.slug, "address": c.address, "postcode": c.postcode}
                for i, c in enumerate(self.choices, 1)
            ],
            "from_cache": self.from_cache,
            "stale": self.stale,
            "notes": list(self.notes),
        }


# --- keys and providers -------------------------------------------------------------------------


def api_key(provider: str) -> str | None:
    """The stored key, or None (also when no keyring backend exists: then there is no key)."""
    from keyring.errors import KeyringError

    from ydm.secrets import get_secret

    try:
        return get_secret(key_name(provider)) or None
    except (KeyringError, RuntimeError):  # no usable backend: there is no key
        return None


def choose_provider(provider: str | None = None) -> tuple[str, str]:
    """(provider, key): the one asked for, else lookup.toml's `provider`, else the first with a key."""
    if provider is not None and provider not in PROVIDERS:
        raise InputError(f"unknown lookup provider '{provider}' (choose {' or '.join(PROVIDERS)})")
    if provider is None:
        from ydm.http import load_config

        preferred = load_config().get("provider")
        order = [preferred] if preferred in PROVIDERS else []
        order += [p for p in PROVIDERS if p not in order]
    else:
        order = [provider]
    for name in order:
        key = api_key(name)
        if key:
            return name, key
    raise MissingKeyError(
        "no API key is set for finding electoral registration offices",
        hint=key_help(provider),
    )


def key_help(provider: str | None = None) -> str:
    """How to get and store a key, in one paragraph for any face."""
    names = [provider] if provider else list(PROVIDERS)
    from ydm.secrets import env_name

    ways = "; or ".join(f"{LABELS[p]}: {KEY_SIGNUP[p]}, then run 'ydm config set-key {p}' "
                        f"(or set {env_name(key_name(p))})" for p in names)
    return (f"get a key from {ways}. Or type the office's address yourself: ydm lookup POSTCODE --manual")


# --- the lookup ---------------------------------------------------------------------------------


def find_office(
    postcode: str,
    *,
    address: str | None = None,
    provider: str | None = None,
    client=None,
    today: date | None = None,
    use_cache: bool = True,
) -> LookupResult:
    """The registration office for a postcode, or the addresses to pick from when it is split.

    `address` is a slug/UPRN from an earlier answer's choices. `use_cache=False` writes nothing to
    disk and reads nothing from it (the guided session, which persists nothing). Raises InputError (bad postcode or
    slug), MissingKeyError (no key), NotFoundError (the API does not know the postcode/address),
    NetworkError (offline with nothing cached, or an answer that cannot be read).
    """
    postcode = normalise(postcode)
    today = today or clock.today()
    if nation_of_postcode(postcode) is Nation.NORTHERN_IRELAND:
        office = _dated(EONI, today)
        return LookupResult(postcode, office, provider="eoni", notes=("In Northern Ireland EONI keeps the register.",))
    if address is not None and not _SLUG.match(address):
        raise InputError(f"'{address}' is not an address id from the list (use --address N or the slug shown)")
    provider, key = choose_provider(provider)
    from ydm.http import HttpClient, HttpStatusError, base_url

    path = f"address/{address}/" if address else f"postcode/{postcode.replace(' ', '')}/"
    url = f"{base_url(provider)}/{path}"
    token = _TOKEN_PARAM[provider]
    own_client = client is None
    client = client or HttpClient()
    try:
        answer = client.get_json(
            url,
            params={token: key},
            secret_params=(token,),
            cache_ttl=CACHE_TTL if use_cache else None,
            keep=_trim,
            what=f"the {LABELS[provider]} lookup",
        )
    except HttpStatusError as exc:
        raise _explain(exc, provider, postcode, address) from None
    finally:
        if own_client:
            client.close()
    checked = answer.fetched_at.date() if answer.from_cache else today
    office, choices = parse_answer(answer.data, provider, today=checked)
    notes = ()
    if answer.stale:
        notes = (f"Offline: this is the answer saved on {answer.fetched_at.date().isoformat()}.",)
    if office is None and not choices:
        raise NotFoundError(f"{LABELS[provider]} has no electoral registration contact for {postcode}")
    return LookupResult(postcode, office, choices, provider, answer.from_cache, answer.stale, notes)


def _dated(office: Office, today: date) -> Office:
    from dataclasses import replace

    return replace(office, checked_on=today.isoformat())


def _explain(exc, provider: str, postcode: str, address: str | None):
    label = LABELS[provider]
    if exc.status in (401, 403):
        return InputError(
            f"{label} refused the API key (HTTP {exc.status}); store a new one with 'ydm config set-key {provider}'"
        )
    if exc.status in (400, 404):
        what = "that address" if address else f"the postcode {postcode}"
        detail = f" ({exc.detail})" if exc.detail else ""
        return NotFoundError(f"{label} does not know {what}{detail}")
    return exc


def _trim(data: Any) -> Any:
    """Keep only what we use before caching: no candidates, no polling stations, no coordinates."""
    if not isinstance(data, dict) or "address_picker" not in data:
        return data  # left whole, so parse_answer reports the wrong shape
    return {k: data.get(k) for k in ("address_picker", "addresses", "electoral_services", "registration")}


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
        return _dated(EONI, today), ()
    office = None
    if reg.get("address") or reg.get("email"):
        office = _office(reg, es, provider, "registration", nation, today)
    elif es.get("address") or es.get("email"):
        office = _office(es, es, provider, "electoral_services", nation, today)
    choices = []
    if data.get("address_picker") and office is None:
        for item in addresses:
            if isinstance(item, dict) and _SLUG.match(str(item.get("slug", ""))):
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


def choice_slug(result: LookupResult, number: int) -> str:
    """The slug of the Nth (1-based) address choice; InputError when out of range."""
    if not 1 <= number <= len(result.choices):
        raise InputError(f"--address must be between 1 and {len(result.choices)}")
    return result.choices[number - 1].slug


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
    from ydm.postcodes import find_in_lines
    from ydm.profile import clean_text

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
        lines = tuple(x for x in (pattern.sub("", ln).strip(" ,") for ln in lines) if x)
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
    from ydm import user_contacts

    return user_contacts.save(office_as_organisation(office))


def remembered_offices() -> list[Organisation]:
    """Offices saved earlier (user organisations of category ero)."""
    from ydm.contacts import parse_file
    from ydm.paths import user_contacts_file

    path = user_contacts_file()
    if not path.exists():
        return []
    orgs, _problems = parse_file(path, "user")
    return [org for org in orgs if org.category is Category.ERO]


