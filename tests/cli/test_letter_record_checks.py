"""`ydm letter --record` and its checks: a backdated letter is dated and worded for its sending day, no
"sent by post" without an address nor "by email" without one, nothing written before every check passed;
one-line argparse errors, one exit code for an unknown nation, and plain wording."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ydm.cli import main
from ydm.store.db import open_store

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-03-20")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def stored_count() -> int:
    with open_store() as s:
        return s.count()


# --- A2: --record --sent in the past dates the letter that day, with that day's law ----------------


def test_a_backdated_letter_is_dated_and_worded_for_its_sending_day(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record",
                         "--sent", "2026-01-10")
    assert code == 0, err
    assert "10 January 2026" in out and "20 March 2026" not in out
    # received before 5 Feb 2026: the old Art 12(3), not Art 12A (SI 2026/82 reg 4)
    assert "12A" not in out and "(Article 12(3) UK GDPR)" in out
    code, out, _ = run(capsys, "requests", "list", "--json")
    (r,) = json.loads(out)["requests"]
    assert [(e["kind"], e["on"]) for e in r["events"]] == [("drafted", "2026-01-10"), ("sent", "2026-01-10")]
    code, out, _ = run(capsys, "requests", "show", r["ref"], "--letters")
    assert "10 January 2026" in out and "12A" not in out


def test_a_letter_without_sent_is_dated_today(capsys):
    code, out, _ = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record")
    assert code == 0 and "20 March 2026" in out and "12A" in out


# --- B6: not recorded as sent by post without an address, nor by email without an email -----------


def test_no_postal_address_cannot_be_recorded_as_posted(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "labour", "--address", "1 Road, Town",
                         "--postcode", "SW1A 1AA", "--name", "Alex Example", "--record", "--sent", "2026-03-18",
                         "--via", "first-class")
    assert code == 2 and out == ""
    assert err.startswith("ydm: error:") and err.count("\n") == 1
    assert "Labour" in err and "first-class post" in err and "--address-to" in err and "--via email" in err
    assert stored_count() == 0


def test_nothing_known_cannot_be_recorded_as_sent_by_default(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME, "--record",
                         "--sent", "2026-03-18")
    assert code == 2 and out == "" and "Sinn Féin" in err and "--address-to" in err
    assert stored_count() == 0


def test_no_email_cannot_be_recorded_as_emailed(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME, "--record",
                       "--sent", "2026-03-18", "--via", "email")
    assert code == 2 and "Sinn Féin" in err and "as sent by email" in err and "--email-to" in err
    code, _, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME, "--record",
                       "--sent", "2026-03-18", "--via", "email", "--email-to", "dpo@example.org")
    assert code == 0, err


def test_a_batch_with_one_unsendable_letter_records_none(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--to", "sinn-fein", "--me", ME,
                         "--record", "--sent", "2026-03-18")
    assert code == 2 and out == "" and "Sinn Féin" in err
    assert stored_count() == 0


def test_a_draft_with_a_placeholder_is_still_fine(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME, "--record")
    assert code == 0 and "ADDRESS NEEDED" in out and "warning" in err and "drafted" in err
    assert stored_count() == 1


def test_a_given_address_can_be_recorded_as_posted(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME, "--record",
                       "--sent", "2026-03-18", "--address-to", "1 Example Street, Belfast, BT1 1AA")
    assert code == 0, err
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert json.loads(out)["requests"][0]["channel"] == "first-class"


# --- B7: every check before any output; no half state ---------------------------------------------


@pytest.mark.parametrize("sent", ["2027-01-01", "2026-13-01"])
def test_bad_sent_dates_write_nothing(capsys, tmp_path, monkeypatch, sent):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record",
                         "--sent", sent, "-o", "fut.txt")
    assert code == 2 and out == "" and "wrote" not in err and not (tmp_path / "fut.txt").exists()
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record", "--sent", sent)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_a_store_that_cannot_be_opened_stops_before_any_output(capsys, tmp_path):
    from ydm.store.db import default_path

    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_bytes(b"not a database at all, but something else entirely" * 4)
    out_file = tmp_path / "letter.txt"
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record", "-o", str(out_file))
    assert code == 5 and not out_file.exists() and "wrote" not in err
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record")
    assert code == 5 and out == ""


def test_a_recording_failure_leaves_no_file(capsys, tmp_path):
    first = tmp_path / "first.txt"
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record",
                       "--reference", "YDM-AAAAA", "-o", str(first))
    assert code == 0 and first.exists(), err
    second = tmp_path / "second.txt"
    code, out, err = run(capsys, "letter", "access", "--to", "labour", "--me", ME, "--record",
                         "--reference", "YDM-AAAAA", "-o", str(second))
    assert code == 5 and "already exists" in err and "wrote" not in err
    assert not second.exists() and not list(tmp_path.glob(".second.txt.*"))  # no staged leftovers
    assert stored_count() == 1


def test_a_failure_to_put_files_in_place_undoes_the_recording(capsys, tmp_path, monkeypatch):
    from ydm.cli import staging
    from ydm.errors import OutputError

    def refuse(self):
        self.discard()
        raise OutputError("cannot write letters/x.txt: No space left on device")

    monkeypatch.setattr(staging.Staged, "commit", refuse)
    folder = tmp_path / "letters"
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--to", "labour", "--me", ME,
                         "--record", "--sent", "2026-03-18", "-o", str(folder) + "/")
    assert code == 7 and "No space" in err and "recorded" not in err
    assert stored_count() == 0 and not folder.exists()  # the folder it made is gone again, empty


def test_a_batch_of_channels_is_recorded_in_one_go(capsys, tmp_path):
    folder = tmp_path / "letters"
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--to", "sinn-fein", "--me", ME,
                       "--record", "-o", str(folder) + "/")
    assert code == 0 and "recorded 2 request(s)" in err
    assert len(list(folder.iterdir())) == 2
    code, out, _ = run(capsys, "requests", "list", "--json")
    channels = {r["org_id"]: r["channel"] for r in json.loads(out)["requests"]}
    assert channels == {"libdems": "email", "sinn-fein": "first-class"}


# --- B9: one line for argparse errors ---------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["letter", "access", "--to", "libdems", "--format", "docx"],
    ["requests", "list", "--due-within", "abc"],
    ["config", "set-key", "foo"],
    ["nosuch"],
])
def test_argparse_errors_are_one_line(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    _, err = capsys.readouterr()
    assert exc.value.code == 2
    assert err.startswith("ydm: error: ") and err.count("\n") == 1, err
    assert "--help" in err  # the hint, on the same line


def test_argparse_error_from_the_console_script_is_one_line():
    done = subprocess.run([sys.executable, "-m", "ydm", "letter", "access", "--format", "docx"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("ydm: error: argument --format") and done.stderr.count("\n") == 1


# --- B10: an unknown nation is bad input everywhere -------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["orgs", "--elected-in", "narnia"],
    ["orgs", "--elected-in", "narnia", "--json"],
    ["letter", "access", "--to", "elected-parties", "--in", "narnia", "--me", ME],
    ["letter", "access", "--to", "all-parties", "--in", "narnia", "--me", ME],
])
def test_unknown_nation_is_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and "unknown nation 'narnia'" in err
    # nothing on stdout, or under --json the error object (tests/cli/test_cli_json_errors_and_schema.py)
    assert out == "" if "--json" not in argv else '"exit_code": 2' in out


# --- D: wording -------------------------------------------------------------------------------------


def _recorded(capsys, sent: str) -> str:
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--record", "--sent", sent)
    assert code == 0, err
    code, out, _ = run(capsys, "requests", "list", "--json")
    return json.loads(out)["requests"][0]["ref"]


def test_show_says_1_day_ago_not_1_days(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    ref = _recorded(capsys, "2026-10-24")
    code, out, _ = run(capsys, "requests", "show", ref, "--json")
    due = json.loads(out)["due"]
    from datetime import date, timedelta

    due_day = date.fromisoformat(due)
    for delta, words in ((1, "(1 day ago)"), (2, "(2 days ago)"), (0, "(today)"), (-1, "(1 day)"), (-2, "(2 days)")):
        monkeypatch.setenv("YDM_TODAY", (due_day + timedelta(days=delta)).isoformat())
        code, out, _ = run(capsys, "requests", "show", ref)
        due_line = next(line for line in out.splitlines() if line.startswith("due"))
        assert due_line.endswith(words), due_line
        assert "1 days" not in out


def test_nothing_to_send_is_said_once(capsys):
    ref = _recorded(capsys, "2026-02-10")
    assert run(capsys, "requests", "mark", ref, "response-received", "--on", "2026-03-01")[0] == 0
    code, out, err = run(capsys, "requests", "next", ref)
    assert code == 0 and out == ""
    assert err.count("nothing to send") == 1 and ref in err and "answered" in err


def test_send_checks_the_reference_before_the_setup(capsys):
    _recorded(capsys, "2026-03-10")
    code, _, err = run(capsys, "send", "YDM-NOPE1")
    assert code == 3 and "no request with reference YDM-NOPE1" in err
    assert "set up" not in err
    with open_store() as s:
        ref = s.list()[0].ref
    code, _, err = run(capsys, "send", ref, "--again")  # a known request, no SMTP settings yet
    assert code == 3 and "not set up" in err
