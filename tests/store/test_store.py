"""The SQLite store: records, references, profile, letters, schema versions (real files in tmp dirs)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ydm.errors import InputError, NotFoundError, StoreError
from ydm.model import Channel, Event, EventKind, Nation, Person, Request, RequestKind
from ydm.store import db as store_mod
from ydm.store import schema as store_schema
from ydm.store.codec import StoredLetter
from ydm.store.db import SqliteStore
from ydm.store.memory import MemoryStore

D = date(2026, 9, 1)


def req(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org="reform-uk", **kw) -> Request:
    return Request(ref=ref, kind=kind, org_id=org, org_name="Reform UK", events=[Event(EventKind.DRAFTED, D)],
                   letter_text="Dear Data Protection Officer,\n...", **kw)


@pytest.fixture(params=["sqlite", "memory"])
def any_store(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


def test_add_get_list_roundtrip(any_store):
    r = any_store.add(req(channel=Channel.FIRST_CLASS, nation=Nation.SCOTLAND))
    assert r.id is not None
    got = any_store.get("YDM-AAAAA")
    assert got.kind is RequestKind.ACCESS and got.org_id == "reform-uk" and got.channel is Channel.FIRST_CLASS
    assert got.nation is Nation.SCOTLAND and got.letter_text.startswith("Dear")
    assert got.events == [Event(EventKind.DRAFTED, D)]
    listed = any_store.list()
    assert [x.ref for x in listed] == ["YDM-AAAAA"] and listed[0].letter_text == ""  # list skips letter text


def test_reference_forms_and_duplicates(any_store):
    any_store.add(req("YDM-7K3P9"))
    assert any_store.get(" ydm-7k3p9 ").ref == "YDM-7K3P9"
    assert any_store.get("7k3p9").ref == "YDM-7K3P9"
    with pytest.raises(StoreError, match="already exists"):
        any_store.add(req("ydm-7k3p9"))
    with pytest.raises(InputError):
        any_store.get("  ")


def test_unknown_reference_suggests_close_ones(any_store):
    any_store.add_many([req("YDM-7K3P9"), req("YDM-QQQQQ")])
    with pytest.raises(NotFoundError) as exc:
        any_store.get("YDM-7K3P8")
    assert "YDM-7K3P9" in str(exc.value) and "YDM-QQQQQ" not in str(exc.value)
    assert exc.value.exit_code == 3
    assert any_store.find("YDM-ZZZZZ") is None


def test_events_letters_profile_delete(any_store):
    any_store.add(req())
    any_store.add_event("YDM-AAAAA", Event(EventKind.SENT, D, note="posted at the PO", data={"x": 1}))
    any_store.add_letter("YDM-AAAAA", StoredLetter(RequestKind.REMINDER, date(2026, 10, 5), "Reminder text", "Subj"),
                         event=Event(EventKind.REMINDER_SENT, date(2026, 10, 5)))
    got = any_store.get("YDM-AAAAA")
    assert [e.kind for e in got.events] == [EventKind.DRAFTED, EventKind.SENT, EventKind.REMINDER_SENT]
    assert got.events[1].note == "posted at the PO" and got.events[1].data == {"x": 1}
    assert any_store.letters("YDM-AAAAA") == [StoredLetter(RequestKind.REMINDER, date(2026, 10, 5), "Reminder text", "Subj")]
    assert any_store.load_profile() is None
    p = Person(name="Zebedee Quartermaine", address=("1 Road", "London"), postcode="SW1A 1AA", other_names=("Zed",))
    any_store.save_profile(p)
    assert any_store.load_profile() == p
    any_store.delete("YDM-AAAAA")
    assert any_store.count() == 0
    any_store.delete_profile()
    assert any_store.load_profile() is None


def test_add_many_is_all_or_nothing(any_store):
    any_store.add(req("YDM-BBBBB"))
    with pytest.raises(StoreError):
        any_store.add_many([req("YDM-CCCCC"), req("YDM-BBBBB")])
    assert any_store.refs() == ["YDM-BBBBB"]


def test_returned_objects_are_copies(any_store):
    any_store.add(req())
    got = any_store.get("YDM-AAAAA")
    got.events.append(Event(EventKind.CLOSED, D))
    assert len(any_store.get("YDM-AAAAA").events) == 1


def test_memory_store_wipe():
    s = MemoryStore()
    s.add(req())
    s.save_profile(Person(name="Zebedee"))
    s.wipe()
    assert s.count() == 0 and s.load_profile() is None


def test_persists_across_reopen_and_file_settings(tmp_path):
    path = tmp_path / "deep" / "s.db"
    with SqliteStore(path) as s:
        s.add(req())
        s.save_profile(Person(name="Zebedee"))
    with SqliteStore(path) as s:
        assert s.get("YDM-AAAAA").org_id == "reform-uk" and s.load_profile().name == "Zebedee"
        info = s.info()
        assert info["schema"] == store_schema.SCHEMA_VERSION and info["key_mode"] == "keyring"
    assert (path.stat().st_mode & 0o777) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == store_mod.APPLICATION_ID
    conn.close()


def test_default_path_is_in_data_dir(isolated_home):
    with store_mod.open_store() as s:
        s.add(req())
    assert (isolated_home / "data" / "requests.db").exists()


def test_create_false_refuses_missing(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        SqliteStore(tmp_path / "none.db", create=False)


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "s.db"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer ydm"):
        SqliteStore(path)
    assert path.read_bytes() == before


def test_migration_makes_a_backup_first(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        s.add(req())
    v1 = path.read_bytes()
    now = store_schema.SCHEMA_VERSION
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_schema.MIGRATIONS, now + 1, lambda c: c.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)"))
    with SqliteStore(path) as s:
        assert s.info()["schema"] == now + 1
        backup = s.last_backup
        assert s.get("YDM-AAAAA").org_id == "reform-uk"
    assert backup.exists() and backup.name.startswith(f"s.db.v{now}-")
    with sqlite3.connect(backup) as b:
        assert b.execute("PRAGMA user_version").fetchone()[0] == now
    assert len(backup.read_bytes()) == len(v1)
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE name='extra'").fetchone()[0] == 1


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        s.add(req())

    def broken(c):
        c.execute("CREATE TABLE half (id INTEGER)")
        raise RuntimeError("boom")

    now = store_schema.SCHEMA_VERSION
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_schema.MIGRATIONS, now + 1, broken)
    with pytest.raises(RuntimeError):
        SqliteStore(path)
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == now
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE name='half'").fetchone()[0] == 0


def test_concurrent_threads_do_not_lose_events(tmp_path):
    import threading

    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        s.add(req())
    stores = [SqliteStore(path) for _ in range(4)]

    def work(s):
        for i in range(10):
            s.add_event("YDM-AAAAA", Event(EventKind.ACKNOWLEDGED, D, note=str(i)))

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(stores[0].get("YDM-AAAAA").events) == 41
    for s in stores:
        s.close()


def test_event_data_must_be_plain_json(tmp_path):
    with SqliteStore(tmp_path / "s.db") as s:
        s.add(req())
        with pytest.raises(InputError, match="cannot store"):
            s.add_event("YDM-AAAAA", Event(EventKind.SENT, D, data={"when": D}))
        assert len(s.get("YDM-AAAAA").events) == 1
