"""Snapshots of each main screen at 80×24 (the smallest supported) and 120×40.

Deterministic: fixed today, theme and letter references, no cursor blink, an isolated YDM_HOME.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` only after looking at the SVGs.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.conftest import JANE, TODAY, seed_requests, settle
from ydm.model import Channel, EventKind, RequestKind

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def seed_mixed() -> list:
    """Four requests in different states: overdue, due soon, waiting, answered."""
    old = seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    soon = seed_requests(
        TODAY, date(2026, 2, 6), [("reform-uk", RequestKind.OBJECT_MARKETING, Channel.FIRST_CLASS)]
    )
    fresh = seed_requests(TODAY, date(2026, 2, 25), [("experian", RequestKind.ACCESS, Channel.EMAIL)])
    done = seed_requests(TODAY, date(2026, 1, 26), [("conservatives", RequestKind.ERASURE, Channel.EMAIL)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, done[0].ref, EventKind.RESPONSE_RECEIVED, today=TODAY, on=date(2026, 2, 20))
    return old + soon + fresh + done


@pytest.mark.parametrize("size", SIZES)
async def test_dashboard_empty(make_app, screen_snapshot, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert await screen_snapshot(pilot, "dashboard-empty")


@pytest.mark.parametrize("size", SIZES)
async def test_dashboard_request_and_mark_event(make_app, screen_snapshot, fixed_references, size):
    seed_mixed()
    app = make_app()
    results = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "dashboard"))
        await pilot.press("enter")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "request"))
        await pilot.press("m")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "mark-event"))
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "help"))
    assert all(results)


@pytest.mark.parametrize("size", SIZES)
async def test_organisations(make_app, screen_snapshot, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("slash", *"labour", "enter")
        await settle(pilot)
        assert await screen_snapshot(pilot, "organisations")


@pytest.mark.parametrize("size", SIZES)
async def test_wizard_steps(make_app, screen_snapshot, fixed_references, size):
    app = make_app()
    results = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for key, value in (
            ("name", JANE["name"]),
            ("address", JANE["address"]),
            ("postcode", JANE["postcode"]),
            ("email", "not-an-email"),
        ):
            app.screen.query_one(f"#f-{key}").value = value
        app.screen.query_one("#f-email").focus()
        await pilot.press("tab")  # leaving the field shows its problem
        await settle(pilot)
        app.screen.query_one("#f-email").focus()
        results.append(await screen_snapshot(pilot, "wizard-1-about-you-invalid"))
        app.screen.query_one("#f-email").value = JANE["email"]
        await pilot.press("ctrl+n")
        await settle(pilot)
        for query in ("labour", "reform"):
            app.screen.query_one("#org-search").value = query
            await settle(pilot)
            app.screen.query_one("#org-list").focus()
            await pilot.press("space")
            await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-2-who"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("space", "down", "space")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-3-what"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-4-review"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-5-send"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-6-record"))  # nothing handed over: unticked
        for i in (0, 1):  # two sent on 10 February, two kept as drafts
            app.screen.query_one(f"#sent-{i}").value = True
            await settle(pilot)
            app.screen.query_one(f"#on-{i}").value = "2026-02-10"
        await pilot.press("ctrl+n")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "wizard-6-recorded"))
    assert all(results)


async def test_high_contrast_dashboard(make_app, screen_snapshot, fixed_references):
    seed_mixed()
    app = make_app(theme="ydm-high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await screen_snapshot(pilot, "dashboard-high-contrast")


async def test_no_color_dashboard(make_app, screen_snapshot, fixed_references, monkeypatch):
    """Under NO_COLOR the status still reads as words and symbols (and the theme turns high-contrast)."""
    seed_mixed()
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await screen_snapshot(pilot, "dashboard-no-color")


async def test_no_color_wizard_marks(make_app, screen_snapshot, fixed_references, monkeypatch):
    """Under NO_COLOR, ticks and choices read as characters ([x]/[ ], (•)/( )) and the highlighted
    row is marked (› and reverse), not told apart by colour alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=None)
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for key, value in JANE.items():
            app.screen.query_one(f"#f-{key}").value = value
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#org-search").value = "lab"
        await settle(pilot)
        app.screen.query_one("#org-list").focus()
        await pilot.press("space", "down")  # first ticked, second highlighted and not ticked
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "no-color-who"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("space")  # first kind ticked, the rest not
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "no-color-what"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "no-color-send"))
    assert all(results)


async def test_high_contrast_marks(make_app, screen_snapshot, fixed_references):
    """The high-contrast theme draws ticks in characters too."""
    app = make_app(theme="ydm-high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for key, value in JANE.items():
            app.screen.query_one(f"#f-{key}").value = value
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")  # Who: nobody chosen, stays; tick via the list
        await settle(pilot)
        app.screen.query_one("#org-search").value = "labour"
        await settle(pilot)
        app.screen.query_one("#org-list").focus()
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
        await pilot.press("down", "space")
        await settle(pilot)
        assert await screen_snapshot(pilot, "high-contrast-what")


async def test_office_and_mark_sent_dialogs(make_app, screen_snapshot, fixed_references):
    """The two small dialogs a new user meets, at the smallest size: the registration office asked
    for (no lookup key), and "I sent it" for a letter kept as a draft."""
    app = make_app()
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for key, value in JANE.items():
            app.screen.query_one(f"#f-{key}").value = value
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#org-search").value = "labour"
        await settle(pilot)
        app.screen.query_one("#org-list").focus()
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
        await pilot.press("space", "down", "down", "down", "space", "ctrl+n")  # access, open register
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "office-dialog"))
        app.screen.query_one("#office-name").value = "Anytown Borough Council"
        app.screen.query_one("#office-address").value = "Town Hall, Anytown, AB1 2CD"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")  # record: nothing ticked, both kept as drafts
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        results.append(await screen_snapshot(pilot, "mark-sent"))
    assert all(results)
