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
    from ydm import holidays_uk

    holidays_uk.clear_cache()  # a GOV.UK file written by one test must not leak into the next
    yield home
    holidays_uk.clear_cache()
