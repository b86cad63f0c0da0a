"""Every test runs with its own YDM_HOME in a temp dir: never the developer's data, config or keyring."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "ydm-home"
    home.mkdir()
    monkeypatch.setenv("YDM_HOME", str(home))
    monkeypatch.delenv("YDM_PASSPHRASE", raising=False)
    monkeypatch.delenv("YDM_TODAY", raising=False)
    import keyring

    from tests.store.keyring_backend import MemoryKeyring
    from ydm.law import holidays_uk

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # never the developer's keyring

    holidays_uk.clear_cache()  # a GOV.UK file written by one test must not leak into the next
    yield home
    holidays_uk.clear_cache()
    keyring.set_keyring(previous)


@pytest.fixture
def wall_clock():
    """Moves the wall clock for code that reads it itself (an HTTP cache's timestamps, a library's
    'now'): `wall_clock(date(2026, 11, 26))` travels there at noon, ticking. Undone after the test.

    Tests pass dates to the core where they can; this is for the rest. It nests inside the
    clock-shifted CI pass (tests/clock_shift), which moves the clock for the whole run."""
    travels = []

    def move(day: date | datetime) -> None:
        when = day if isinstance(day, datetime) else datetime(day.year, day.month, day.day, 12, 0)
        travel = time_machine.travel(when.astimezone(), tick=True)
        travel.start()
        travels.append(travel)

    yield move
    for travel in reversed(travels):
        travel.stop()
