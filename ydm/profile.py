"""The person's details: from a profile TOML file (`--me`) or from separate fields, validated.

Profile format (see examples/me.toml): name, other_names, address (list of lines, or one string
with commas), postcode, email, phone, date_of_birth, previous_addresses, electoral_number,
account_refs, reply_format ("electronic" or "paper").
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from datetime import date
from pathlib import Path

from ydm import clock, postcodes
from ydm.errors import DataError, InputError, NotFoundError
from ydm.model import Person

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_LIST_FIELDS = {"address", "other_names", "previous_addresses", "account_refs"}
_FIELDS = {
    "name", "other_names", "address", "postcode", "email", "phone", "date_of_birth",
    "previous_addresses", "electoral_number", "account_refs", "reply_format",
}


# Longest text accepted per field (characters), so a pasted page cannot become a letter. Generous:
# the longest real names and address lines are far shorter.
MAX_LENGTH = {
    "name": 200, "other_names": 200, "address": 200, "previous_addresses": 300, "postcode": 10,
    "email": 254, "phone": 40, "date_of_birth": 40, "electoral_number": 40, "account_refs": 100,
    "reply_format": 20,
}
MAX_ITEMS = {"address": 10, "other_names": 10, "previous_addresses": 10, "account_refs": 20}
_WORDS = {
    "name": "your name", "other_names": "another name", "address": "an address line",
    "previous_addresses": "a previous address", "postcode": "the postcode", "email": "the email address",
    "phone": "the phone number", "date_of_birth": "the date of birth", "electoral_number": "the electoral number",
    "account_refs": "an account reference", "reply_format": "reply_format",
}
_KEEP_FORMAT = {"\u200c", "\u200d"}  # zero-width (non-)joiner: part of how some scripts and emoji are written


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """The text without invisible characters that could change how a letter reads.

    Bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F) can make an address or name
    display differently from what it says; other format and control characters (zero-width spaces,
    byte-order marks, escape codes) are invisible in a letter. All are dropped, tabs and line
    breaks become spaces (newlines kept if asked), and the text is put in NFC so "â" is one letter.
    """
    out = []
    for ch in unicodedata.normalize("NFC", str(text)):
        if ch == "\n" and keep_newlines:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp"):
            out.append(" " if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029" else "")
        elif cat in ("Cf", "Cs") and ch not in _KEEP_FORMAT:
            continue
        else:
            out.append(ch)
    return "".join(out)


def check_length(field: str, value: str) -> str:
    """`value`, or InputError when it is longer than MAX_LENGTH[field]."""
    limit = MAX_LENGTH.get(field)
    if limit is not None and len(value) > limit:
        raise InputError(f"{_WORDS.get(field, field)} is too long ({len(value)} characters; at most {limit})")
    return value


def _scrubbed(key: str, value):
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value, keep_newlines=key in _LIST_FIELDS)
    return [clean_text(v) for v in value]


def _lines(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",") if "\n" not in value else value.splitlines()
    return tuple(str(v).strip() for v in value or () if str(v).strip())


def tidy_line(line: str) -> str:
    """One address line as it should print: single spaces, none before a comma ("Flat 2 , 9 High
    Street" -> "Flat 2, 9 High Street"), no comma at either end."""
    return re.sub(r"\s+,", ",", " ".join(line.split())).strip(" ,")


def _list(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value or () if str(v).strip())


def validate_email(value: str) -> str:
    value = (value or "").strip()
    if value and not _EMAIL.match(value):
        raise InputError(f"'{value}' is not an email address (expected something like name@example.org)")
    return value


def validate_dob(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        born = clock.parse_date(value)  # the same forms as every date field: 1980-04-23, 23/04/1980, …
    except InputError as exc:
        raise InputError(f"date of birth {exc.message}") from None
    if born > clock.today():
        raise InputError(f"date of birth '{value}' is in the future")
    return f"{born.day} {born:%B %Y}"


def clean_person(person: Person) -> Person:
    """`clean_text` on every text of a Person that did not come through a form (an imported export,
    which is typed text too). Only cleaned, not re-validated, so what an older ydm accepted imports."""
    changes: dict = {}
    for f in dataclasses.fields(person):
        value = getattr(person, f.name)
        if isinstance(value, str):
            changes[f.name] = clean_text(value)
        elif isinstance(value, tuple):
            changes[f.name] = tuple(clean_text(v) for v in value)
    return dataclasses.replace(person, **changes)


def check_stored_person(person: Person) -> Person:
    """A Person that did not come through a form (an imported export), held to the rules typed input
    meets: every field text (lists of text where a list is meant), as long and as many as `make_person`
    allows, the email an email address, the reply format one of the two; then `clean_person`.
    Not re-parsed (a date of birth keeps its stored wording), so what an older ydm wrote imports."""
    for key in _FIELDS:
        value = getattr(person, key)
        if key in _LIST_FIELDS:
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise InputError(f"'{key}' must be a list of text lines, not {_shown(value)}")
            if len(value) > MAX_ITEMS[key]:
                raise InputError(f"too many lines in '{key}' ({len(value)}; at most {MAX_ITEMS[key]})")
        elif not isinstance(value, str):
            raise InputError(f"'{key}' must be text, not {_shown(value)}")
    person = clean_person(person)
    for key in _FIELDS:
        value = getattr(person, key)
        for item in value if isinstance(value, tuple) else (value,):
            check_length(key, item)
    if not person.name.strip():
        raise InputError("'name' is empty")
    validate_email(person.email)
    if person.reply_format not in ("electronic", "paper"):
        raise InputError(f"reply_format '{person.reply_format}' must be 'electronic' or 'paper'")
    return person


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"a {type(value).__name__}"


def make_person(**fields) -> Person:
    """A validated Person: postcode normalised, email and date of birth checked, address split."""
    unknown = set(fields) - _FIELDS
    if unknown:
        raise InputError(f"unknown profile field(s): {', '.join(sorted(unknown))} (known: {', '.join(sorted(_FIELDS))})")
    for key, value in fields.items():
        if value is None or isinstance(value, str):
            continue
        if key in _LIST_FIELDS and isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            continue
        shape = "text or a list of lines" if key in _LIST_FIELDS else "text (in quotes)"
        raise InputError(f"'{key}' must be {shape}, not {value!r}")
    # One place for every face (CLI, TUI, guided session): invisible characters out, lengths capped.
    fields = {key: _scrubbed(key, value) for key, value in fields.items()}
    address = list(_lines(fields.get("address")))
    postcode = (fields.get("postcode") or "").strip()
    if not postcode and address and postcodes.is_valid(address[-1]):
        postcode = address.pop()  # a postcode typed as the last address line
    if postcode:
        postcode = postcodes.normalise(postcode)
    address = [line for line in address if not (postcodes.is_valid(line) and postcodes.normalise(line) == postcode)]
    reply_format = (fields.get("reply_format") or "electronic").strip()
    if reply_format not in ("electronic", "paper"):
        raise InputError(f"reply_format '{reply_format}' must be 'electronic' or 'paper'")
    person = Person(
        name=" ".join((fields.get("name") or "").split()),
        address=tuple(tidy_line(line) for line in address),
        postcode=postcode,
        email=validate_email(fields.get("email", "")),
        phone=(fields.get("phone") or "").strip(),
        date_of_birth=validate_dob(str(fields.get("date_of_birth") or "")),
        other_names=_list(fields.get("other_names")),
        previous_addresses=_list(fields.get("previous_addresses")),
        electoral_number=(fields.get("electoral_number") or "").strip(),
        account_refs=_list(fields.get("account_refs")),
        reply_format=reply_format,
    )
    for key in _FIELDS:
        value = getattr(person, key)
        if isinstance(value, tuple):
            if len(value) > MAX_ITEMS[key]:
                raise InputError(f"too many lines in '{key}' ({len(value)}; at most {MAX_ITEMS[key]})")
            for item in value:
                check_length(key, item)
        else:
            check_length(key, value)
    return person


def load_profile(path: Path, **overrides) -> Person:
    """Read a profile TOML; non-empty `overrides` (from CLI flags) win over the file."""
    from ydm.fileio import read_text_limited  # with a size limit: a profile is a few hundred bytes

    path = Path(path)
    try:
        data = tomllib.loads(read_text_limited(path, what="profile"))
    except NotFoundError:
        raise DataError(f"profile {path} does not exist (see examples/me.toml for the format)") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"profile {path} is not valid TOML: {exc}") from None
    except (RecursionError, ValueError):  # nested thousands deep; an integer of thousands of digits
        raise DataError(f"profile {path} is not a ydm profile (see examples/me.toml for the format)") from None
    if "date_of_birth" in data and isinstance(data["date_of_birth"], date):
        data["date_of_birth"] = data["date_of_birth"].isoformat()
    data.update({k: v for k, v in overrides.items() if v})
    data.pop("leave_out", None)  # not a detail but which details to give (ydm.letters.details)
    try:
        return make_person(**data)
    except InputError as exc:
        raise InputError(f"profile {path}: {exc.message}") from None
