"""The wizard asks before a second identical request (the same kind to the same organisation while
the first is open), by the rule the CLI warns with (ydm.service.duplicates)."""

from __future__ import annotations

from datetime import date

from tests.tui.conftest import TODAY, seed_requests, settle
from tests.tui.test_wizard import tick_org, to_who
from ydm.model import Channel, RequestKind
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.what import WhatScreen


async def to_what(pilot, org: str) -> None:
    await to_who(pilot)
    await tick_org(pilot, org)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhatScreen)


async def test_the_same_request_again_is_asked_about(make_app, fixed_references):
    (first,) = seed_requests(TODAY, date(2026, 2, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_what(pilot, "labour")
        await pilot.press("space", "ctrl+n")  # access
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert first.ref in app.screen.detail and "Labour Party" in app.screen.detail
        await pilot.press("n")  # go back
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("y")  # write it anyway
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_another_kind_goes_straight_on(make_app, fixed_references):
    seed_requests(TODAY, date(2026, 2, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_what(pilot, "labour")
        await pilot.press("down", "space", "ctrl+n")  # stop marketing
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
