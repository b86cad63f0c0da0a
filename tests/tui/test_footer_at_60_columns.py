"""At 60 columns the footer keeps F1 Help: when even the compact keys do not fit, the last keys before
it give way (the dashboard at 60×20 showed "… d Delete o Organisa" and no q Quit or F1 Help); at 80
columns every key is still there."""

from __future__ import annotations

import pytest

from tests.tui.conftest import settle
from tests.tui.test_about_you_search_and_delete import two_requests
from tests.tui.test_choose_organisations_keys import to_who


@pytest.mark.parametrize(("size", "expected"), [
    ((60, 20), ["n", "m", "w", "d", "f1"]),
    ((80, 24), ["n", "m", "w", "d", "o", "q", "f1"]),
])
async def test_the_dashboard_footer_ends_with_f1_help_inside_the_screen(make_app, fixed_references, size, expected):
    two_requests()
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        assert [k.key for k in keys] == expected
        assert all(k.region.right <= size[0] for k in keys)
        assert keys[-1].description == "Help"


async def test_the_who_step_footer_at_60_columns_keeps_f1_help(make_app):
    """The Who step's keys ("… / Search ^l Local parties f1") lost "Help" at 60 columns."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await to_who(pilot)
        keys = list(app.screen.query("FooterKey"))
        assert keys[-1].key == "f1" and keys[-1].region.right <= 60
        assert {"escape", "ctrl+n", "slash"} <= {k.key for k in keys}  # the step's own keys stay first


async def test_the_footer_refits_when_the_terminal_narrows_and_widens(make_app, fixed_references):
    two_requests()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        assert [k.key for k in keys] == ["n", "m", "w", "d", "f1"]
        assert all(k.region.right <= 60 for k in keys)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert [k.key for k in app.screen.query("FooterKey")] == ["n", "m", "w", "d", "o", "q", "f1"]
