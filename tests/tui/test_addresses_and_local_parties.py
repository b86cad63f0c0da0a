"""The TUI with the 2026-12 facts: the Organisations screen shows every published address with its
date and the local-party note with its source; the Who step says to write to the local party too;
at Review, `a` sends the letter to the organisation's other published address and back."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import settle
from tests.tui.test_wizard import tick_org, to_who
from ydm.orgs import contacts
from ydm.tui.screens.organisations import describe
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.what import WhatScreen


def test_organisation_details_show_both_addresses_dates_and_local_parties():
    directory = contacts.load()
    green = describe(directory.get("green-ew")).plain
    assert "Postal address (letters use this): (2021-01-15)" in green
    assert "Other postal address 1: (undated)" in green and "PO Box 78066" in green
    assert "Electoral Commission: PP63" in green and "4 on 2024-07-04, then +1 on 2026-02-27" in green
    labour = describe(directory.get("labour")).plain
    assert "Local parties" in labour and "Write to your local Labour Party too" in labour
    assert "source: https://labour.org.uk/" in labour
    assert "Local parties" not in describe(directory.get("libdems")).plain


async def test_who_step_says_to_write_to_the_local_party_and_review_switches_address(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await tick_org(pilot, "labour")
        notes = str(app.screen.query_one("#who-notes", Static).render())
        assert "Write to the local party too: for Labour Party" in notes
        await tick_org(pilot, "green party of england")
        notes = str(app.screen.query_one("#who-notes", Static).render())
        assert "Green Party of England and Wales has 2 published addresses (2021-01-15 and undated)" in notes
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        await pilot.press("space", "ctrl+n")  # one kind: access
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        screen = app.screen
        names = [d.org.id for d in screen.state.drafts]
        labour_at, green_at = names.index("labour"), names.index("green-ew")
        screen.query_one("#draft-list").highlighted = labour_at
        await pilot.pause()
        assert screen.check_action("other_address", ()) is False  # one address: nothing to choose
        screen.query_one("#draft-list").highlighted = green_at
        await pilot.pause()
        assert screen.check_action("other_address", ()) is True
        assert "100 Clements Road" in screen.state.drafts[green_at].letter.text
        await pilot.press("a")
        await settle(pilot)
        letter = next(d.letter for d in app.screen.state.drafts if d.org.id == "green-ew")
        assert "PO Box 78066" in letter.text and "Clements Road" not in letter.text
        await pilot.press("a")
        await settle(pilot)
        letter = next(d.letter for d in app.screen.state.drafts if d.org.id == "green-ew")
        assert "100 Clements Road" in letter.text
