"""The app's unfinished new request (the wizard's draft), kept for next time.

It holds personal data (the person's details, whom they write to), so it is sealed with the store's
own key like the profile, never written plain: one row of the meta table, `wizard_draft`, holding
the sealed JSON in base64 (the meta table is text). `ydm store rekey` re-seals it with the new key
(`reseal`); `ydm store destroy` removes it with the file. A draft that cannot be opened any more is
forgotten, never an error: it was only a convenience.
"""

from __future__ import annotations

import base64
import json

from ydm.errors import StoreError

NAME = "wizard_draft"
AAD = b"wizard-draft"
BUCKET = 1024


def save_draft(store, data: dict) -> None:
    """Keep `data` (plain JSON values) as the one unfinished request, sealed."""
    if not hasattr(store, "_seal_json"):  # the guided session's memory store: kept in memory only
        store._wizard_draft = json.loads(json.dumps(data))
        return
    sealed = base64.b64encode(store._seal_json(data, AAD, BUCKET)).decode("ascii")
    with store._tx() as c:
        c.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (NAME, sealed))


def load_draft(store) -> dict | None:
    """The unfinished request kept earlier, or None (none kept, or it no longer opens)."""
    if not hasattr(store, "_open_json"):
        return getattr(store, "_wizard_draft", None)
    with store._read() as c:
        row = c.execute("SELECT value FROM meta WHERE name = ?", (NAME,)).fetchone()
    if row is None:
        return None
    try:
        data = store._open_json(base64.b64decode(row[0]), AAD)
    except (StoreError, ValueError):
        forget_draft(store)
        return None
    return data if isinstance(data, dict) else None


def forget_draft(store) -> None:
    if not hasattr(store, "_tx"):
        store._wizard_draft = None
        return
    with store._tx() as c:
        c.execute("DELETE FROM meta WHERE name = ?", (NAME,))


def reseal(c, old, new) -> None:
    """Inside `ydm store rekey`'s transaction: the draft sealed again with the new key."""
    row = c.execute("SELECT value FROM meta WHERE name = ?", (NAME,)).fetchone()
    if row is not None:
        plain = old.open(base64.b64decode(row[0]), AAD)
        sealed = base64.b64encode(new.seal(plain, AAD, bucket=BUCKET)).decode("ascii")
        c.execute("UPDATE meta SET value = ? WHERE name = ?", (sealed, NAME))
