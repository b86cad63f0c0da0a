"""Encryption at rest: nothing personal in the db/-wal/-shm bytes; keys, passphrases, rekey; bad files."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import keyring
import pytest

from ydm.errors import StoreError
from ydm.model import Event, EventKind, Person, Request, RequestKind
from ydm.store import crypto
from ydm.store.codec import StoredLetter
from ydm.store.db import SqliteStore
from ydm.store.rekey import rekey

SECRETS = ["Zebedee Quartermaine", "Zebedee", "Quartermaine", "SW1A 1AA", "SW1A", "reform-uk", "Reform UK",
           "object-marketing", "YDM-ZQ7K3", "zebedee@example.org", "2026-09-01", "drafted"]


def _fill(s: SqliteStore) -> None:
    person = Person(name="Zebedee Quartermaine", address=("7 Quiet Lane", "London"), postcode="SW1A 1AA",
                    email="zebedee@example.org")
    s.save_profile(person)
    letter = "Dear DPO,\nI, Zebedee Quartermaine of SW1A 1AA, object (reform-uk, Reform UK).\n"
    s.add(Request(ref="YDM-ZQ7K3", kind=RequestKind.OBJECT_MARKETING, org_id="reform-uk", org_name="Reform UK",
                  events=[Event(EventKind.DRAFTED, date(2026, 9, 1), note="Zebedee Quartermaine wrote it")],
                  letter_text=letter))
    s.add_event("YDM-ZQ7K3", Event(EventKind.SENT, date(2026, 9, 1)))
    s.add_letter("YDM-ZQ7K3", StoredLetter(RequestKind.REMINDER, date(2026, 10, 9), letter, "Reform UK reminder"))


def _scan(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        f = Path(str(path) + suffix)
        if not f.exists():
            continue
        data = f.read_bytes().lower()
        for secret in SECRETS:
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                if secret.lower().encode(enc) in data:
                    found.setdefault(f.name, []).append(secret)
    return found


def test_no_personal_field_in_plain_text_while_open_and_after_close(tmp_path):
    path = tmp_path / "requests.db"
    s = SqliteStore(path)
    _fill(s)
    assert Path(str(path) + "-wal").exists() and Path(str(path) + "-wal").stat().st_size > 0  # data is in the WAL
    assert _scan(path) == {}
    s.close()
    assert _scan(path) == {}
    with SqliteStore(path) as s2:  # and it all comes back
        assert s2.load_profile().name == "Zebedee Quartermaine"
        assert s2.get("YDM-ZQ7K3").org_id == "reform-uk"


def test_plain_columns_are_only_ids_tokens_and_ciphertext(tmp_path):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        _fill(s)
    conn = sqlite3.connect(path)
    meta = dict(conn.execute("SELECT name, value FROM meta"))
    assert set(meta) <= {"store_id", "key_mode", "key_name", "kdf", "wrapped_key", "file_id", "pending_keys"}
    assert meta["file_id"].isdigit() and json.loads(meta.get("pending_keys", "[]")) == []  # an inode number; no names
    for token, head, body in conn.execute("SELECT token, head, body FROM requests"):
        assert len(token) == 16 and head[:1] == b"\x01" and body[:1] == b"\x01"
    conn.close()


def test_ciphertext_lengths_do_not_reveal_the_kind(tmp_path):
    with SqliteStore(tmp_path / "s.db") as s:
        for ref, kind, org in (("YDM-AAAAA", RequestKind.ACCESS, "bbc"),
                               ("YDM-BBBBB", RequestKind.OBJECT_PROCESSING, "conservatives")):
            s.add(Request(ref=ref, kind=kind, org_id=org, events=[Event(EventKind.DRAFTED, date(2026, 9, 1))]))
    conn = sqlite3.connect(tmp_path / "s.db")
    sizes = {len(h) for (h,) in conn.execute("SELECT head FROM requests")}
    conn.close()
    assert len(sizes) == 1


def test_key_lives_in_keyring_and_missing_key_is_a_clear_error(tmp_path, keyring_memory):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        _fill(s)
    entries = [k for k in keyring_memory.items if k[0] == "ydm"]
    assert len(entries) == 1 and entries[0][1].startswith("store-key-")
    keyring_memory.items.clear()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="missing from the OS keyring"):
        SqliteStore(path)
    assert path.read_bytes() == before


def test_wrong_key_in_keyring_is_refused_untouched(tmp_path, keyring_memory):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        _fill(s)
    name = next(k for k in keyring_memory.items)
    keyring_memory.items[name] = crypto.b64(crypto.new_key())
    before = path.read_bytes()
    with pytest.raises(crypto.WrongKey, match="does not open this store"):
        SqliteStore(path)
    assert path.read_bytes() == before


def test_passphrase_mode_without_keyring(tmp_path, no_keyring, monkeypatch):
    path = tmp_path / "s.db"
    with pytest.raises(StoreError, match="needs a passphrase"):  # never a silent plain-text fallback
        SqliteStore(path)
    monkeypatch.setenv("YDM_PASSPHRASE", "correct horse battery")
    with SqliteStore(path) as s:
        assert s.key_mode == "passphrase"
        _fill(s)
    assert _scan(path) == {}
    with SqliteStore(path) as s:
        assert s.get("YDM-ZQ7K3").org_id == "reform-uk"
    monkeypatch.setenv("YDM_PASSPHRASE", "wrong horse")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="does not open this store"):
        SqliteStore(path)
    assert path.read_bytes() == before
    monkeypatch.delenv("YDM_PASSPHRASE")
    with pytest.raises(StoreError, match="locked with a passphrase"):
        SqliteStore(path)
    # a prompt (the CLI's getpass, the TUI's modal) works the same way
    asked = []
    with SqliteStore(path, passphrase=lambda purpose, confirm: asked.append(purpose) or "correct horse battery") as s:
        assert s.count() == 1
    assert asked == ["passphrase for the ydm store"]


def test_keyring_store_when_keyring_disappears(tmp_path):
    path = tmp_path / "s.db"
    SqliteStore(path).close()
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(StoreError, match="no keyring is available"):
        SqliteStore(path)


def test_rekey_keyring_to_passphrase_and_back(tmp_path, keyring_memory, monkeypatch):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        _fill(s)
        old_entries = set(keyring_memory.items)
        old_wrapped = dict(s._conn.execute("SELECT name, value FROM meta"))["wrapped_key"]
        monkeypatch.setenv("YDM_NEW_PASSPHRASE", "a new long passphrase")
        assert rekey(s, mode="passphrase") == "passphrase"
        assert s.get("YDM-ZQ7K3").letter_text.startswith("Dear DPO")  # still readable in-process
        assert dict(s._conn.execute("SELECT name, value FROM meta"))["wrapped_key"] != old_wrapped
    assert not (set(keyring_memory.items) & old_entries)  # the old keyring entry is gone
    assert _scan(path) == {}
    monkeypatch.delenv("YDM_NEW_PASSPHRASE")
    monkeypatch.setenv("YDM_PASSPHRASE", "a new long passphrase")
    with SqliteStore(path) as s:
        assert s.load_profile().postcode == "SW1A 1AA"
        assert s.letters("YDM-ZQ7K3")[0].subject == "Reform UK reminder"
        assert rekey(s, mode="keyring") == "keyring"
    monkeypatch.delenv("YDM_PASSPHRASE")
    with SqliteStore(path) as s:
        assert s.key_mode == "keyring" and s.get("ydm-zq7k3").events[-1].kind is EventKind.SENT
    assert len(keyring_memory.items) == 1


def test_rekey_failure_keeps_old_key(tmp_path, keyring_memory, monkeypatch):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        _fill(s)
        monkeypatch.setattr(crypto.Cipher, "token", lambda self, text: (_ for _ in ()).throw(RuntimeError("x")))
        with pytest.raises(RuntimeError):
            rekey(s)
    monkeypatch.undo()
    assert len(keyring_memory.items) == 1  # the orphaned new entry was removed
    with SqliteStore(path) as s:
        assert s.get("YDM-ZQ7K3").org_id == "reform-uk"


@pytest.mark.parametrize("content", [
    b"",  # handled below separately: an empty file is a new store
    b"hello, this is not a database at all" * 10,
    os.urandom(4096),
])
def test_foreign_files_are_refused_byte_identical(tmp_path, content):
    if not content:
        return
    path = tmp_path / "requests.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a ydm store|untouched"):
        SqliteStore(path)
    assert path.read_bytes() == content
    assert not Path(str(path) + "-wal").exists()


def test_other_programs_sqlite_is_refused_byte_identical(tmp_path):
    path = tmp_path / "requests.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('holiday')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        SqliteStore(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["truncate", "scribble"])
def test_damaged_store_is_a_clear_error_and_untouched(tmp_path, damage):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        for i in range(200):
            s.add(Request(ref=f"YDM-{i:05d}", kind=RequestKind.ACCESS, org_id="x" * 200,
                          events=[Event(EventKind.DRAFTED, date(2026, 9, 1))], letter_text="y" * 3000))
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 3 + 17]
    else:
        data[4096 + 100: 4096 * 6] = os.urandom(4096 * 5 - 100)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StoreError), SqliteStore(path) as s:
        s.list()
        for r in s.list():
            s.get(r.ref)
    assert path.read_bytes() == before


def test_crypto_primitives():
    c = crypto.Cipher(crypto.new_key())
    blob = c.seal(b"hello", b"aad", bucket=64)
    assert len(blob) == 1 + 12 + 64 + 16
    assert c.open(blob, b"aad") == b"hello"
    with pytest.raises(StoreError):
        c.open(blob, b"other row")
    with pytest.raises(StoreError):
        crypto.Cipher(crypto.new_key()).open(blob, b"aad")
    assert c.token("YDM-AAAAA") == c.token("YDM-AAAAA") != crypto.Cipher(crypto.new_key()).token("YDM-AAAAA")
    params = crypto.KdfParams.fresh()
    assert crypto.derive_kek("pw", params) == crypto.derive_kek("pw", crypto.KdfParams.from_dict(params.to_dict()))


def test_rekey_by_another_process_is_a_clear_error_for_an_open_store(tmp_path):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        _fill(s)
    app = SqliteStore(path)  # e.g. the TUI, left open
    with SqliteStore(path) as cli:
        rekey(cli)
    with pytest.raises(StoreError, match="key was changed"):
        app.get("YDM-ZQ7K3")
    with pytest.raises(StoreError, match="key was changed"):
        app.list()
    app.close()
    with SqliteStore(path) as again:
        assert again.get("YDM-ZQ7K3").org_id == "reform-uk"
