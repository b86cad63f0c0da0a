"""Adapter: save an organisation the user adds in the TUI to my_contacts.toml.

(ydm.contacts reads the user's file but has no writer yet; ydm.lookup writes registration offices
the same way. This keeps to the same schema and checks the result with the contacts loader.)
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ydm import paths
from ydm.errors import DataError, InputError
from ydm.model import Category, Organisation


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "my-" + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "organisation")


def _toml(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    clean = "".join(ch for ch in str(value) if ch.isprintable())
    return json.dumps(clean, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def add(
    display_name: str,
    category: str = "other",
    email: str = "",
    postal_address=(),
    webform: str = "",
    **_ignored,
) -> Organisation:
    """Validate, append to the user's contacts file atomically, and return the organisation."""
    from ydm.contacts import parse_file

    name = " ".join((display_name or "").split())
    if not name:
        raise InputError("the organisation needs a name")
    if not (email or postal_address or webform):
        raise InputError("give at least one way to reach them: an email, a postal address or a web form")
    try:
        Category(category)
    except ValueError:
        raise InputError(f"unknown kind of organisation '{category}'") from None
    if webform and not webform.startswith(("http://", "https://")):
        raise InputError(f"'{webform}' is not a web address (it should start with https://)")
    path = paths.user_contacts_file()
    old = path.read_text(encoding="utf-8") if path.exists() else "# Organisations you added to ydm.\n"
    org_id = _slug(name)
    taken = set(re.findall(r'(?m)^id\s*=\s*"([^"]*)"', old))
    base, n = org_id, 2
    while org_id in taken:
        org_id, n = f"{base}-{n}", n + 1
    fields = {
        "id": org_id,
        "display_name": name,
        "category": category,
        "email": email.strip(),
        "postal_address": list(postal_address),
        "webform": webform.strip(),
    }
    chunk = "[[organisation]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in fields.items())
    text = old.rstrip("\n") + "\n\n" + chunk
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".my_contacts.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        orgs, problems = parse_file(Path(tmp), "user")
        if problems:
            raise InputError(problems[0].split(": ", 1)[-1])
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    found = [o for o in orgs if o.id == org_id]
    if not found:
        raise DataError("the organisation could not be saved")
    return found[0]
