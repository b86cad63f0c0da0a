"""The public registers as organisations ydm can write to: the ICO register of fee payers and the
Electoral Commission's registers (parties, non-party campaigners, regulated donees, local accounting
units). Layouts and sources: docs/registers.md. Reading: `readers`; the local FTS5 index: `index`.

An entry becomes an `Organisation` with the id `ico:ZB123456` or `ec:PP52` (a local accounting unit:
`ec:PP52/bristol-west`), addressed from the register, sourced and dated by the register file.
"""

from __future__ import annotations

import re
from datetime import date

from ydm.errors import InputError
from ydm.model import Category, Organisation, Source
from ydm.orgs.registers import index
from ydm.orgs.registers.readers import Entry

__all__ = ["STALE_AFTER_DAYS", "Entry", "as_organisation", "cautions", "index", "lookup", "parse_target"]

STALE_AFTER_DAYS = 60  # issue 14: a register older than this is said plainly before a letter is written
_TARGET = re.compile(r"^(ico|ec):([A-Za-z0-9][A-Za-z0-9/-]*)$")
# Why a local party is written to on its own: a controller is whoever decides why and how personal
# data is used (UK GDPR Art 4(7)); parties' privacy notices name their local associations,
# constituency parties and branches as controllers of the data they hold (canvassing records).
SEPARATE_CONTROLLER = ("A local association, constituency party or branch decides for itself how it uses "
                       "canvassing and membership data, so it is a separate controller (UK GDPR Art 4(7)): "
                       "a request to the national party alone may not reach what it holds.")


def parse_target(text: str) -> tuple[str, str] | None:
    """('ico', 'ZB123456') for 'ico:ZB123456', ('ec', 'PP52') for 'ec:pp52'; None if not a register id."""
    found = _TARGET.match((text or "").strip())
    if not found:
        return None
    source, reg = found.group(1), found.group(2)
    head, _, unit = reg.partition("/")
    return source, head.upper() + (f"/{unit.lower()}" if unit else "")


def _category(entry: Entry) -> Category:
    if entry.source == "ico":
        return Category.OTHER
    kind = entry.kind.casefold()
    if entry.reg.startswith("PP") or kind in ("political party", "minor party", "accounting unit"):
        return Category.PARTY
    return Category.CAMPAIGNER  # third parties (non-party campaigners), regulated donees, participants


def as_organisation(entry: Entry, meta: index.Meta | None = None) -> Organisation:
    """The register entry as a letter's recipient, with the register as its source."""
    title = index.SOURCES[entry.source]
    dated = meta.file_date if meta else ""
    address = tuple(line for line in (entry.name, *entry.address.split("\n"), entry.postcode) if line)
    notes = []
    if entry.parent:
        notes.append(f"Local accounting unit of {entry.trading} ({entry.parent}). {SEPARATE_CONTROLLER}")
    elif entry.trading and entry.source == "ico":
        notes.append(f"Trading names: {entry.trading}")
    return Organisation(
        id=f"{entry.source}:{entry.reg}",
        display_name=entry.name,
        category=_category(entry),
        legal_name=entry.name,
        aliases=tuple(t.strip() for t in entry.trading.split("|") if t.strip() and ":" not in t),
        postal_address=address if len(address) > 1 else (),
        email=entry.email if "@" in entry.email else "",
        phone=entry.phone,
        ico_registration=entry.reg if entry.source == "ico" else "",
        electoral_commission_id=(entry.parent or entry.reg) if entry.source == "ec" else "",
        notes=" ".join(notes),
        sources=(Source(entry.url or title, dated, f"{title}: name and address"
                        + (", DPO email" if entry.email else "")),),
        last_verified=dated,
        origin=entry.source,
    )


def lookup(source: str, reg: str) -> Organisation:
    """The organisation for `ico:ZB123456` / `ec:PP52` from the imported register."""
    entry = index.get(source, reg)
    return as_organisation(entry, index.meta(source))


def cautions(org: Organisation, today: date) -> list[str]:
    """What to say plainly before a letter goes to a register entry: a lapsed registration, an old register."""
    target = parse_target(org.id) if org.origin in index.SOURCES else None
    if target is None:
        return []
    source, reg = target
    said = []
    try:
        entry = index.get(source, reg)
    except Exception:  # noqa: BLE001 - the letter itself reports a missing entry
        return []
    if entry.end and entry.end < today.isoformat():
        said.append(f"{org.display_name}'s registration ({reg}) lapsed on {entry.end}: it may have closed or "
                    "moved; check the address before you send")
    if entry.status and entry.status.casefold() not in ("registered", "approved", ""):
        said.append(f"{org.display_name} ({reg}) is '{entry.status}' in the {index.SOURCES[source]}")
    meta = index.meta(source)
    if meta and meta.file_date:
        try:
            age = (today - date.fromisoformat(meta.file_date)).days
        except ValueError:
            age = 0
        if age > STALE_AFTER_DAYS:
            said.append(f"the {meta.title} file is from {meta.file_date} ({age} days old): update it with "
                        f"'ydm orgs update --{source}-register PATH_OR_URL' before relying on this address")
    return said


def check_target(text: str) -> tuple[str, str]:
    found = parse_target(text)
    if found is None:
        raise InputError(f"'{text}' is not a register id (ico:ZB123456 or ec:PP52)")
    return found
