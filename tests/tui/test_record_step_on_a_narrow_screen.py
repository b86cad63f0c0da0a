"""The record step at 60 columns: each letter's date goes under its name, so the name, the kind and how it
goes ("(email)") are not cut off to make room for the date; at 100 columns they stay on one line."""

from __future__ import annotations

from textual.widgets import Checkbox

from tests.tui.conftest import settle
from tests.tui.test_wizard import tick_org, to_who
from ydm.tui.screens.write.record import RecordScreen


async def _to_record(pilot) -> None:
    await to_who(pilot)
    await tick_org(pilot, "labour")
    await pilot.press("ctrl+n")
    await settle(pilot)
    await pilot.press("space")
    await settle(pilot)
    for _ in range(3):
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert isinstance(pilot.app.screen, RecordScreen)
    pilot.app.screen.query_one("#sent-0", Checkbox).value = True  # sent: its date field shows
    await settle(pilot)


async def test_at_60_columns_the_letter_is_named_whole(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await _to_record(pilot)
        box = app.screen.query_one("#sent-0", Checkbox)
        label = str(box.label)
        assert label.endswith("(email)")
        assert app.screen.has_class("-narrow")
        assert box.region.width >= len(label) + 4  # the tick and the whole name, nothing cut
        assert app.screen.query_one("#on-0").region.y > box.region.y  # the date under it


async def test_at_100_columns_the_date_stays_beside_it(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _to_record(pilot)
        box = app.screen.query_one("#sent-0", Checkbox)
        assert not app.screen.has_class("-narrow")
        assert app.screen.query_one("#on-0").region.y == box.region.y
