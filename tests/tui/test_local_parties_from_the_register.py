"""The Who step offers a ticked party's local parties (separate controllers) from the imported Electoral
Commission register, those named after the person's town first (matched on the address typed, no
lookup sent anywhere); without the register it says how to import it (issue 14 item 5). Pilot, a real
register index built from files in the Commission's published layout (tests/orgs/registers/samples)."""

from __future__ import annotations

from textual.widgets import SelectionList

from tests.orgs.registers.samples import ec_files
from tests.tui.conftest import settle
from tests.tui.test_wizard import fill_about_you, put_into, tick_org
from ydm.service import registers
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen


async def _to_who_in(pilot, town: str) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await fill_about_you(pilot)
    await put_into(pilot, "#f-address", f"1 High Street, {town}")
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhoScreen)


def _listed(app) -> list[str]:
    listing = app.screen.query_one("#org-list", SelectionList)
    return [str(listing.get_option_at_index(i).value) for i in range(listing.option_count)]


async def test_ctrl_l_lists_the_local_party_of_the_persons_town_first_and_it_can_be_written_to(make_app, tmp_path):
    registers.update("ec", [str(f) for f in ec_files(tmp_path)])
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _to_who_in(pilot, "Cardiff")
        await tick_org(pilot, "labour")
        assert "Press Ctrl+L to find yours" in str(app.screen.query_one("#who-notes").render())
        await pilot.press("ctrl+l")
        await settle(pilot)
        listed = _listed(app)
        assert listed[0] == "ec:PP53/cardiff-central-clp"
        assert "ec:PP53/leeds-central-and-headingley-clp" not in listed  # another town's unit is not offered
        await pilot.press("space")  # the first row is highlighted: tick the local party
        await pilot.pause()
        assert set(app.screen.selected) == {"labour", "ec:PP53/cardiff-central-clp"}
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        local = next(d for d in app.screen.state.drafts if d.org.id == "ec:PP53/cardiff-central-clp")
        assert "Cardiff Central CLP" in local.letter.text


async def test_without_the_register_it_says_how_to_import_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _to_who_in(pilot, "Cardiff")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert any("Tick a party first" in n.message for n in app._notifications)
        await tick_org(pilot, "labour")
        await pilot.press("ctrl+l")
        await settle(pilot)
        messages = " ".join(n.message for n in app._notifications)
        assert "have not been imported" in messages and "ydm orgs update --ec-register" in messages
        assert _listed(app)  # the list is still there
