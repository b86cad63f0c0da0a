"""Ctrl+Q in the middle of the wizard asks first (as Ctrl+G does) and keeps the unfinished request,
sealed in the store (never plain on disk); the next new request offers to go on with it."""

from __future__ import annotations

import base64
import sqlite3

from tests.tui.conftest import settle
from tests.tui.test_wizard import tick_org, to_who
from ydm.store.db import default_path
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen


async def to_what_with_labour(pilot) -> None:
    await to_who(pilot)
    await tick_org(pilot, "labour")
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhatScreen)
    await pilot.press("space")  # access, ticked but not yet confirmed with Next


async def test_ctrl_q_asks_keeps_the_draft_sealed_and_next_time_goes_on(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_what_with_labour(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # asked, not gone
        await pilot.press("n")  # keep writing
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen) and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert app.return_code in (0, None)

    with sqlite3.connect(default_path()) as db:  # on disk: sealed, nothing readable
        (value,) = db.execute("SELECT value FROM meta WHERE name = 'wizard_draft'").fetchone()
    raw = base64.b64decode(value)
    for plain in (b"Jane", b"High Street", b"labour", b"access"):
        assert plain not in raw

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(again.screen, ConfirmScreen)
        assert "Labour Party" in str(again.screen.detail)
        await pilot.press("y")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, WhatScreen)  # where it was left
        assert [o.id for o in screen.state.orgs] == ["labour"] and screen.state.person.name == "Jane Public"
        assert screen.chosen() and screen.chosen()[0].value == "access"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(again.screen, WhoScreen)  # the steps before it are there to go back to


async def test_start_afresh_drops_the_kept_draft(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_what_with_labour(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("n")  # start afresh
        await settle(pilot)
        assert not isinstance(again.screen, ConfirmScreen)
        assert again.screen.state.orgs == []
    with sqlite3.connect(default_path()) as db:
        assert db.execute("SELECT value FROM meta WHERE name = 'wizard_draft'").fetchone() is None


async def test_ctrl_q_with_nothing_entered_just_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not app.is_running
