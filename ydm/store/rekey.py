"""`ydm store rekey`: a new data key and key-encryption key, every record re-encrypted atomically.

Order matters so that no failure can lock the user out: (1) the new key-encryption key is made (a
new keyring entry under a new name, or a new passphrase with a new salt), (2) every record is
re-encrypted and the new wrapped key written in ONE transaction, (3) only after the commit is the
old keyring entry deleted. A crash before (2) commits leaves the old key working.
"""

from __future__ import annotations

from ydm.store import crypto, drafts, keyring_keys, wipe
from ydm.store.db import BODY_BUCKET, HEAD_BUCKET, PROFILE_BUCKET, SqliteStore
from ydm.store.replies_db import reseal


def rekey(store: SqliteStore, *, mode: str | None = None, passphrase: crypto.PassphraseProvider | None = None) -> str:
    """New data key and new key-encryption key; every record re-encrypted in one transaction.

    `mode` switches between keyring and passphrase (default: keep the current one); `passphrase` asks
    for the new one (default: the store's own provider). If anything fails, the old key still opens the
    store. Returns the mode now in use.
    """
    with keyring_keys.key_change_lock(store.path):  # no other ydm tidies an entry this one is making
        return _rekey(store, mode, passphrase or store._provider)


def _rekey(store: SqliteStore, mode: str | None, provider) -> str:
    old_meta = store._meta()
    store_id = store._store_id()
    new_mode = mode or old_meta["key_mode"]
    dek = crypto.new_key()
    new = crypto.Cipher(dek)
    name = crypto.new_key_name(store_id) if new_mode == crypto.KEYRING else ""
    if name:
        keyring_keys.note_pending(store, name)  # committed first: if this process dies, the next open deletes it
    meta = crypto.new_envelope(store_id, dek, mode=new_mode, provider=provider, new=True, name=name)
    try:
        with store._tx() as c:  # BEGIN IMMEDIATE: every other writer waits, then follows the new key
            old = store._cipher  # taken inside: another rekey may have committed first (keyguard)
            meta = {**meta, **dict(keyring_keys.settled(dict(c.execute("SELECT name, value FROM meta")), name))}
            for rid, token, head, body in c.execute("SELECT id, token, head, body FROM requests").fetchall():
                h = old.open(head, b"requests/head|" + token)
                b = old.open(body, b"requests/body|" + token)
                ref = _ref_of(h)
                t2 = new.token(ref)
                letters = c.execute("SELECT id, blob FROM letters WHERE request_id = ?", (rid,)).fetchall()
                c.execute(
                    "UPDATE requests SET token = ?, head = ?, body = ? WHERE id = ?",
                    (
                        t2,
                        new.seal(h, b"requests/head|" + t2, bucket=HEAD_BUCKET),
                        new.seal(b, b"requests/body|" + t2, bucket=BODY_BUCKET),
                        rid,
                    ),
                )
                for lid, blob in letters:
                    plain = old.open(blob, b"letters|" + token)
                    c.execute("UPDATE letters SET blob = ? WHERE id = ?", (new.seal(plain, b"letters|" + t2, bucket=BODY_BUCKET), lid))
                reseal(c, old, new, rid, token, t2)  # the replies (schema 2)
            row = c.execute("SELECT blob FROM profile WHERE id = 1").fetchone()
            if row:
                plain = old.open(row[0], b"profile")
                c.execute("UPDATE profile SET blob = ? WHERE id = 1", (new.seal(plain, b"profile", bucket=PROFILE_BUCKET),))
            drafts.reseal(c, old, new)  # the app's unfinished request, if one is kept
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(meta.items()))
            wipe.owe(c)
    except BaseException:
        crypto.forget_keyring_key(meta)  # the new entry is an orphan now
        raise
    store._cipher = new
    store._wrapped = meta["wrapped_key"]
    wipe.finish(store)  # old ciphertexts out of the main file and the WAL (now, or at a later open)
    if old_meta.get("key_name") != meta.get("key_name"):
        crypto.forget_keyring_key(old_meta)
    return new_mode


def _ref_of(head_plain: bytes) -> str:
    import json

    return json.loads(head_plain)["ref"]
