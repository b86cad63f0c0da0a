"""Each keyring entry belongs to one store file, and none is left behind by a killed rekey.

Why: a store copied with `cp` carries its key record (the keyring entry's name) with it, so both files
needed the same keyring entry, and `ydm store destroy` on the copy deleted the key the original still
needed. And a rekey killed after it put its new key in the keyring, but before its transaction
committed, left that entry in the keyring for ever (nothing recorded its name).

So:
- The key record names the file it belongs to (`file_id`: the file's inode number — a copy is a new
  file, a rename is not). A keyring store opened as a copy first gets a keyring entry of its own (the
  same data key, wrapped anew); the original's entry is not touched. `destroy` of a copy that was never
  opened leaves the shared entry in place and says so.
- Before a new entry is put in the keyring, its name is committed to the store as *pending*; the rekey
  commits it as the key (and takes it off the list) or the next open deletes it as an orphan.
- Creating or changing a keyring entry, and the tidying, happen under an advisory lock on a file beside
  the store (`requests.db.keylock`), so one ydm never deletes an entry another is about to commit. The OS
  releases it when a process dies. (POSIX `flock`; where there is none, the tidy is skipped.)
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ydm.store import crypto

LOCK_SUFFIX = ".keylock"


def identity(path: Path) -> str:
    """What tells this file from a copy of it: the inode number (kept by rename, new for a copy)."""
    return str(os.stat(path).st_ino)


@contextlib.contextmanager
def key_change_lock(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """The store's key-change lock; yields False when `wait` is off and another ydm holds it."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): changes still commit safely, only the tidy is skipped
        yield wait
        return
    fd = os.open(path.with_name(path.name + LOCK_SUFFIX), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def pending(meta: dict[str, str]) -> list[str]:
    try:
        names = json.loads(meta.get("pending_keys") or "[]")
    except ValueError:
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def note_pending(store, name: str) -> None:
    """Commit `name` as a keyring entry that may be about to exist (before it is created)."""
    with store._tx() as c:
        meta = dict(c.execute("SELECT name, value FROM meta").fetchall())
        c.execute("INSERT OR REPLACE INTO meta VALUES ('pending_keys', ?)", (json.dumps([*pending(meta), name]),))


def settled(meta: dict[str, str], current: str) -> list[tuple[str, str]]:
    """Meta rows that take `current` off the pending list (inside the transaction that commits it)."""
    return [("pending_keys", json.dumps([n for n in pending(meta) if n != current]))]


def tidy(store, meta: dict[str, str]) -> None:
    """Delete the keyring entries a killed rekey left (best effort; never while another ydm changes keys).
    `meta`: the key record as the store was opened (read again under the lock before anything is deleted)."""
    names = pending(meta)
    if not names:
        return
    with key_change_lock(store.path, wait=False) as mine:
        if not mine:
            return
        meta = store._meta()
        orphans = [n for n in pending(meta) if n != meta.get("key_name")]
        for name in orphans:
            crypto.forget_keyring_key({"key_mode": crypto.KEYRING, "key_name": name})
        with store._tx() as c:
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", settled(meta, ""))


def claim(store, dek: bytes, meta: dict[str, str]) -> None:
    """Make the keyring entry this file's own: record the file on first sight; a copy gets its own entry.
    `meta`: the key record as the store was opened."""
    here = identity(store.path)
    if meta.get("key_mode") != crypto.KEYRING or meta.get("file_id") == here:
        return
    if not meta.get("file_id"):  # a store from before file ids: this file is the original
        with store._tx() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES ('file_id', ?)", (here,))
        return
    with key_change_lock(store.path):
        name = crypto.new_key_name(meta["store_id"])
        note_pending(store, name)
        fresh = crypto.new_envelope(meta["store_id"], dek, mode=crypto.KEYRING, provider=None, new=True, name=name)
        with store._tx() as c:
            now = dict(c.execute("SELECT name, value FROM meta").fetchall())
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                          [*fresh.items(), ("file_id", here), *settled(now, name)])
        store._wrapped = fresh["wrapped_key"]


def is_copy(path: Path, meta: dict[str, str]) -> bool:
    """For `destroy`, which reads the key record without the key: a copy never opened since it was made."""
    return bool(meta.get("file_id")) and meta["file_id"] != identity(path)
