"""Choose organisations by keyboard: Tab goes from the search to the tick list (not the kind
drop-down), Space there ticks, letters typed in the list go to the search, PageDown from the search
goes into the list, and a focused drop-down is visibly focused."""

from __future__ import annotations

from textual.widgets import Input, Select, SelectionList

from tests.tui.conftest import settle
from tests.tui.test_wizard import fill_about_you
from ydm.tui.screens.write.who import WhoScreen


async def to_who(pilot) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await fill_about_you(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhoScreen)


async def test_tab_goes_to_the_tick_list_and_space_ticks(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_who(pilot)
        screen = app.screen
        assert screen.focused is screen.query_one("#org-search", Input)
        await pilot.press(*"labour", "tab")
        listing = screen.query_one("#org-list", SelectionList)
        assert screen.focused is listing
        await pilot.press("space")
        await settle(pilot)
        assert "labour" in listing.selected
        assert not screen.query_one("#org-category", Select).expanded
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#org-category", Select)  # then the kinds
        await pilot.press("shift+tab", "shift+tab")
        assert screen.focused is screen.query_one("#org-search", Input)


async def test_typing_in_the_list_searches_and_pagedown_pages_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_who(pilot)
        screen = app.screen
        listing = screen.query_one("#org-list", SelectionList)
        await pilot.press("pagedown")
        assert screen.focused is listing and listing.highlighted and listing.highlighted > 0
        await pilot.press(*"plaid")
        await settle(pilot)
        search = screen.query_one("#org-search", Input)
        assert screen.focused is search and search.value == "plaid"
        assert any("Plaid" in str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
        await pilot.press("tab", *"reform")  # back in the list, a new name is a new search
        await settle(pilot)
        assert search.value == "reform"


async def test_a_focused_drop_down_is_drawn_differently(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_who(pilot)
        kinds = app.screen.query_one("#org-category", Select)
        current = kinds.query_one("SelectCurrent")
        before = current.styles.text_style
        kinds.focus()
        await pilot.pause()
        assert current.styles.text_style != before and current.styles.text_style.reverse
