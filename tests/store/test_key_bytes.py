"""Keys are random bytes: every byte value, including NUL at the end, must survive wrapping.

Records are JSON padded with NUL bytes to a bucket size and unpadded on opening; a wrapped data key
is binary and sealed unpadded. Before this was told apart, a data key ending in 0x00 (one store in
256) lost that byte on unwrapping and the store could never be opened again.
"""

from __future__ import annotations

from datetime import date

import pytest

from ydm.model import Event, EventKind, Person, Request, RequestKind
from ydm.store import crypto
from ydm.store.db import SqliteStore


@pytest.mark.parametrize("dek", [bytes(31) + b"\x00", bytes(range(1, 32)) + b"\x00", b"\x00" * 32, b"\xff" * 32])
def test_wrap_and_unwrap_any_key(dek):
    kek = crypto.new_key()
    assert crypto.unwrap_key(kek, crypto.wrap_key(kek, dek, b"store-1"), b"store-1") == dek


@pytest.mark.parametrize("mode", ["keyring", "passphrase"])
def test_a_store_whose_data_key_ends_with_nul_opens_again(tmp_path, monkeypatch, mode):
    keys = iter([bytes(range(1, 32)) + b"\x00"])
    real = crypto.new_key
    monkeypatch.setattr(crypto, "new_key", lambda: next(keys, None) or real())
    provider = (lambda purpose, confirm: "correct horse battery") if mode == "passphrase" else None
    path = tmp_path / "requests.db"
    with SqliteStore(path, passphrase=provider, key_mode=mode) as s:
        s.save_profile(Person(name="Zebedee Quartermaine", postcode="SW1A 1AA"))
        s.add(Request(ref="YDM-NUL01", kind=RequestKind.ACCESS, org_id="reform-uk",
                      events=[Event(EventKind.SENT, date(2026, 9, 1))]))
    with SqliteStore(path, passphrase=provider) as s:
        assert s.load_profile().name == "Zebedee Quartermaine" and s.refs() == ["YDM-NUL01"]
