"""Schema 2 (replies): a store made by the ydm before it is migrated on opening, after a backup, and
keeps its requests; the new tables start empty."""

from __future__ import annotations

import sqlite3
from datetime import date

from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store import schema as store_schema
from ydm.store.db import SqliteStore


def test_a_version_1_store_gains_the_replies_tables(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with monkeypatch.context() as m:
        m.setattr(store_schema, "SCHEMA_VERSION", 1)
        with SqliteStore(path) as s:
            s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="labour",
                          events=[Event(EventKind.SENT, date(2026, 9, 1))]))
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 1
    with SqliteStore(path) as s:
        assert s.info()["schema"] == 2 and s.last_backup.name.startswith("s.db.v1-")
        assert s.get("YDM-AAAAA").org_id == "labour" and s.replies("YDM-AAAAA") == []
        s.add_reply("YDM-AAAAA", {"received": "2026-09-20"}, [({"name": "a.txt"}, b"hello")])
        assert [p["name"] for p in s.replies("YDM-AAAAA")[0]["parts"]] == ["a.txt"]
        assert s.reply_file("YDM-AAAAA", s.replies("YDM-AAAAA")[0]["id"], 0) == b"hello"
