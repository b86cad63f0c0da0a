"""A deleted request's ciphertext is wiped from requests.db even when another ydm held the store open at
the time (its older snapshot stops the checkpoint) and was then killed: the next open finishes the wipe.
A real child process holds a read transaction on the file, as the app left open in another terminal does."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store.db import SqliteStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    c = sqlite3.connect(sys.argv[1], isolation_level=None)
    c.execute("BEGIN")
    c.execute("SELECT count(*) FROM requests").fetchone()   # a read snapshot, held
    print("holding", flush=True)
    time.sleep(600)
""")


def _request(ref: str) -> Request:
    return Request(ref=ref, kind=RequestKind.OBJECT_PROCESSING, org_id="reform-uk",
                   events=[Event(EventKind.DRAFTED, date(2026, 9, 1))], letter_text=f"Dear DPO of {ref}\n" * 40)


def _pieces(blob: bytes) -> list[bytes]:
    blob = bytes(blob)
    return [blob[i:i + 24] for i in range(8, len(blob) - 24, 512)]


def _on_disk(path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_the_wipe_held_up_by_another_process_is_finished_at_the_next_open(tmp_path):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        s.add_many([_request("YDM-KEEP1"), _request("YDM-GONE1")])
    gone = sqlite3.connect(path).execute("SELECT head, body FROM requests ORDER BY id").fetchall()[1]
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with SqliteStore(path) as s:
            s.delete("YDM-GONE1")
            assert s.refs() == ["YDM-KEEP1"]
    finally:
        holder.send_signal(signal.SIGKILL)  # the other ydm dies without closing
        holder.wait(timeout=30)
    assert any(x in _on_disk(path) for b in gone for x in _pieces(b))  # held up: still there
    with SqliteStore(path) as s:  # the next open
        left = _on_disk(path)
        assert not any(x in left for b in gone for x in _pieces(b))
        assert s.refs() == ["YDM-KEEP1"] and s.get("YDM-KEEP1").letter_text.startswith("Dear DPO of YDM-KEEP1")
        owed = s._conn.execute("SELECT count(*) FROM meta WHERE name = 'wipe_pending'").fetchone()[0]
        assert owed == 0


def test_a_deletion_with_no_one_else_holding_the_store_wipes_at_once_and_owes_nothing(tmp_path):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        s.add_many([_request("YDM-KEEP1"), _request("YDM-GONE1")])
        gone = s._conn.execute("SELECT head, body FROM requests ORDER BY id").fetchall()[1]
        s.delete("YDM-GONE1")
        assert not any(x in _on_disk(path) for b in gone for x in _pieces(b))
        assert s._conn.execute("SELECT count(*) FROM meta WHERE name = 'wipe_pending'").fetchone()[0] == 0
