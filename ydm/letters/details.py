"""Which of the person's details a letter gives, and what each is for (issue 16 finding 10).

A person writing to limit what an organisation holds should give it no more than it needs to find
them. Each detail is named here with its purpose (the letters say it beside the detail); the person
may leave any out (`--leave-out`, profile key `leave_out`); and by default the date of birth is left
out of letters to political parties, campaigners and registration offices: they find people by the
electoral register (name, address, electoral number), which holds no date of birth (RPA 1983 s.9 and
RPR 2001: the register's entries are name, address and elector number; UNCONFIRMED as to every
nation's format, see docs/law-letters.md), so the date would be new data given to them.

Leaving out what they need has a cost the person is told of: a controller that "has reasonable doubts
concerning the identity" may ask for more (Art 12(6) UK GDPR), and from 5 Feb 2026 the month then runs
from when it receives what it asked for (Art 12A(2)(b), law.md R3), so the answer comes later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ydm.errors import InputError
from ydm.model import Category, Organisation, Person

# name -> (Person field, what the organisation uses it for: shown in the letter)
DETAILS = {
    "dob": ("date_of_birth", "to tell me apart from others with my name"),
    "email": ("email", "to reply to me"),
    "phone": ("phone", "only if you need to contact me about this request"),
    "previous-addresses": ("previous_addresses", "where you may hold data under an old address"),
    "other-names": ("other_names", "names your records may hold for me"),
    "electoral-number": ("electoral_number", "my entry in the electoral register"),
    "account-refs": ("account_refs", "a reference you may use for me"),
}
NOTHING = "none"  # `--leave-out none`: give every detail, even where the default leaves one out
_DEFAULT = {Category.PARTY: ("dob",), Category.CAMPAIGNER: ("dob",), Category.ERO: ("dob",)}

ID_RESTARTS_CLOCK = (
    "if they ask for proof of identity, or for a detail you left out, to find you, their month starts again "
    "when they receive it (Art 12A(2)(b) UK GDPR), so give what they need to find you"
)


def check_names(names: Iterable[str]) -> tuple[str, ...]:
    """The names given to --leave-out, checked (comma lists allowed)."""
    out: list[str] = []
    for raw in names:
        for part in str(raw).replace(",", " ").split():
            name = part.strip().lower().replace("_", "-")
            name = {"date-of-birth": "dob", "birth": "dob", "previous-address": "previous-addresses",
                    "other-name": "other-names", "account-ref": "account-refs"}.get(name, name)
            if name not in DETAILS and name != NOTHING:
                raise InputError(f"unknown detail '{part}' to leave out",
                                 hint="one of " + ", ".join((*DETAILS, NOTHING)))
            if name not in out:
                out.append(name)
    return tuple(out)


def left_out(org: Organisation, leave_out: Iterable[str] | None) -> tuple[str, ...]:
    """What a letter to `org` leaves out: the person's choice, else the category's default."""
    if leave_out is None:
        return _DEFAULT.get(org.category, ())
    names = check_names(leave_out)
    return () if NOTHING in names else names


def for_letter(person: Person, org: Organisation, leave_out: Iterable[str] | None) -> Person:
    """The person as the letter to `org` shows them, without the details left out."""
    names = left_out(org, leave_out)
    if not names:
        return person
    if "email" in names and not person.address:
        raise InputError("your email cannot be left out: with no postal address it is the only way to reply to you")
    blank = {DETAILS[name][0]: () if isinstance(getattr(person, DETAILS[name][0]), tuple) else ""
             for name in names}
    return dataclasses.replace(person, **blank)
