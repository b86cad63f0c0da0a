"""`ydm session --plain`: the same flow as numbered prompts, fed from a script or real stdin; no trace."""

from __future__ import annotations

import os
import subprocess
import sys

from ydm.cli.plain_session import PlainSession
from ydm.session.flow import Session, SessionConfig

from .conftest import PATRON, POSTCODE, STREET, TODAY, scan

TIMEOUT = object()


class Script:
    """Answers in order; TIMEOUT means nobody typed anything before the time ran out."""

    def __init__(self, lines) -> None:
        self.lines = list(lines)
        self.timeouts: list[float | None] = []

    def readline(self, timeout):
        self.timeouts.append(timeout)
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        return None if line is TIMEOUT else line


def run(lines, config=None, **kw):
    said: list[str] = []
    session = Session(config or SessionConfig(), today=TODAY, lookup=lambda pc: None)
    script = Script(lines)
    code = PlainSession(session, input=script, write=said.append, **kw).run()
    return code, "".join(said), session, script


WHOLE = [
    "",                       # welcome: start
    "1",                      # find out what the parties know
    PATRON,
    POSTCODE,
    f"{STREET}, Edinburgh",
    "",                       # no email
    "",                       # keep every party ticked
    "3",                      # email from my own email
]


def test_whole_plain_session_reads_like_a_conversation(fresh_dirs, fake_lp):
    cfg = SessionConfig(printer="desk")
    code, said, session, script = run([*WHOLE, "4", "3", "9", "", "q"], cfg)  # sheet, email, Finish
    assert code == 0
    assert "Question 1: What to do" in said and "Question 2 of 7: Your name" in said
    assert "Why we ask:" in said
    assert "1. Find out what the parties know about me" in said
    assert "Answer due by" in said and "Reference YDM-" in said
    assert "Email 1 of" in said and "END OF LETTER" in said          # email text with the address
    assert fake_lp()[0]["args"][:2] == ["-d", "desk"]                  # the letters were printed
    assert "No files were saved on this computer." in said
    assert "Everything was wiped." in said
    assert "\x1b" not in said                                          # no colour, no cursor tricks
    assert session.answers == {} and session.store.count() == 0
    assert scan(fresh_dirs.values()) == []
    assert script.timeouts[0] == cfg.warn_after


def test_numbered_choices_are_checked(fresh_dirs):
    _code, said, _s, _ = run(["", "9", "1", "  ", PATRON, "back", "back", "q"])
    assert said.count("Question 1: What to do") >= 2
    assert "Sorry: 9 is not one of the options (they are numbered from 1 to 4)." in said
    assert "Sorry: Please type your name." in said


def test_timeout_warns_then_wipes_and_starts_again(fresh_dirs):
    cfg = SessionConfig(timeout=100)
    _code, said, session, script = run(["", "1", PATRON, TIMEOUT, TIMEOUT, "q"], cfg)
    assert "Are you still there? Press Enter within 20 seconds" in said
    assert "everything was wiped" in said
    assert said.count("Press Enter to start") == 2  # back at the welcome
    assert session.answers == {}
    assert script.timeouts[3:5] == [cfg.warn_after, cfg.timeout - cfg.warn_after]


def test_a_warning_answered_in_time_keeps_the_answers(fresh_dirs):
    _code, said, _session, _script = run(["", "1", PATRON, TIMEOUT, "", POSTCODE])
    assert "Are you still there?" in said
    assert "everything was wiped" not in said
    assert said.count("Type your answer (like SW1A 1AA).") == 2  # asked again after the warning
    assert "Question 4 of" in said  # and its answer was taken


def test_export_is_the_only_trace(fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    cfg = SessionConfig(export_dir=usb)
    _code, said, _s, _ = run([*WHOLE, "2", "5", "9", "keep", "q"], cfg)  # save both, finish, on my own stick
    assert "Saved ydm-letters.pdf" in said and "Saved ydm-take-home-sheet.pdf" in said
    assert "You kept the files." in said
    assert f"- {usb}" in said
    hits = scan([*fresh_dirs.values(), usb])
    assert hits and all(path.startswith(str(usb)) for path, _ in hits)


def test_real_stdin_through_the_cli(fresh_dirs):
    env = {**os.environ, "YDM_TODAY": TODAY.isoformat(), "PYTHONDONTWRITEBYTECODE": "1"}
    feed = "\n".join([*WHOLE, "8", "9", "", "q"]) + "\n"  # read the sheet aloud, finish, close
    done = subprocess.run([sys.executable, "-m", "ydm", "session", "--plain"], input=feed, text=True, check=False,
                          capture_output=True, env=env, cwd=fresh_dirs["cwd"], timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Your Data Matters: your letters and what happens next" in done.stdout
    assert "Everything was wiped." in done.stdout
    assert done.stderr == ""
    assert scan(fresh_dirs.values()) == []


def test_every_wipe_clears_the_terminal_and_nothing_else_does(fresh_dirs):
    """Finish, the inactivity wipe and the end of input each clear the screen and scrollback (issue 19
    item 1); the clear comes after the patron's last words and before the goodbye."""
    cleared: list[int] = []
    said: list[str] = []
    session = Session(SessionConfig(timeout=100), today=TODAY, lookup=lambda pc: None)
    lines = ["", "1", PATRON, TIMEOUT, TIMEOUT, *WHOLE, "9", ""]  # timeout; then a whole session, Finish; EOF
    PlainSession(session, input=Script(lines), write=said.append, clear=lambda: cleared.append(len(said))).run()
    text = "".join(said)
    assert len(cleared) == 3
    before_timeout, before_finish = ("".join(said[:n]) for n in cleared[:2])
    assert "Question 3 of" in before_timeout and "Nobody answered" not in before_timeout
    assert "Press Enter to wipe everything" in before_finish and "Everything was wiped. Thank you." not in before_finish
    assert "".join(said[cleared[2]:]).strip() == "Input ended. Everything was wiped."
    assert "\x1b" not in text
