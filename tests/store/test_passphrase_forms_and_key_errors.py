"""The passphrase as people type it: "é" as one code point or as e + a combining accent is the same
passphrase (new stores and stores made before the rule); and what goes wrong while getting a key —
bytes that are not UTF-8, a keyring backend failing in its own way — is one plain error, never a
traceback, with the store untouched. (The input ending at the prompt: tests/cli/test_bad_input.py.)"""

from __future__ import annotations

import hashlib
import json
import unicodedata

import keyring
import pytest

from tests.store.keyring_backend import MemoryKeyring
from ydm.cli import main
from ydm.errors import StoreError
from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store import crypto
from ydm.store.db import SqliteStore, default_path

WORDS = "crème brûlée à Éire"
NFC, NFD = unicodedata.normalize("NFC", WORDS), unicodedata.normalize("NFD", WORDS)


def _given(value):
    return lambda *_: value


def _request() -> Request:
    from datetime import date

    return Request(ref="YDM-PASS1", kind=RequestKind.ACCESS, org_id="labour",
                   events=[Event(EventKind.DRAFTED, date(2026, 11, 2))], letter_text="Dear DPO\n")


@pytest.mark.parametrize(("made", "typed"), [(NFC, NFD), (NFD, NFC)], ids=["nfc-then-nfd", "nfd-then-nfc"])
def test_a_new_store_opens_with_the_passphrase_in_either_unicode_form(tmp_path, no_keyring, made, typed):
    assert NFC != NFD
    path = tmp_path / "requests.db"
    with SqliteStore(path, passphrase=_given(made), key_mode="passphrase") as s:
        s.add(_request())
    with SqliteStore(path, passphrase=_given(typed)) as s:
        assert s.refs() == ["YDM-PASS1"]
    with pytest.raises(crypto.WrongKey):
        SqliteStore(path, passphrase=_given(NFC.replace("è", "e"))).close()


def _make_legacy(path, typed_then: str) -> None:
    """A store as ydm made it before the NFC rule: scrypt over the passphrase's bytes as typed."""
    with SqliteStore(path, passphrase=_given("placeholder pass"), key_mode="passphrase") as s:
        s.add(_request())
        meta, store_id = s._meta(), s._store_id()
        dek = crypto.unwrap_key(crypto.derive_kek("placeholder pass", crypto.KdfParams.from_dict(json.loads(meta["kdf"]))),
                                crypto.unb64(meta["wrapped_key"]), store_id.encode())
        old = crypto.KdfParams(salt=b"0123456789abcdef")  # no "norm": the old format
        wrapped = crypto.wrap_key(crypto.derive_kek(typed_then, old), dek, store_id.encode())
        with s._tx() as c:
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                          [("kdf", json.dumps(old.to_dict())), ("wrapped_key", crypto.b64(wrapped))])


def _kdf(path) -> str:
    import sqlite3

    with sqlite3.connect(path) as c:
        return c.execute("SELECT value FROM meta WHERE name = 'kdf'").fetchone()[0]


def test_a_store_made_before_the_rule_opens_in_both_forms_and_moves_to_it(tmp_path, no_keyring):
    path = tmp_path / "requests.db"
    _make_legacy(path, NFD)  # made on a Mac, say
    assert "norm" not in json.loads(_kdf(path))
    with SqliteStore(path, passphrase=_given(NFC)) as s:  # the other form: not locked out
        assert s.refs() == ["YDM-PASS1"]
        assert json.loads(s._meta()["kdf"])["norm"] == "NFC"  # and the store has moved to the rule
    with SqliteStore(path, passphrase=_given(NFD)) as s:
        assert s.get("YDM-PASS1").letter_text == "Dear DPO\n"
    with pytest.raises(crypto.WrongKey):
        SqliteStore(path, passphrase=_given("not it at all")).close()


def test_a_legacy_store_opened_with_a_wrong_passphrase_is_not_changed(tmp_path, no_keyring):
    path = tmp_path / "requests.db"
    _make_legacy(path, NFC)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(crypto.WrongKey):
        SqliteStore(path, passphrase=_given("wrong wrong wrong")).close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_passphrase_with_bytes_that_are_not_utf8_is_a_plain_error(tmp_path, no_keyring):
    path = tmp_path / "requests.db"
    SqliteStore(path, passphrase=_given("good passphrase"), key_mode="passphrase").close()
    not_utf8 = b"caf\xe9 latin-1".decode("utf-8", "surrogateescape")  # how Python hands such bytes over
    with pytest.raises(StoreError, match="not valid text"):
        SqliteStore(path, passphrase=_given(not_utf8)).close()


class BrokenKeyring(MemoryKeyring):
    """A backend that fails in its own way (as D-Bus backends do), not with a KeyringError."""

    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


def test_a_keyring_backend_failing_its_own_way_is_one_error_line(isolated_home, capsys):
    with SqliteStore(default_path()) as s:  # a keyring store, made while the keyring worked
        s.add(_request())
    before = hashlib.sha256(default_path().read_bytes()).hexdigest()
    broken = BrokenKeyring()
    broken.items = dict(keyring.get_keyring().items)
    keyring.set_keyring(broken)
    code = main(["requests", "list"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("ydm: error:") and "keyring" in err and "Traceback" not in err
    assert "RuntimeError" in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(default_path().read_bytes()).hexdigest() == before
