"""`ydm letter --record` records the way the letter really went: a PDF is post unless --via says
otherwise, an .eml is email; where a PDF cannot have been posted (no postal address) a person at a
terminal is asked and a script is stopped with what to give; the confirmation names the channel."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from ydm.cli import main, output
from ydm.law import deadlines

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-20")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def recorded(capsys) -> dict:
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert code == 0
    return {row["org_id"]: row for row in json.loads(out)["requests"]}


def test_a_pdf_recorded_as_sent_is_post_and_its_due_date_is_posts(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--to", "experian", "--me", ME, "--format", "pdf",
                       "-o", str(tmp_path / "x.pdf"), "--record", "--sent", "2026-11-02")
    assert code == 0, err
    assert "sent by first-class post" in err  # the confirmation says how it went
    row = recorded(capsys)["experian"]
    by_post = deadlines.compute_deadline("access", sent=date(2026, 11, 2), channel="first-class").due
    by_email = deadlines.compute_deadline("access", sent=date(2026, 11, 2), channel="email").due
    assert by_post != by_email
    assert row["channel"] == "first-class" and row["due"] == by_post.isoformat()


def test_via_still_decides_for_a_pdf(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--to", "equifax", "--me", ME, "-o", str(tmp_path / "x.pdf"),
                       "--record", "--sent", "2026-11-02", "--via", "email")
    assert code == 0 and "sent by email" in err and "give --via" not in err
    assert recorded(capsys)["equifax"]["channel"] == "email"


def test_an_eml_is_email_and_text_names_the_channel_it_assumed(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--to", "equifax", "--me", ME, "-o", str(tmp_path / "x.eml"),
                       "--record", "--sent", "2026-11-02")
    assert code == 0 and "sent by email" in err
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record", "--sent", "2026-11-02")
    assert code == 0 and "sent by email (not how it went? give --via)" in err


def test_a_pdf_with_no_postal_address_stops_a_script_with_what_to_give(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--to", "labour", "--me", ME, "-o", str(tmp_path / "x.pdf"),
                       "--record", "--sent", "2026-11-02")
    assert code == 2 and err.startswith("ydm: error: cannot record the letter to Labour Party as sent by "
                                        "first-class post")
    assert "--via email" in err and "--address-to" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_pdf_with_no_postal_address_asks_at_a_terminal(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    code, _, err = run(capsys, "letter", "access", "--to", "labour", "--me", ME, "-o", str(tmp_path / "x.pdf"),
                       "--record", "--sent", "2026-11-02")
    assert code == 0, err
    assert "How did you send it?" in err and "1. by email to dataprotection@labour.org.uk" in err
    assert "2. by web form" in err and "sent by email" in err
    assert recorded(capsys)["labour"]["channel"] == "email"


def test_an_answer_that_is_no_choice_records_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, _, err = run(capsys, "letter", "access", "--to", "labour", "--me", ME, "-o", str(tmp_path / "x.pdf"),
                       "--record", "--sent", "2026-11-02")
    assert code == 2 and "--via email" in err
    assert recorded(capsys) == {}
