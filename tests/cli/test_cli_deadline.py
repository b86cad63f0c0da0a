"""`ydm deadline` through ydm.cli.main (capsys) and, twice, as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ydm.cli import main
from ydm.law import holidays_uk

ROOT = Path(__file__).resolve().parents[2]
YDM = ROOT / ".venv" / "bin" / "ydm"


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


def run_json(capsys, *argv):
    assert main(["deadline", *argv, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def test_json_vector_6(capsys):
    got = run_json(capsys, "--received", "2026-01-31")
    assert got["due"] == "2026-03-02" and got["due_weekday"] == "Monday"
    assert got["relevant_time"] == "2026-01-31"
    assert got["nation"] == "england-and-wales" and got["kind"] == "access"
    assert got["regime"] == "pre-duaa"
    assert got["steps"][0] == "received Sat 31 Jan 2026"
    assert "no 31 Feb" in got["steps"][1] and "a Saturday" in got["steps"][2]
    assert got["extension_notice_by"] == "2026-03-02"


def test_json_vector_26_clarification_and_extension(capsys):
    got = run_json(
        capsys, "--received", "2026-11-02", "--clarification", "2026-11-05:2026-11-16", "--extended"
    )
    assert got["due"] == "2027-02-15" and got["regime"] == "article-12a"
    assert got["paused_days"] == 12 and got["extended"] is True
    assert got["extension_notice_by"] == "2026-12-14"
    assert got["clarifications"] == [{"asked": "2026-11-05", "answered": "2026-11-16", "days": 12}]


def test_json_vector_19_id(capsys):
    got = run_json(capsys, "--received", "2026-11-02", "--id-received", "2026-11-10")
    assert got["due"] == "2026-12-10" and got["relevant_time"] == "2026-11-10"


def test_json_fee_is_latest(capsys):
    got = run_json(
        capsys, "--received", "2026-11-02", "--id-received", "2026-11-05", "--fee-received", "2026-11-12"
    )
    assert got["relevant_time"] == "2026-11-12" and got["relevant_reason"] == "fee received"


def test_json_complaint_reports_both_readings(capsys):
    got = run_json(capsys, "--received", "2026-11-02", "--kind", "complaint")
    assert got["due"] == "2026-12-02" and got["regime"] == "s164a"
    assert got["reading"] == "day-after"
    assert got["alternative"] == {"reading": "inclusive", "due": "2026-12-01", "weekday": "Tuesday"}
    assert "ICO" in got["notes"][0]
    assert got["extension_notice_by"] is None


@pytest.mark.parametrize(
    ("nation", "due", "calendar"),
    [
        ("england-and-wales", "2026-04-07", "england-and-wales"),
        ("wales", "2026-04-07", "england-and-wales"),
        ("northern-ireland", "2026-04-07", "northern-ireland"),
        ("scotland", "2026-04-06", "scotland"),
    ],
)
def test_json_nations_vector_16(capsys, nation, due, calendar):
    got = run_json(capsys, "--received", "2026-03-06", "--nation", nation)
    assert got["due"] == due and got["nation"] == nation and got["calendar"] == calendar


def test_json_sent_by_post(capsys):
    got = run_json(capsys, "--sent", "2026-11-27", "--via", "first-class", "--nation", "scotland")
    assert got["received"] == "2026-12-02"  # 30 Nov is St Andrew's Day
    assert got["sent"] == "2026-11-27" and got["via"] == "first-class"
    assert got["due"] == "2027-01-05"  # as vector 18: Sat 2 Jan, then Scotland's substitute Mon 4 Jan
    assert "second working day" in got["steps"][0]


def test_objection_kinds(capsys):
    got = run_json(capsys, "--received", "2026-11-02", "--kind", "object-marketing")
    assert got["due"] == "2026-12-02"


def test_human_output(capsys):
    assert main(["deadline", "--received", "2026-01-31"]) == 0
    out = capsys.readouterr().out
    assert "Due: by the end of Monday 2 Mar 2026" in out
    assert "received Sat 31 Jan 2026 → one month: no 31 Feb, so Sat 28 Feb 2026 → a Saturday" in out
    assert "old Art 12(3)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--received", "2026-13-01"], "--received: '2026-13-01' is not a date"),
        (["--received", "22/11/2026"], "is not a date"),
        (["--received", "2026-11-2"], "is not a date"),
        (["--received", "2026-11-02", "--id-received", "yesterday"], "--id-received"),
        (["--received", "2026-11-02", "--clarification", "2026-11-09:2026-11-05"], "before the question"),
        (["--received", "2026-11-02", "--clarification", "2026-11-09"], "ASKED:RECEIVED"),
        (["--received", "2026-11-02", "--id-received", "2026-11-01"], "ID received (2026-11-01) is before"),
        (["--received", "2026-11-02", "--nation", "mercia"], "unknown nation 'mercia'"),
        (["--received", "2026-11-02", "--kind", "reminder"], "unknown kind 'reminder'"),
        (["--received", "2026-11-02", "--kind", "nonsense"], "unknown kind"),
        (
            [
                "--received",
                "2026-11-02",
                "--kind",
                "object-marketing",
                "--clarification",
                "2026-11-05:2026-11-06",
            ],
            "applies only to access requests",
        ),
        (["--received", "2026-11-02", "--kind", "complaint", "--extended"], "--extended: a complaint"),
        (["--received", "2026-11-02", "--sent", "2026-11-01", "--via", "email"], "not both"),
        (["--sent", "2026-11-02"], "--sent needs --via"),
        (["--sent", "2026-11-02", "--via", "pigeon"], "unknown channel 'pigeon'"),
        (["--received", "2026-11-02", "--via", "email"], "--via goes with --sent"),
        ([], "say when it arrived"),
    ],
)
def test_errors(capsys, argv, message):
    code = main(["deadline", *argv])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("ydm: error: ")
    assert message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def _write_govuk(home: Path, extra: dict) -> None:
    """A small valid GOV.UK file: 2026 for all three divisions plus a fictional one-off holiday."""

    def div(slug, events):
        return {
            "division": slug,
            "events": [{"title": t, "date": d, "notes": "", "bunting": True} for t, d in events],
        }

    base = [("Christmas Day", "2026-12-25"), ("Boxing Day", "2026-12-28")]
    data = {
        "england-and-wales": div("england-and-wales", base + extra.get("england-and-wales", [])),
        "scotland": div("scotland", base),
        "northern-ireland": div("northern-ireland", base),
    }
    cache = home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / holidays_uk.GOVUK_CACHE_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_govuk_file_takes_precedence_in_cli(capsys, isolated_home):
    before = run_json(capsys, "--received", "2026-11-02")
    assert before["due"] == "2026-12-02"
    _write_govuk(isolated_home, {"england-and-wales": [("Fictional Jubilee", "2026-12-02")]})
    holidays_uk.clear_cache()
    after = run_json(capsys, "--received", "2026-11-02")
    assert after["due"] == "2026-12-03" and after["holiday_source"] == ["gov.uk"]
    assert "Fictional Jubilee" in after["steps"][-1]


def test_malformed_govuk_file_warns_and_falls_back(capsys, isolated_home):
    cache = isolated_home / "cache"
    cache.mkdir(parents=True)
    (cache / holidays_uk.GOVUK_CACHE_NAME).write_text('{"scotland": []}', encoding="utf-8")
    assert main(["deadline", "--received", "2026-11-25", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["due"] == "2026-12-29"
    assert captured.err.startswith("ydm: warning: ignoring ")
    assert "using the built-in bank holidays" in captured.err


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["YDM_HOME"] = str(home)
    return env


@pytest.mark.skipif(not YDM.exists(), reason="needs the .venv console script")
def test_subprocess_json(isolated_home):
    proc = subprocess.run(
        [str(YDM), "deadline", "--received", "2026-11-25", "--nation", "scotland", "--json"],
        check=False,
        capture_output=True,
        text=True,
        env=_env(isolated_home),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["due"] == "2026-12-29"


@pytest.mark.skipif(not YDM.exists(), reason="needs the .venv console script")
def test_subprocess_error(isolated_home):
    proc = subprocess.run(
        [str(YDM), "deadline", "--received", "2026-02-30"],
        check=False,
        capture_output=True,
        text=True,
        env=_env(isolated_home),
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("ydm: error: --received: '2026-02-30' is not a date")
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_deadline_path_stays_light(isolated_home):
    code = (
        "import sys\n"
        "from ydm.cli import main\n"
        "main(['deadline', '--received', '2026-11-25', '--json'])\n"
        "bad = [m for m in ('textual', 'requests', 'keyring', 'cryptography') if m in sys.modules]\n"
        "sys.stderr.write(repr(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=_env(isolated_home),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "[]"
