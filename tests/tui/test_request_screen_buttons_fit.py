"""Every button of the request screen is inside the screen at 60×20 as at 80×24 (a walk at 60×20
found "Write the reminder letter (w)   Mark an event (m)   Sho": the third button cut off)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button

from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, RequestKind
from ydm.tui.screens.request import RequestScreen


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_all_three_buttons_are_on_the_screen(make_app, fixed_references, size):
    seed_requests(TODAY, date(2026, 1, 20), [("plaid-cymru", RequestKind.ACCESS, Channel.FIRST_CLASS)])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RequestScreen)
        body = screen.query_one("#request-body")
        buttons = list(screen.query("#request-body .buttons Button").results(Button))
        assert len(buttons) == 3
        for button in buttons:
            assert button.display
            assert button.region.right <= size[0], (str(button.label), button.region)  # not off the edge
            body.scroll_to_widget(button, animate=False)  # the body scrolls up and down only
            await settle(pilot)
            assert body.region.contains_region(button.region), (str(button.label), button.region)
            assert body.scroll_x == 0
