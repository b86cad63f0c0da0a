"""Write the user's own organisations (my_contacts.toml in the data dir), one safe way for every face.

`ydm lookup --remember` saves electoral registration offices here and the TUI's "Add your own"
saves organisations the person found. Same schema as party_contacts.toml. An entry with the same
id is replaced; everything else in the file, comments included, is kept as it was. The new file is
checked with the contacts loader before it atomically replaces the old one, so a bad write can
never break `ydm letter`. Organisation facts only: never the person's own details.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ydm import paths
from ydm.errors import DataError, InputError
from ydm.fileio import atomic_write
from ydm.model import Category, Organisation
from ydm.orgs.contacts import parse_file

_HEADER = "# Organisations you added to ydm (same schema as party_contacts.toml).\n"


def _value(value) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    clean = "".join(ch for ch in str(value) if ch.isprintable() or ch == " ")
    return json.dumps(clean, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def to_toml(org: Organisation) -> str:
    """One [[organisation]] block, with its sources."""
    fields = {
        "id": org.id, "display_name": org.display_name, "category": org.category.value,
        "aliases": list(org.aliases), "nations": list(org.nations), "postal_address": list(org.postal_address),
        "email": org.email, "webform": org.webform, "privacy_notice": org.privacy_notice, "phone": org.phone,
        "notes": org.notes, "last_verified": org.last_verified,
    }
    lines = ["[[organisation]]"] + [f"{k} = {_value(v)}" for k, v in fields.items()]
    for src in org.sources:
        lines += ["[[organisation.sources]]", f"ref = {_value(src.ref)}", f"date = {_value(src.date)}",
                  f"supports = {_value(src.supports)}"]
    return "\n".join(lines) + "\n"


def _block_id(block: str) -> str | None:
    found = re.search(r'(?m)^id\s*=\s*"([^"]*)"', block)
    return found.group(1) if found else None


def existing_ids(path: Path | None = None) -> set[str]:
    path = path or paths.user_contacts_file()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return set(re.findall(r'(?m)^id\s*=\s*"([^"]*)"', text))


def new_id(name: str, prefix: str = "my-", path: Path | None = None) -> str:
    """A readable id not yet used in the user's file: 'Save Our Park' → 'my-save-our-park'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = prefix + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "organisation")
    taken, candidate, n = existing_ids(path), base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def save(org: Organisation, path: Path | None = None) -> Organisation:
    """Add or replace `org` in the user's file; the loader must accept the result first."""
    path = path or paths.user_contacts_file()
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    blocks = re.split(r"(?m)^(?=\[\[organisation\]\]\s*$)", old)
    kept = [b for b in blocks if not (b.startswith("[[organisation]]") and _block_id(b) == org.id)]
    text = ("".join(kept).rstrip("\n") or _HEADER.rstrip("\n")) + "\n\n" + to_toml(org)
    from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

    private_dir(path.parent)
    check = path.with_name(f".{path.name}.check")
    try:
        atomic_write(check, text.encode("utf-8"))
        try:
            orgs, problems = parse_file(check, "user")
        except DataError as exc:
            orgs, problems = [], [exc.message]
        if problems or org.id not in {o.id for o in orgs}:
            detail = "; ".join(p.split(": ", 1)[-1] for p in problems[:2]) or "its layout"
            raise DataError(f"{path} cannot be updated safely ({detail}); add the organisation there by hand")
        check.replace(path)
    finally:
        check.unlink(missing_ok=True)
    return next(o for o in orgs if o.id == org.id)


def add(display_name: str, category: str = "other", *, email: str = "", postal_address=(), webform: str = "",
        path: Path | None = None) -> Organisation:
    """Validate what a person typed about an organisation, give it a fresh id and save it."""
    name = " ".join((display_name or "").split())
    if not name:
        raise InputError("the organisation needs a name")
    if not (email or postal_address or webform):
        raise InputError("give at least one way to reach them: an email, a postal address or a web form")
    try:
        kind = Category(category)
    except ValueError:
        raise InputError(f"unknown kind of organisation '{category}'") from None
    org = Organisation(
        id=new_id(name, path=path), display_name=name, category=kind, email=(email or "").strip(),
        postal_address=tuple(line.strip() for line in postal_address if line.strip()),
        webform=(webform or "").strip(), origin="user",
    )
    try:
        return save(org, path)
    except DataError as exc:
        raise InputError(exc.message.split("(", 1)[-1].rstrip(")").split("; add")[0]) from None
