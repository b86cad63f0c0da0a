"""On the party list Space ticks and Enter goes on (it used to tick the highlighted party again, undoing
the patron's choice); "I don't know" as a postcode offers a way on instead of leaving them stuck."""

from __future__ import annotations

from ydm.tui.screens.guided.question import QuestionScreen

from .conftest import PATRON, POSTCODE, STREET


async def reach_the_party_list(pilot) -> None:
    await pilot.press("enter", "enter")              # Start; "find out what the parties know"
    await pilot.pause()
    for text in (PATRON, POSTCODE, f"{STREET}, Edinburgh", ""):
        await pilot.press(*text, "enter")
        await pilot.pause()
    assert pilot.app.screen.question.id == "targets"


async def test_enter_on_the_party_list_moves_on_with_the_ticks_as_they_are(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_the_party_list(pilot)
        offered = [o.value for o in app.screen.question.options]
        await pilot.press("down", "space")           # untick the second party
        await pilot.pause()
        await pilot.press("enter")                   # and go on
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "channel"
        assert app.session.answers["targets"] == tuple(o for o in offered if o != offered[1])
