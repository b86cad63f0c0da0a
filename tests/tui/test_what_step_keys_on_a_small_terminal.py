"""The kinds step at 60×20, where its list scrolls: ↓ moves to the next kind (the scroll container used to
take the key, so the focus stayed on the first kind and the next Space unticked it), the focused kind is
scrolled into view, and Space ticks it. Pilot, real wizard from the dashboard."""

from __future__ import annotations

from textual.widgets import Checkbox

from tests.tui.conftest import settle
from tests.tui.test_wizard import tick_org, to_who
from ydm.model import RequestKind
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.what import WhatScreen


async def test_down_and_space_tick_the_next_kind_at_60_by_20(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await to_who(pilot)
        await tick_org(pilot, "reform")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        await pilot.press("space", "down", "space", "down", "down", "down", "space")
        await settle(pilot)
        ticked = [c.id for c in app.screen.query(Checkbox) if c.value]
        assert ticked == ["k-access", "k-object-marketing", "k-erasure"]
        focused = app.focused
        assert focused.id == "k-erasure"
        assert focused.region.height > 0 and 0 <= focused.region.y < 20  # scrolled into view, on the screen
        await pilot.press("up", "up", "up", "space")  # back up to marketing: unticked again
        await settle(pilot)
        assert app.screen.chosen() == [RequestKind.ACCESS, RequestKind.ERASURE]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
