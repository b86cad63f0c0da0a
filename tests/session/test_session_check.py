"""`ydm session --check`: the librarian's checklist of what the computer may keep of a patron (issue 19
item 6): CUPS's spool read from a generated cupsd.conf, the export folder, the terminal, the browser."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ydm.session import computer


def _spool(tmp_path, conf: str):
    path = tmp_path / "cupsd.conf"
    path.write_text(conf)
    return computer.print_spool(path, which=lambda name: "/usr/bin/lp")


DEBIAN_LIKE = """# Sample configuration file for the CUPS scheduler.
LogLevel warn
MaxLogSize 0
Listen localhost:631
<Location />
  Order allow,deny
  PreserveJobFiles No
</Location>
"""


def test_cups_default_keeps_printed_letters_for_a_day(tmp_path):
    check = _spool(tmp_path, DEBIAN_LIKE)  # the setting only inside a <Location> block: not top-level
    assert check.status == "fix"
    assert "for 1 day after printing" in check.text and "PreserveJobFiles is not set" in check.text
    assert check.fix.startswith("sudo cupsctl PreserveJobFiles=No")


@pytest.mark.parametrize(("lines", "status", "words"), [
    ("PreserveJobFiles No", "ok", "PreserveJobFiles No"),
    ("PreserveJobFiles off\nPreserveJobHistory Yes", "ok", "PreserveJobFiles off"),
    ("PreserveJobHistory No", "ok", "PreserveJobHistory No"),             # documents go with the history
    ("PreserveJobFiles Yes", "fix", "until CUPS's job limit"),
    ("PreserveJobFiles 2h", "fix", "for 2 hours after printing"),
    ("PreserveJobFiles 7200", "fix", "for 2 hours after printing"),
    ("PreserveJobFiles Yes\nPreserveJobHistory 30m", "fix", "for 30 minutes after printing"),
])
def test_cups_settings_are_read(tmp_path, lines, status, words):
    check = _spool(tmp_path, f"LogLevel warn\n{lines}\n")
    assert (check.status, words in check.text) == (status, True), check


def test_an_unreadable_or_missing_cups_file_is_said(tmp_path):
    unreadable = computer.print_spool(tmp_path, which=lambda name: "/usr/bin/lp")  # a folder: cannot be read
    assert unreadable.status == "note" and "could not be read" in unreadable.text and "sudo grep" in unreadable.fix
    missing = computer.print_spool(tmp_path / "none.conf", which=lambda name: "/usr/bin/lp")
    assert missing.status == "note" and "cannot tell" in missing.text
    no_cups = computer.print_spool(tmp_path / "none.conf", which=lambda name: None)
    assert no_cups.status == "ok" and "CUPS is not installed" in no_cups.text


@pytest.mark.parametrize(("env", "status", "words"), [
    ({"STY": "1234.pts-0", "TERM": "screen"}, "fix", "GNU screen"),
    ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color"}, "ok", "tmux"),
    ({"VTE_VERSION": "7600", "TERM": "xterm-256color"}, "ok", "VTE"),
    ({"TERM_PROGRAM": "iTerm.app"}, "note", "Prevent CSI 3 J"),
    ({"TERM": "dumb"}, "note", "cannot tell"),
])
def test_the_terminal_is_named(env, status, words):
    check = computer.terminal(env)
    assert (check.status, words in check.text) == (status, True), check


def test_the_browser_advice_gives_the_commands_for_the_browsers_here():
    check = computer.browser(lambda name: f"/usr/bin/{name}" if name in ("chromium", "firefox") else None)
    assert "chromium --guest http://127.0.0.1:8000/" in check.fix
    assert "firefox --private-window http://127.0.0.1:8000/" in check.fix
    assert "Downloads" in check.text


def _check_cli(tmp_path, *args, conf: str | None = DEBIAN_LIKE):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TERM": "xterm-256color"}
    for name in ("TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "TERM_PROGRAM", "WT_SESSION"):
        env.pop(name, None)
    if conf is not None:
        (tmp_path / "cupsd.conf").write_text(conf)
        env[computer.CUPSD_ENV] = str(tmp_path / "cupsd.conf")
    return subprocess.run([sys.executable, "-m", "ydm", "session", "--check", *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)


def test_the_checklist_through_the_cli(isolated_home, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "ydm-letters.pdf").write_bytes(b"%PDF-1.4")
    done = _check_cli(tmp_path, "--export-dir", str(usb))
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    assert "[fix] Print spool: CUPS keeps a copy of every printed document" in out
    assert f"[fix] Export folder: {usb} is not empty: 1 file (ydm-letters.pdf)" in out
    assert "[ok] Terminal scrollback:" in out and "[note] Browser (ydm serve only):" in out
    assert out.rstrip().endswith("2 things to change (marked fix).")
    assert "\x1b" not in out


def test_a_clean_computer_has_nothing_to_change(isolated_home, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    done = _check_cli(tmp_path, "--export-dir", str(usb), conf="PreserveJobFiles No\n")
    assert done.returncode == 0
    assert f"[ok] Export folder: {usb} is empty." in done.stdout and "[ok] Print spool" in done.stdout
    assert done.stdout.rstrip().endswith("Nothing to change.")


def test_a_missing_export_folder_is_an_item_not_an_error(isolated_home, tmp_path):
    done = _check_cli(tmp_path, "--export-dir", str(tmp_path / "unplugged"))
    assert done.returncode == 0 and done.stderr == ""
    assert "[fix] Session settings: the export folder" in done.stdout and "does not exist" in done.stdout


def test_finish_in_a_browser_says_what_it_still_holds_and_how_to_clear_it():
    said = computer.browser_leftovers(["ydm-letters.pdf (downloaded in your browser)",
                                       "ydm-take-home-sheet.pdf (downloaded in your browser)"])
    assert "(ydm-letters.pdf, ydm-take-home-sheet.pdf) in its Downloads folder" in said
    assert "delete them from the Downloads folder and empty the bin" in said
    assert "Ctrl+J" in said and "Ctrl+Shift+Y" in said and "close this browser window" in said
    assert "cache has nothing of you" in said
    assert computer.browser_leftovers([]).startswith("You downloaded nothing.")
