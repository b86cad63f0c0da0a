"""Forget everything: remove the request store, its backups and its key, without needing the key.

Why without the key: the person who wants their traces gone may be the one who forgot the passphrase,
or may be wiping a computer they are giving away. The file is still checked to be a ydm store (its
SQLite header) before anything is removed, so a wrong path never deletes someone else's file.

What goes: the store file and its -wal/-shm/-journal companions, the backup copies made before
schema migrations (`requests.db.v1-….bak`), the data key in the OS keyring (when the store kept it
there), and the lookup cache (postcode answers). What stays, and is reported as such: API keys and
email settings (they are about services, not about the person's requests), and the person's own
organisations file.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ydm import paths
from ydm.errors import NotFoundError, StoreError
from ydm.store import keyring_keys
from ydm.store.schema import check_file

COMPANIONS = ("-wal", "-shm", "-journal", keyring_keys.LOCK_SUFFIX)


@dataclass
class Destroyed:
    """What `destroy` removed, and what it could not, for the person to see."""

    removed: list[Path] = field(default_factory=list)
    key_removed: bool = False
    key_problem: str = ""
    kept: list[Path] = field(default_factory=list)


def store_files(path: Path) -> list[Path]:
    """The store, its companions and its migration backups that exist now."""
    found = [path] + [path.with_name(path.name + end) for end in COMPANIONS]
    found += sorted(path.parent.glob(f"{path.name}.v*.bak"))
    return [p for p in found if p.exists()]


def _key_record(path: Path) -> dict[str, str]:
    """The meta table (key mode and keyring entry name are not secret), read under an exclusive lock
    so that no other ydm is writing while the files go."""
    try:
        conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from None
    try:
        conn.execute("BEGIN EXCLUSIVE")
        try:
            return dict(conn.execute("SELECT name, value FROM meta").fetchall())
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        from ydm.store.db import _is_busy

        if _is_busy(exc):
            raise StoreError(f"the store at {path} is in use (close the ydm app first), so nothing was removed") from None
        return {}  # damaged or half-made: the files still go
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def destroy(path: Path | str | None = None) -> Destroyed:
    """Remove the store at `path` (default: the user's) and everything that belongs with it."""
    from ydm.store.db import default_path

    path = Path(path) if path else default_path()
    if not path.exists():
        raise NotFoundError(f"there is no store at {path}; nothing to remove")
    check_file(path)  # not ours -> StoreError, untouched
    meta = _key_record(path) if path.stat().st_size else {}
    copy = keyring_keys.is_copy(path, meta)  # read before the file goes
    done = Destroyed()
    for file in store_files(path):
        try:
            file.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"could not remove {file}: {exc.strerror or exc}") from None
        done.removed.append(file)
    cache = paths.cache_dir()
    if cache.exists():
        shutil.rmtree(cache, ignore_errors=True)
        done.removed.append(cache)
    if meta.get("key_mode") == "keyring" and meta.get("key_name"):
        _remove_keys(meta, copy, done)
    with contextlib.suppress(OSError):
        own = paths.user_contacts_file()
        if own.exists():
            done.kept.append(own)
    return done


def _remove_keys(meta: dict[str, str], copy: bool, done: Destroyed) -> None:
    """The store's keyring entry, and any a killed rekey left; not the entry of the store this is a copy of."""
    from ydm.adapters import secrets

    names = [n for n in keyring_keys.pending(meta) if n != meta["key_name"]]
    if copy:
        done.key_problem = ("this file was a copy of another store that was never opened since it was copied, "
                            "so it shared that store's key: the key was left in the OS keyring for the other store")
    else:
        names.append(meta["key_name"])
    try:
        for name in names:
            secrets.delete_secret(name)
        done.key_removed = not copy
    except Exception as exc:  # noqa: BLE001 - the keyring backend's own errors vary; report, don't crash
        done.key_problem = f"the key could not be removed from the OS keyring ({type(exc).__name__})"
