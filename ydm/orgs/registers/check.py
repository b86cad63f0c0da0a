"""Check the shipped facts against the imported registers: a register is a source, and where it
disagrees the difference is shown, never written over (issue 14 item 4). Used by
`scripts/build_contacts.py --check-register`.
"""

from __future__ import annotations

from datetime import date

from ydm.orgs.contacts import Directory, fold
from ydm.orgs.registers import index
from ydm.postcodes import find_in_lines, normalise

_STRIP = {"the", "ltd", "limited", "plc", "llp", "party"}


def _same_name(a: str, b: str) -> bool:
    def words(text: str) -> set[str]:
        return {w for w in fold(text).split() if w not in _STRIP}
    return bool(words(a)) and (words(a) <= words(b) or words(b) <= words(a))


def _postcode(lines: tuple[str, ...]) -> str:
    found = find_in_lines(lines)
    return found or ""


def _norm(postcode: str) -> str:
    try:
        return normalise(postcode)
    except Exception:  # noqa: BLE001 - a malformed register postcode is compared as typed
        return " ".join(postcode.upper().split())


def differences(directory: Directory, today: date) -> list[str]:
    """One line per disagreement between a shipped organisation and the imported registers."""
    lines: list[str] = []
    imported = {s for s in index.SOURCES if index.meta(s) is not None}
    for org in directory:
        if org.origin != "shipped":
            continue
        for source, reg in (("ico", org.ico_registration), ("ec", org.electoral_commission_id)):
            if source not in imported:
                continue
            if not reg:
                if source == "ec" and org.category.value not in ("party", "campaigner"):
                    continue
                same = [e for e in index.search(fold(org.display_name).split(), sources=(source,), limit=10)
                        if not e.parent and (fold(e.name) == fold(org.display_name)
                                             or fold(e.name) == fold(org.legal_name or org.display_name))]
                if same:
                    lines.append(f"{org.id}: no {source} number shipped; the register has {same[0].reg} "
                                 f"'{same[0].name}'")
                continue
            try:
                entry = index.get(source, reg.split("/")[0])
            except Exception:  # noqa: BLE001 - NotFoundError: reported as a difference
                lines.append(f"{org.id}: {source} number {reg} is not in the imported register")
                continue
            if not _same_name(entry.name, org.legal_name or org.display_name) and not _same_name(
                    entry.name, org.display_name):
                lines.append(f"{org.id}: name '{org.legal_name or org.display_name}' vs register '{entry.name}'")
            shipped_pc = _postcode(org.postal_address)
            if entry.postcode and shipped_pc and _norm(entry.postcode) != _norm(shipped_pc):
                lines.append(f"{org.id}: postcode {shipped_pc} vs register {entry.postcode} ({entry.reg})")
            if entry.end and entry.end < today.isoformat():
                lines.append(f"{org.id}: registration {entry.reg} lapsed on {entry.end} in the register")
            if entry.status and entry.status.casefold() != "registered":
                lines.append(f"{org.id}: {entry.reg} is '{entry.status}' in the register")
    return lines
