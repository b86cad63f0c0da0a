"""Under `ydm serve` the Finish screen says exactly what the browser may still hold of the patron (the
downloaded files and the list of downloads; its cache holds nothing, every reply being no-store) and how to
clear it; in a terminal it says nothing about a browser. Pilot, with the app told it is served."""

from __future__ import annotations

from textual.app import App

from ydm.tui.screens.guided.finish import FinishScreen

from .test_app import answer_questions, choose


async def _finish(app, pilot) -> None:
    await answer_questions(pilot, channel_downs=0)
    app.session.saved.append("ydm-letters.pdf (downloaded in your browser)")
    await pilot.press("ctrl+n")
    await pilot.pause()
    await choose(pilot, "finish")
    assert isinstance(app.screen, FinishScreen)


async def test_served_finish_names_the_downloads_and_how_to_clear_them(make_app, monkeypatch):
    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await _finish(app, pilot)
        said = str(app.screen.query_one("#browser-leftovers").render())
    assert "ydm-letters.pdf" in said and "Downloads folder" in said
    assert "list of downloads" in said and "Ctrl+J" in said and "cache has nothing of you" in said


async def test_in_a_terminal_nothing_is_said_about_a_browser(make_app):
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await _finish(app, pilot)
        assert not app.screen.query("#browser-leftovers")
