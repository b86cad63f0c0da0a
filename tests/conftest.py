"""Every test runs with its own YDM_HOME in a temp dir: never the developer's data, config or keyring."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "ydm-home"
    home.mkdir()
    monkeypatch.setenv("YDM_HOME", str(home))
    monkeypatch.delenv("YDM_PASSPHRASE", raising=False)
    monkeypatch.delenv("YDM_TODAY", raising=False)
    import keyring

    from tests.store.keyring_backend import MemoryKeyring
    from ydm import holidays_uk

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # never the developer's keyring

    holidays_uk.clear_cache()  # a GOV.UK file written by one test must not leak into the next
    yield home
    holidays_uk.clear_cache()
    keyring.set_keyring(previous)
