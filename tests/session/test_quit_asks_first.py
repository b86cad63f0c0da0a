"""Ctrl+C (the copy reflex beside the Copy buttons) and Ctrl+Q ask before they end a guided session:
No is the default and keeps the patron's work; a confirmed quit still wipes and leaves no trace."""

from __future__ import annotations

import pytest

from ydm.tui.screens.guided.idle import QuitQuestion
from ydm.tui.screens.guided.question import QuestionScreen

from .conftest import PATRON, scan


@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
async def test_quit_key_asks_and_enter_keeps_the_work(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, QuitQuestion)
        assert "Stop and wipe everything?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press(key)                       # pressed again: still one question, not a yes
        await pilot.pause()
        assert sum(isinstance(s, QuitQuestion) for s in app.screen_stack) == 1
        await pilot.press("enter")                   # the focus starts on No
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.is_running
        assert app.session.answers["name"] == PATRON


async def test_escape_or_n_is_no_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        for no in ("escape", "n"):
            await pilot.press("ctrl+c")
            await pilot.pause()
            await pilot.press(no)
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen) and app.session.answers["name"] == PATRON


@pytest.mark.parametrize("yes", ["y", "shift+tab enter"])
async def test_a_confirmed_quit_wipes_and_exits(make_app, fresh_dirs, yes):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        await pilot.press(*yes.split())              # y, or the Yes button (before No) with Enter
        await pilot.pause()
        assert app.session.answers == {}             # wiped at once, before the app is gone
        assert app.return_code == 0
    assert scan(fresh_dirs.values()) == []


async def test_the_timeout_still_wipes_while_the_question_is_open(make_app, clock):
    from ydm.session.flow import SessionConfig
    from ydm.tui.screens.guided.welcome import WelcomeScreen

    app = make_app(SessionConfig(timeout=100))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        await pilot.press("ctrl+c")                  # asked, and the patron walks away
        await pilot.pause()
        for step in (80, 20):
            clock.advance(step)
            app.check_inactivity()
            await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.session.answers == {}
        assert not any(isinstance(s, QuitQuestion) for s in app.screen_stack)
