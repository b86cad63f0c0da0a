"""Choose organisations as keys really arrive: a name typed quickly into the tick list is searched
whole (not only its last letter, the rest ticking or lost), and `/`, which the footer offers as
"Search", never types a slash into the search (a walk at 80×24 got "Nothing matches '/labor'", and
"plaid cymry" typed in the list searched for "y" and ticked Google with the space)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, SelectionList

from tests.tui.test_choose_organisations_keys import to_who


async def burst(pilot, text: str) -> None:
    """Keys queued before any is handled, as a terminal delivers them to a busy app."""
    for ch in text:
        pilot.app.post_message(events.Key("space" if ch == " " else ch, ch))
    await pilot.pause()
    await pilot.pause()


async def test_a_name_typed_quickly_in_the_list_is_searched_whole_and_ticks_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_who(pilot)
        screen = app.screen
        listing = screen.query_one("#org-list", SelectionList)
        listing.focus()
        await pilot.pause()
        await burst(pilot, "plaid cymry")
        search = screen.query_one("#org-search", Input)
        assert screen.focused is search
        assert search.value == "plaid cymry"
        assert list(listing.selected) == []  # the space was part of the name
        assert listing.get_option_at_index(0).value == "plaid-cymru"  # the typo forgiven


async def test_slash_in_the_search_box_is_the_search_key_not_a_character(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_who(pilot)
        screen = app.screen
        search = screen.query_one("#org-search", Input)
        assert screen.focused is search
        await pilot.press("slash", *"labor")
        assert search.value == "labor"
        chosen = str(screen.query_one("#chosen").render())
        assert "'/labor'" not in chosen and "showing results for 'labour'" in chosen
        await pilot.press("enter", "slash")  # from the list, back to the search
        assert screen.focused is search and search.value == "labor"
