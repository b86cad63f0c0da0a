"""`ydm session --plain` in a real terminal (tmux): after Finish and after the inactivity wipe, the
next person can scroll back and find nothing of the patron (issue 19 item 1)."""

from __future__ import annotations

import os
import re
import sys

import pytest

from .conftest import PATRON, POSTCODE, STREET, TODAY
from .test_plain import WHOLE
from .tmux import Pane, tmux_path

pytestmark = pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install -y tmux)")

NEEDLES = (PATRON, STREET, POSTCODE, POSTCODE.replace(" ", ""), "Reference YDM-", "END OF LETTER")


def _env(fresh_dirs) -> dict[str, str]:
    return {"YDM_HOME": os.environ["YDM_HOME"], "YDM_TODAY": TODAY.isoformat(), "PYTHONDONTWRITEBYTECODE": "1",
            "TMPDIR": str(fresh_dirs["tmp"]), "PATH": os.environ.get("PATH", ""), "HOME": str(fresh_dirs["home"]),
            "PYTHONPATH": os.pathsep.join(sys.path)}


def _hits(text: str) -> list[str]:
    folded = text.casefold()
    return [n for n in NEEDLES if n.casefold() in folded]


@pytest.fixture
def pane(fresh_dirs, tmp_path):
    made: list[Pane] = []

    def start(*args: str) -> Pane:
        p = Pane(tmp_path, [sys.executable, "-m", "ydm", "session", "--plain", *args], _env(fresh_dirs))
        made.append(p)
        return p

    yield start
    for p in made:
        p.close()


def _answer(p: Pane, line: str) -> str:
    """Type one answer when asked, and wait for the next question's prompt."""
    asked = p.history().count("\n> ")
    p.type(line)
    return p.wait_for("\n> ", count=asked + 1)


def _answer_everything(p: Pane) -> None:
    p.wait_for("Press Enter to start")
    for line in WHOLE:
        _answer(p, line)
    p.wait_for("What would you like to take with you?")


def test_finish_leaves_nothing_to_scroll_back_to(pane):
    p = pane()
    _answer_everything(p)
    menu = p.history()
    sheet = re.search(r"(\d+)\. Read the take-home sheet here", menu).group(1)
    p.type(sheet)                                    # the sheet read out: the whole plan in the scrollback
    seen = p.wait_for("If there is no answer")
    assert PATRON in seen and STREET in seen          # the patron's words really were on the terminal
    finish = re.search(r"(\d+)\. Finish", p.history()).group(1)
    p.type(finish)
    p.wait_for("Press Enter to wipe everything")
    p.type("")
    p.wait_for("Everything was wiped. Thank you.")
    after = p.wait_for("Press Enter to start")       # ready for the next patron
    assert _hits(after) == [], after
    assert "\x1b" not in after
    assert p.flag("alternate_on") == "0"


def test_the_inactivity_wipe_clears_the_scrollback_too(pane):
    p = pane("--timeout", "0.1")                     # 6 seconds: warned after 4.8, then wiped
    p.wait_for("Press Enter to start")
    _answer(p, "")
    _answer(p, "1")
    seen = _answer(p, PATRON)
    assert PATRON in seen and "Nobody answered" not in seen  # the name is on the terminal, not yet wiped
    p.wait_for("Nobody answered, so everything was wiped.")
    after = p.wait_for("Press Enter to start")
    assert _hits(after) == [], after


def test_the_welcome_tells_the_librarian_which_terminals_clear(pane):
    p = pane()
    seen = p.wait_for("Press Enter to start")
    assert "GNU screen does not" in seen and "Close the window after each patron" in seen
    p.type("q")
    assert "EXITED 0" in p.wait_for("EXITED")
