"""A date on the command line that is not one says why, as the app does (a walk found "--on
'2027-02-30' is not a date (use YYYY-MM-DD)" for a date written as asked): the month's length, or the
day written another way given back as YYYY-MM-DD. One `ydm: error:` line, exit 2, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from ydm.cli import main
from ydm.store.db import open_store

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2027-01-22")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(("value", "why"), [
    ("2026-11-31", "--sent '2026-11-31' is not a date: November has 30 days (use YYYY-MM-DD)"),
    ("31/11/2026", "--sent '31/11/2026' is not a date: November has 30 days (use YYYY-MM-DD)"),
    ("29/10/2026", "--sent '29/10/2026' is not a date in the form YYYY-MM-DD: write 2026-10-29"),
    ("yesterday", "--sent 'yesterday' is not a date (use YYYY-MM-DD)"),
])
def test_letter_sent_on_a_day_that_is_not_one(capsys, value, why):
    code, out, err = run(capsys, "letter", "access", "--to", "plaid-cymru", "--me", ME, "--record", "--sent", value)
    assert code == 2 and out == ""
    assert err == f"ydm: error: {why}\n"
    with open_store() as store:
        assert store.count() == 0


def test_requests_mark_on_the_30th_of_february(capsys):
    code, _, _ = run(capsys, "letter", "access", "--to", "plaid-cymru", "--me", ME, "--record", "--sent", "2026-10-29")
    assert code == 0
    with open_store() as store:
        (listed,) = store.list()
    code, out, err = run(capsys, "requests", "mark", listed.ref, "reminder-sent", "--on", "2027-02-30")
    assert code == 2
    assert err == "ydm: error: --on '2027-02-30' is not a date: February 2027 has 28 days (use YYYY-MM-DD)\n"
    with open_store() as store:
        assert [e.kind.value for e in store.get(listed.ref).events] == ["drafted", "sent"]
