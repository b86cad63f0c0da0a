"""`ydm letter open-register` with no --to: the office saved earlier, or, with no lookup key, an error
that points to `ydm lookup POSTCODE --manual`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ydm.cli import main

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


def test_no_key_points_to_the_manual_lookup(capsys, monkeypatch):
    for name in ("YDM_DEMOCRACY_CLUB_KEY", "YDM_ELECTORAL_COMMISSION_KEY"):
        monkeypatch.delenv(name, raising=False)
    code = main(["letter", "open-register", "--me", ME])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("ydm: error: the open-register letter goes to your electoral registration")
    assert "no lookup key" in err and "ydm lookup SW1A 1AA --manual" in err and "Traceback" not in err


def test_an_office_typed_in_once_is_used_next_time(capsys):
    from ydm.service import offices

    offices.office_from_words("Cardiff Council Electoral Services", "County Hall, Atlantic Wharf, Cardiff, CF10 4UW",
                              today=date(2026, 11, 20))
    code = main(["letter", "open-register", "--me", ME])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "County Hall" in out and "CF10 4UW" in out
