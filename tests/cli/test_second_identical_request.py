"""A second identical request (same kind, same organisation, the first still open) is warned about
before it is recorded (ydm.service.duplicates); a different kind, or a finished first one, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ydm.cli import main

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-20")


def record(capsys, kind="access", org="libdems"):
    code = main(["letter", kind, "--to", org, "--me", ME, "--record", "--sent", "2026-11-10"])
    _, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    return err


def test_the_second_identical_request_is_warned_about(capsys):
    assert "already have" not in record(capsys)
    err = record(capsys)
    assert "ydm: warning: you already have an access request to Liberal Democrats" in err
    assert "that is still open" in err and "ydm requests show YDM-" in err
    assert "already have" not in record(capsys, kind="object-marketing")


def test_a_finished_request_is_no_duplicate(capsys):
    import json

    record(capsys)
    main(["requests", "list", "--json"])
    ref = json.loads(capsys.readouterr()[0])["requests"][0]["ref"]
    assert main(["requests", "mark", ref, "response-received", "--on", "2026-11-19"]) == 0
    capsys.readouterr()
    assert "already have" not in record(capsys)
