"""Finishing the wipe of deleted records: out of the main file and the -wal, at once or at the next open.

Why: `secure_delete` zeroes the pages a deletion frees, but in WAL mode the zeroed pages go to the -wal
first; the old ciphertext stays in the main file until a checkpoint copies them over, and earlier -wal
frames keep it until the -wal is emptied. A checkpoint cannot finish while another ydm (the app left
open, a second terminal) holds an older snapshot, and a process killed before it closed never finishes
it. So a deletion notes in the store that a wipe is owed (in its own transaction), tries the checkpoint
at once, and every later open tries again until one completes; then the note is cleared.
"""

from __future__ import annotations

import contextlib
import sqlite3

NOTE = "wipe_pending"


def owe(c: sqlite3.Connection) -> None:
    """Inside the transaction that deletes: a wipe is owed until a checkpoint completes."""
    c.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (NOTE,))


def _checkpoint(conn: sqlite3.Connection) -> bool:
    """A TRUNCATE checkpoint that does not wait for others: True when every frame reached the main file
    and the -wal was emptied."""
    busy_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")


def finish(store) -> bool:
    """Complete an owed wipe if no other ydm holds an old snapshot now; True when nothing is owed."""
    with store._lock, contextlib.suppress(sqlite3.Error):
        conn = store._conn
        if not conn.execute("SELECT 1 FROM meta WHERE name = ?", (NOTE,)).fetchone():
            return True
        if not _checkpoint(conn):
            return False
        conn.execute("DELETE FROM meta WHERE name = ?", (NOTE,))  # autocommit: one small frame ...
        return _checkpoint(conn)  # ... checkpointed too, so the -wal is empty again
    return False
