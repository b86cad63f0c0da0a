"""The app's unfinished request (ydm.store.drafts) is sealed with the store's key, survives a rekey,
and is forgotten, not an error, when it no longer opens."""

from __future__ import annotations

import sqlite3

from ydm.store import drafts
from ydm.store.db import SqliteStore
from ydm.store.rekey import rekey

DRAFT = {"step": 3, "person": {"name": "Zebedee Quayle", "address": ["7 Quiet Lane"]}, "orgs": ["labour"]}


def test_sealed_on_disk_and_kept_through_a_rekey(tmp_path, keyring_memory, monkeypatch):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        drafts.save_draft(s, DRAFT)
        assert drafts.load_draft(s) == DRAFT
    raw = path.read_bytes() + (tmp_path / "s.db-wal").read_bytes() if (tmp_path / "s.db-wal").exists() else path.read_bytes()
    assert b"Zebedee" not in raw and b"Quiet Lane" not in raw
    monkeypatch.setenv("YDM_NEW_PASSPHRASE", "a new long passphrase")
    with SqliteStore(path) as s:
        rekey(s, mode="passphrase")
        assert drafts.load_draft(s) == DRAFT
        drafts.forget_draft(s)
        assert drafts.load_draft(s) is None


def test_a_draft_that_no_longer_opens_is_forgotten(tmp_path, keyring_memory):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        drafts.save_draft(s, DRAFT)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'AAAA' WHERE name = 'wizard_draft'")
    with SqliteStore(path) as s:
        assert drafts.load_draft(s) is None
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT 1 FROM meta WHERE name = 'wizard_draft'").fetchone() is None
