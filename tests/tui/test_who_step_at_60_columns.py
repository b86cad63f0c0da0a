"""The Who step at 60×20 and 80×24 keeps every button on the screen and says in full what to try when
nothing matched (a walk found "Add yo" cut at 60 columns, and at 80×24 the hint stopped mid-sentence
at "('ydm orgs update --ico-register /" with the "Chosen" line hidden under it)."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Select, Static

from tests.tui.conftest import settle
from tests.tui.test_choose_organisations_keys import to_who


def fully_shown(widget) -> bool:
    """Nothing of the widget's content is cut: all of it inside the widget, the widget inside the screen."""
    screen = widget.screen
    needed = widget.get_content_height(screen.size, screen.size, widget.content_size.width)
    return needed <= widget.content_size.height and screen.region.contains_region(widget.region)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_every_button_under_the_list_is_on_the_screen(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await to_who(pilot)
        screen = app.screen
        for nation in ("northern-ireland", "england"):
            screen.query_one("#nation", Select).value = nation
            await settle(pilot)
            for selector in ("#all-parties", "#nation", "#add-own"):
                widget = screen.query_one(selector)
                assert screen.region.contains_region(widget.region), (selector, widget.region)
            assert screen.query_one("#nation", Select).region.height == 1  # "Northern Ireland" on one line
            label = str(screen.query_one("#all-parties", Button).label)
            assert label.endswith("elected parties in")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_what_to_try_is_said_in_full_with_the_chosen_line(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await to_who(pilot)
        await pilot.press(*"zzqxw")
        await settle(pilot)
        chosen = app.screen.query_one("#chosen", Static)
        text = str(chosen.render())
        assert "Nothing matches 'zzqxw'" in text and "ydm orgs' lists all that ydm ships" in text
        assert text.rstrip().endswith("none yet — tick with Space")
        assert fully_shown(chosen)
