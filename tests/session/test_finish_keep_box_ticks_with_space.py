"""At Finish, Space ticks "Keep them: ... is my own USB stick" wherever the focus is (the footer says
so): the help said "move to the box with Tab and tick it with Space", but Tab from Finish lands on the
text above the box, Space there did nothing, and Finish then deleted the files from the patron's own
stick. The box shows `[ ]` / `[x]`, not a colour alone (Textual's `▐X▌` looks the same ticked or not).
Enter still finishes, and without files there is no box and no Space key."""

from __future__ import annotations

from textual.widgets import Checkbox

from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen

from .test_app import answer_questions, choose
from .test_export_folder_between_patrons import save_and_reach_finish


async def test_tab_then_space_as_the_help_says_keeps_the_files(make_app, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        await save_and_reach_finish(pilot)
        box = app.screen.query_one("#keep-files", Checkbox)
        assert str(box.render()).startswith("[ ]")
        await pilot.press("tab", "space")
        assert box.value
        assert str(box.render()).startswith("[x]")
        await pilot.press("space")                   # and again: unticked
        assert not box.value
        await pilot.press("space")
        assert "Space" in app.screen.query_one("#keep-files", Checkbox).label.plain
        await pilot.press("ctrl+n")                  # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert sorted(p.name for p in usb.iterdir()) == ["ydm-letters.pdf", "ydm-take-home-sheet.pdf"]


async def test_without_saved_files_space_does_nothing_and_enter_finishes(make_app):
    app = make_app(SessionConfig())
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_questions(pilot, channel_downs=0)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "finish")
        assert isinstance(app.screen, FinishScreen) and not app.screen.query("#keep-files")
        await pilot.press("space")
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
