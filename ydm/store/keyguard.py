"""The store's key over its lifetime: a write never seals under a key that another ydm discarded.

Why: `ydm store rekey` in one process and `ydm letter --record` (or the app) in another each hold the
data key they opened the store with. Without this check, a write queued behind the rekey's transaction
sealed its records under the old key after the rekey had committed, and those requests were unreadable
for ever. Every write transaction (BEGIN IMMEDIATE: the rekey's included, so they serialise) first
compares the wrapped key on disk with the one this process opened; when it changed, a keyring store
takes up the new key (no one is asked anything), and a passphrase store refuses the write plainly,
before anything is sealed, because the new passphrase is not known here.
"""

from __future__ import annotations

import contextlib
import sqlite3

from ydm.errors import StoreError
from ydm.store import crypto, keyring_keys, wipe


def open_key(store) -> None:
    """Opening: the data key from the key record. Then what an open owes the key and the file: a
    passphrase store made before the NFC rule moves to it; a keyring store's entry becomes this file's
    own (keyring_keys); a wipe held up by another ydm's snapshot is finished (wipe)."""
    upgrade: dict[str, str] = {}
    meta = store._meta()  # read once: the key record, the file it belongs to, pending keyring names
    dek = crypto.open_envelope(store._store_id(), meta, store._provider, upgrade)
    store._cipher, store._wrapped = crypto.Cipher(dek), meta["wrapped_key"]
    if upgrade:
        with store._tx() as c:
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(upgrade.items()))
        store._wrapped = upgrade["wrapped_key"]
    with contextlib.suppress(StoreError):  # a read-only copy, a keyring saying no: it still opens
        keyring_keys.claim(store, dek, meta)
        keyring_keys.tidy(store, meta)
    wipe.finish(store)


def follow_rekey(store, c: sqlite3.Connection) -> None:
    """Inside a write transaction: make sure `store` seals with the key that is on disk now."""
    known = getattr(store, "_wrapped", None)
    if known is None:  # still creating the store: there is no key to compare yet
        return
    row = c.execute("SELECT value FROM meta WHERE name = 'wrapped_key'").fetchone()
    if row is None or row[0] == known:
        return
    meta = dict(c.execute("SELECT name, value FROM meta").fetchall())
    if meta.get("key_mode") == crypto.KEYRING:
        store._cipher = crypto.Cipher(crypto.open_envelope(meta["store_id"], meta, None))
        store._wrapped = meta["wrapped_key"]
        return
    raise StoreError("the store's key was changed by another ydm (store rekey) after this one opened it, "
                     "so nothing was written; run the command again (with the new passphrase)")
