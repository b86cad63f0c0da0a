"""What the patron copied (their letter, by OSC 52) is overwritten with a single space when they reach
Finish, and again at any wipe: an empty update is ignored by tmux and other terminals, which then keep
the letter. Finish says what happened to the clipboard."""

from __future__ import annotations

import base64

from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.reading import EmailScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen

from .test_app import answer_questions, choose

SPACE = "\x1b]52;c;" + base64.b64encode(b" ").decode() + "\a"


def osc52(writes: list[str]) -> list[str]:
    """The clipboard payloads the app sent to the terminal, decoded, in order."""
    out = []
    for data in writes:
        for part in data.split("\x1b]52;c;")[1:]:
            out.append(base64.b64decode(part.split("\a")[0]).decode())
    return out


def record_writes(app) -> list[str]:
    writes: list[str] = []
    app._driver.write = writes.append  # the headless driver writes nothing: keep what would be sent
    return writes


async def copy_the_letter(pilot) -> None:
    await answer_questions(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await choose(pilot, "email")
    assert isinstance(pilot.app.screen, EmailScreen)
    await pilot.press("enter")                       # "Copy text" has the focus
    await pilot.press("escape")
    await pilot.pause()


async def test_finish_overwrites_the_copied_letter_with_a_space_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await copy_the_letter(pilot)
        letter = osc52(writes)[-1]
        assert "UK GDPR" in letter
        await pilot.press("ctrl+n")                  # Finish
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert osc52(writes)[-1] == " " and SPACE in writes and app.clipboard == " "
        said = str(app.screen.query_one("#clipboard").render())
        assert "replaced with a blank space" in said
        await pilot.press("enter")                   # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.clipboard == " "


async def test_nothing_copied_nothing_sent(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await answer_questions(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "finish")
        assert "Nothing was copied" in str(app.screen.query_one("#clipboard").render())
        assert osc52(writes) == []


async def test_the_inactivity_wipe_overwrites_it_too(make_app, clock):
    app = make_app(SessionConfig(timeout=100))
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await copy_the_letter(pilot)
        clock.advance(100)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert osc52(writes)[-1] == " "
