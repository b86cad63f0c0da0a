"""The store's on-disk shape: the SQLite schema, its numbered migrations (after a backup copy), and
the check that a file is ours before we open it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ydm import clock
from ydm.errors import StoreError
from ydm.store.sqlite import _run_script

APPLICATION_ID = 0x59444D53  # "YDMS" in the SQLite header: tells our files from anyone else's
_MAGIC = b"SQLite format 3\x00"

SCHEMA_V1 = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    token BLOB NOT NULL UNIQUE,
    head BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    blob BLOB NOT NULL
);
CREATE INDEX letters_request ON letters(request_id);
CREATE TABLE profile (id INTEGER PRIMARY KEY CHECK (id = 1), blob BLOB NOT NULL);
"""

# Version 2: the organisations' replies (issue 15). A reply is one head record (when it came, who
# from, the subject; encrypted JSON) and its parts (each file or attachment: `meta` is what was read
# out of it, `data` the file itself; both encrypted). `reply_checks` keeps the person's corrections to
# the Article 15 checklist, one encrypted record per request. All go with their request (ON DELETE
# CASCADE, foreign keys are on) and with the file (`store destroy`).
SCHEMA_V2 = """
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    head BLOB NOT NULL
);
CREATE INDEX replies_request ON replies(request_id);
CREATE TABLE reply_parts (
    id INTEGER PRIMARY KEY,
    reply_id INTEGER NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
    meta BLOB NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX reply_parts_reply ON reply_parts(reply_id);
CREATE TABLE reply_checks (
    request_id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
    blob BLOB NOT NULL
);
"""

# version -> step that brings the schema from version-1 to version (runs inside one transaction).


def check_file(path: Path) -> None:
    """Refuse files that are not ydm stores, by reading the header only (never opening for write)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StoreError(f"{path} is not a ydm store (not an SQLite database); it was left untouched")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database from another program, not a ydm store; left untouched")


SCHEMA_VERSION = 2
# (No executescript: it would COMMIT the surrounding transaction.)
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda conn: _run_script(conn, SCHEMA_V1),
    2: lambda conn: _run_script(conn, SCHEMA_V2),
}


def migrate(c: sqlite3.Connection, current: int) -> None:
    """Run the migrations after `current` inside the caller's transaction, and record the version."""
    for step in range(current + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](c)
    c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A copy of the store (readable by the user only) before its schema is changed."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    dst = sqlite3.connect(str(backup))
    try:
        conn.backup(dst)
    finally:
        dst.close()
    os.chmod(backup, 0o600)
    return backup
