"""Use cases every face calls (CLI, TUI, guided session), so no face re-implements a workflow.

Letters: choose the organisations, draft the letters, name the files. How a letter goes out and
what may be recorded about it: `ydm.service.sending`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ydm.errors import InputError
from ydm.letters.render import Letter, render
from ydm.model import Category, Organisation, Person, RequestKind
from ydm.orgs import contacts

# Batch names accepted by `--to`, besides organisation ids and names.
BATCH_TARGETS = {
    "all-parties": Category.PARTY,
    "all-campaigners": Category.CAMPAIGNER,
    "all-brokers": Category.BROKER,
    "all-platforms": Category.PLATFORM,
}
ELECTED_PARTIES = "elected-parties"  # parties with elected representatives in --in NATION
EXTENSIONS = {"text": "txt", "md": "md", "pdf": "pdf", "eml": "eml"}


def to_category(value: str) -> Category:
    """A category name from the command line or a form, or a clear error listing the valid ones."""
    try:
        return Category(value)
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        raise InputError(f"unknown category '{value}' (one of {allowed})") from None


def check_nation(nation: str) -> str:
    """A nation name from the command line or a form (england, scotland, wales, northern-ireland),
    or an InputError (exit 2, bad input) listing them: the same answer wherever a nation is asked."""
    if nation not in contacts.NATIONS:
        raise InputError(f"unknown nation '{nation}' (one of {', '.join(contacts.NATIONS)})")
    return nation


def resolve_targets(
    directory: contacts.Directory,
    to: Iterable[str] = (),
    categories: Iterable[str] = (),
    nation: str | None = None,
) -> list[Organisation]:
    """The organisations named by ids/names, batch names and categories, in order, without repeats."""
    if nation:
        check_nation(nation)
    chosen: dict[str, Organisation] = {}
    for target in to:
        key = target.strip().lower()
        if key in BATCH_TARGETS:
            found = directory.in_category(BATCH_TARGETS[key])
            if nation:  # only those that operate in that nation
                found = [org for org in found if nation in org.nations]
        elif key == ELECTED_PARTIES:
            if not nation:
                raise InputError("'elected-parties' needs --in england|scotland|wales|northern-ireland")
            found = directory.parties_elected_in(nation)
        else:
            found = [directory.get(target)]
        for org in found:
            chosen.setdefault(org.id, org)
    for category in categories:
        for org in directory.in_category(to_category(category)):
            chosen.setdefault(org.id, org)
    if not chosen:
        raise InputError("no organisation chosen: use --to ORG (see 'ydm orgs') or --category CATEGORY")
    return list(chosen.values())


def draft_letters(
    kind: RequestKind | str,
    person: Person,
    orgs: Iterable[Organisation],
    *,
    today: date,
    extra_text: str = "",
    grounds: str = "",
    address_to: tuple[str, ...] | None = None,
    email_to: str | None = None,
    reference: str | None = None,
    report: dict | None = None,
    leave_out=None,
) -> list[Letter]:
    """One letter per organisation, each with its own reference. `report`: an imprint report's facts
    (render.REPORT_FIELDS)."""
    orgs = list(orgs)
    if (address_to or email_to or reference) and len(orgs) > 1:
        raise InputError("--address-to, --email-to and --reference apply to one organisation at a time")
    return [
        render(kind, person, org, today=today, extra_text=extra_text, grounds=grounds, address_to=address_to,
               email_to=email_to, reference=reference, context={"report": report} if report else None,
               leave_out=leave_out)
        for org in orgs
    ]


def file_name(letter: Letter, fmt: str) -> str:
    """A safe, readable file name: `access-libdems-YDM-7K3P9.pdf`."""
    slug = re.sub(r"[^a-z0-9-]+", "-", letter.org.id.lower()).strip("-") or "organisation"
    return f"{letter.kind.value}-{slug}-{letter.reference}.{EXTENSIONS[fmt]}"


def render_format(letters: list[Letter], fmt: str, *, combined: bool, envelope: str | None = None,
                  duplex: bool = False) -> list[tuple[Letter | None, bytes]]:
    """Bytes per letter in a format, or one combined document (text/md joined, one PDF). For PDFs:
    `envelope` (dl, c5: formats/envelopes.py) and `duplex` (each letter starts on a new sheet)."""
    import importlib

    module = importlib.import_module("ydm.letters.formats." + {"md": "markdown"}.get(fmt, fmt))
    if fmt == "pdf":
        if combined and len(letters) > 1:
            return [(None, module.render_many(letters, envelope=envelope, duplex=duplex))]
        return [(letter, module.render(letter, envelope=envelope)) for letter in letters]
    if combined and len(letters) > 1:
        if fmt == "eml":
            raise InputError("an .eml file holds one letter: give -o a folder for several")
        separator = b"\n" + b"=" * 72 + b"\n\n"
        return [(None, separator.join(module.render(letter) for letter in letters))]
    return [(letter, module.render(letter)) for letter in letters]
