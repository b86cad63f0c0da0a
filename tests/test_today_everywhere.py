"""`YDM_TODAY` fixes "today" for every face: the CLI and the plain guided session in real processes, and
the clock module's "now" for times and cache ages (the TUI and the Textual session: tests/tui/test_fixed_today.py).

The day chosen, 16 Jun 2031, is one no test run will have as its real date, so a face that read the wall
clock itself would print another one."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from ydm import clock
from ydm.errors import InputError

FIXED = date(2031, 6, 16)
LONG = "16 June 2031"


@pytest.fixture
def fixed_day(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", FIXED.isoformat())


def ydm(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "YDM_TODAY": FIXED.isoformat(), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "ydm", *argv], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_clock_follows_the_variable(fixed_day):
    assert clock.today() == FIXED
    assert clock.local_now().date() == FIXED
    assert clock.now().tzinfo is UTC and clock.now().astimezone().date() == FIXED
    assert datetime.fromtimestamp(clock.timestamp()).date() == FIXED


def test_clock_without_the_variable_is_the_wall_clock(monkeypatch, wall_clock):
    monkeypatch.delenv("YDM_TODAY", raising=False)
    wall_clock(date(2028, 2, 29))
    assert clock.today() == date(2028, 2, 29)
    assert clock.local_now().date() == date(2028, 2, 29)
    assert clock.now().astimezone().date() == date(2028, 2, 29)


def test_a_bad_variable_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "16/06/2031")
    with pytest.raises(InputError, match="YDM_TODAY='16/06/2031' is not a date"):
        clock.today()
    done = subprocess.run([sys.executable, "-m", "ydm", "holidays", "list"], capture_output=True, text=True,
                          env={**os.environ, "YDM_TODAY": "16/06/2031"}, timeout=60, check=False)
    assert done.returncode == 2 and done.stderr.startswith("ydm: error: YDM_TODAY=") and "Traceback" not in done.stderr


def test_date_of_birth_is_checked_against_the_fixed_day(fixed_day):
    from ydm.profile import validate_dob

    assert validate_dob("2031-06-16") == "16 June 2031"
    with pytest.raises(InputError, match="in the future"):
        validate_dob("2031-06-17")


def test_cli_letter_and_holidays_use_the_fixed_day():
    done = ydm("letter", "access", "--to", "libdems", "--name", "Alex Example", "--email", "alex@example.org")
    assert done.returncode == 0, done.stderr
    assert LONG in done.stdout
    done = ydm("holidays", "list", "--json")
    assert done.returncode == 0, done.stderr
    assert '"2031-' in done.stdout and '"2026-' not in done.stdout


def test_cli_email_is_dated_the_fixed_day(tmp_path):
    out = tmp_path / "letter.eml"
    done = ydm("letter", "access", "--to", "libdems", "--name", "Alex Example", "--email", "alex@example.org",
               "--format", "eml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    import email

    msg = email.message_from_bytes(out.read_bytes())
    assert email.utils.parsedate_to_datetime(msg["Date"]).date() == FIXED


def test_plain_session_letters_carry_the_fixed_day(tmp_path):
    from tests.session.test_plain import WHOLE

    feed = "\n".join([*WHOLE, "3", "", "q"]) + "\n"  # read the sheet aloud, finish, close
    env = {**os.environ, "YDM_TODAY": FIXED.isoformat(), "PYTHONDONTWRITEBYTECODE": "1", "YDM_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ydm", "session", "--plain"], input=feed, text=True,
                          capture_output=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert LONG in done.stdout


def test_no_module_reads_the_wall_clock_but_the_clock():
    """`date.today()`, `datetime.now()`, `time.time()` and kin only in ydm/clock.py (monotonic timers are
    intervals, not the date, and are allowed)."""
    import re
    from pathlib import Path

    root = Path(clock.__file__).parent
    pattern = re.compile(r"\b(date\.today|datetime\.(now|today|utcnow)|time\.(time|time_ns|localtime|gmtime))\(")
    found = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py") if path.name != "clock.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []
