"""The wizard's organisation search is the one search: a typo still finds the party and says so, an
empty result says what to try, and an imported register's entries can be ticked (issue 17 item 4,
issue 14 item 3)."""

from __future__ import annotations

from textual.widgets import SelectionList, Static

from tests.orgs.registers.samples import ico_zip
from tests.tui.conftest import settle
from tests.tui.test_wizard import put_into, to_who
from ydm.orgs.registers import index


def chosen_text(app) -> str:
    return str(app.screen.query_one("#chosen", Static).render())


def listed(app) -> list[str]:
    return [str(o.value) for o in app.screen.query_one("#org-list", SelectionList)._options]


async def test_a_typo_finds_the_party_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        for typo, wanted in (("plaid cymry", "plaid-cymru"), ("labor", "labour")):
            await put_into(pilot, "#org-search", typo)
            await settle(pilot)
            assert wanted in listed(app)
            assert "showing results for" in chosen_text(app)


async def test_an_empty_result_says_what_to_try(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await put_into(pilot, "#org-search", "xqzzv wrrbl")
        await settle(pilot)
        assert listed(app) == []
        assert "Nothing matches 'xqzzv wrrbl'" in chosen_text(app) and "registration number" in chosen_text(app)


async def test_register_entries_are_found_in_the_wizard(make_app, tmp_path):
    index.build("ico", ico_zip(tmp_path), origin="test")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await put_into(pilot, "#org-search", "acme")
        await settle(pilot)
        assert "ico:ZB123456" in listed(app)


async def test_a_lapsed_registration_is_said_before_the_letters_go(make_app, tmp_path):
    from textual.widgets import Checkbox

    from tests.tui.test_wizard import tick_org
    from ydm.tui.screens.write.review import ReviewScreen

    index.build("ico", ico_zip(tmp_path), origin="test")  # Labour Dental Practice lapsed on 2026-01-09
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await tick_org(pilot, "labour dental")
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#k-access", Checkbox).value = True
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        for _ in range(20):
            if app.screen.state.drafts:
                break
            await pilot.pause(0.1)
        assert any("lapsed on 2026-01-09" in n.message for n in app._notifications)
