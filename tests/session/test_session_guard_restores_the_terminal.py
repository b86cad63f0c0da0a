"""kill -9 of the session (Textual or --plain) in a real terminal (tmux): the small parent puts the
terminal back (no mouse mode, main screen, cursor shown, line settings as before) and clears the
screen and scrollback, so nothing of the patron is left to read (issue 19 item 4)."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from .conftest import PATRON, POSTCODE, STREET
from .test_plain_clears_the_terminal import _env, _hits
from .tmux import Pane, tmux_path

pytestmark = pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install -y tmux)")


@pytest.fixture
def pane(fresh_dirs, tmp_path):
    made: list[Pane] = []

    def start(*args: str) -> Pane:
        p = Pane(tmp_path, [sys.executable, "-m", "ydm", "session", *args], _env(fresh_dirs))
        made.append(p)
        return p

    yield start
    for p in made:
        p.close()


def _kill_the_session(p: Pane) -> str:
    """SIGKILL to the process that runs the session (the deepest one in the pane); the pane afterwards."""
    session = p.processes()[-1]
    os.kill(session, signal.SIGKILL)
    return p.wait_for("EXITED")


def _terminal_is_back(p: Pane, after: str) -> None:
    assert p.flag("alternate_on") == "0"            # the main screen, not the session's last one
    assert p.flag("mouse_any_flag") == "0"          # clicks no longer turn into escape codes
    assert p.flag("cursor_flag") == "1"             # the cursor is shown
    settings = after[after.index("EXITED"):]
    assert " icanon " in settings and " echo " in settings  # typed lines are edited and shown again


def test_kill_9_of_the_textual_session(pane):
    p = pane()
    p.wait_for("Welcome")
    p.key("Enter")
    p.wait_for("Question 1")
    p.key("Enter")                                  # find out what the parties know
    p.wait_for("Your name")
    p.type(PATRON)
    p.wait_for("Your postcode")
    p.type(POSTCODE, enter=False)                   # on the screen, as a patron is typing it
    assert POSTCODE in p.wait_for(POSTCODE)
    assert p.flag("alternate_on") == "1" and p.flag("mouse_any_flag") == "1"
    after = _kill_the_session(p)
    assert "EXITED 137" in after and "SIGKILL" in after
    assert _hits(after) == [], after
    _terminal_is_back(p, after)


def test_kill_9_of_the_plain_session(pane):
    p = pane("--plain")
    p.wait_for("Press Enter to start")
    for line, then in (("", "Question 1"), ("1", "Your name"), (PATRON, "Your postcode"),
                       (POSTCODE, "Your address")):
        p.type(line)
        p.wait_for(then)
    p.type(f"{STREET}, Edinburgh", enter=False)
    seen = p.wait_for(STREET)
    assert PATRON in seen and POSTCODE in seen      # echoed by the terminal: in its scrollback
    after = _kill_the_session(p)
    assert "EXITED 137" in after
    assert _hits(after) == [], after
    _terminal_is_back(p, after)


def test_ctrl_c_still_stops_the_plain_session(pane):
    p = pane("--plain")
    p.wait_for("Press Enter to start")
    p.type("")
    p.wait_for("Question 1")
    p.type("1")
    p.wait_for("Your name")
    p.type(PATRON)
    p.wait_for("Your postcode")
    p.key("C-c")
    after = p.wait_for("EXITED")
    assert "EXITED 130" in after and "Stopped. Everything was wiped." in after
    assert _hits(after) == [], after
    _terminal_is_back(p, after)


def test_a_normal_close_keeps_the_plain_goodbye(pane):
    p = pane("--plain")
    p.wait_for("Press Enter to start")
    p.type("q")
    after = p.wait_for("EXITED")
    assert "EXITED 0" in after and "Your Data Matters: guided session" in after  # not cleared: nothing to hide
    assert p.processes() == []                      # the pane runs only its sleep: no session left behind


def test_sigterm_to_the_parent_reaches_the_session_and_the_terminal_is_cleared(pane):
    p = pane()
    p.wait_for("Welcome")
    p.key("Enter")
    p.wait_for("Question 1")
    p.key("Enter")
    p.wait_for("Your name")
    p.type(PATRON, enter=False)
    p.wait_for(PATRON)
    parent, session = p.processes()[:2]
    os.kill(parent, signal.SIGTERM)                 # e.g. the computer shutting down
    after = p.wait_for("EXITED")
    assert "EXITED 143" in after and "SIGTERM" in after
    assert not os.path.exists(f"/proc/{session}")   # the session went with it (and was reaped)
    assert _hits(after) == [], after
    _terminal_is_back(p, after)


def test_the_child_gets_every_option_the_librarian_gave():
    """The parent runs `ydm session` again with the parsed options: none may be lost on the way."""
    from ydm.cli import build_parser, session_guard

    given = ["session", "--plain", "--printer", "front desk", "--timeout", "2.5", "--export-dir", "/media/usb",
             "--envelope", "c5"]
    args = build_parser().parse_args(given)
    again = build_parser().parse_args(session_guard.child_argv(args))
    assert vars(again) == vars(args)
    sub = next(a for a in build_parser()._subparsers._group_actions[0].choices.items() if a[0] == "session")[1]
    dests = {a.dest for a in sub._actions} - {"help"}
    assert dests == {"plain", "printer", "timeout", "export_dir", "envelope", "check"}, (
        "a new `ydm session` option: pass it on in session_guard.child_argv")
