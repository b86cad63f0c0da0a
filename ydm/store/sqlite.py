"""SQLite at the connection level, for the store and for `store destroy`: busy and access errors told
apart, WAL entered without tripping over another opener, scripts run inside a transaction."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ydm.errors import StoreError

BUSY_TIMEOUT_S = 10.0


# (No executescript: it would COMMIT the surrounding transaction.)
def _run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _is_busy(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (any extended code): someone else holds the file, nothing is wrong with it."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


_ACCESS_CODES = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM)


def _is_access(exc: sqlite3.Error) -> bool:
    """SQLite could not open or write the file (CANTOPEN, READONLY, PERM): a permission or read-only
    problem of the file, its folder or its -wal/-shm companions, not damage."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in _ACCESS_CODES


def access_problem(path: Path) -> str | None:
    """Why the store file or its folder cannot be read or written, in plain words, or None.

    `os.access` also sees an immutable file (chattr +i) and a read-only filesystem. SQLite needs to
    write the folder too (the -wal and -shm files live next to the store).
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.exists():
            if not os.access(path, os.R_OK):
                return "permission denied (the file cannot be read)"
            if not os.access(path, os.W_OK):
                return "the file is read-only"
        for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if companion.exists() and not os.access(companion, os.R_OK | os.W_OK):
                return f"{companion.name} next to it is read-only or not yours"
        if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
            return f"its folder {folder} is read-only or not yours"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _access_error(path: Path, exc: BaseException, *, writing: bool) -> StoreError:
    """A plain 'cannot open/write' error that says it is about permissions, never 'damaged'."""
    why = access_problem(path) or (getattr(exc, "strerror", None) or str(exc))
    verb = "write to" if writing else "open"
    return StoreError(f"cannot {verb} the store at {path}: {why}; check the permissions of the file and its "
                      "folder (nothing was changed)")


def _enter_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for other openers.

    SQLite answers `PRAGMA journal_mode = WAL` with SQLITE_BUSY at once, without calling the busy
    handler, when another connection is opening or switching the same file at that moment (two
    processes creating the store together hit this). So wait here, with a growing pause, for as long
    as the busy timeout would have waited.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


@contextmanager
def write_transaction(c: sqlite3.Connection, lock: threading.RLock, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction on `c`, taken at the start (BEGIN IMMEDIATE) so writers queue on the busy
    timeout; rolled back whole on any failure, with a StoreError in plain words for SQLite's."""
    with lock:
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_access(exc) or not _is_busy(exc) and access_problem(path):
                raise _access_error(path, exc, writing=True) from None
            raise StoreError(f"the store is busy or locked ({exc}); try again") from None
        try:
            yield c
        except sqlite3.Error as exc:  # a write refused half way: nothing of this transaction stays
            with contextlib.suppress(sqlite3.Error):
                c.execute("ROLLBACK")
            if _is_access(exc):
                raise _access_error(path, exc, writing=True) from None
            raise StoreError(f"could not save to the store ({exc}); nothing was changed") from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                c.execute("ROLLBACK")
            raise
        else:
            try:
                c.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    c.execute("ROLLBACK")
                if _is_access(exc):
                    raise _access_error(path, exc, writing=True) from None
                raise StoreError(f"could not save to the store ({exc})") from None
