"""The wizard's kind step offers the report to the Electoral Commission of an online political advert
without a digital imprint (issue 16): ticked with the keyboard, it drafts one letter to the Commission
that names the organisations chosen as those thought to be behind it, and nothing is tracked."""

from __future__ import annotations

from textual.widgets import Checkbox

from tests.tui.conftest import settle
from tests.tui.test_about_you_search_and_delete import to_review
from tests.tui.test_wizard import tick_org, to_about_you
from ydm.model import RequestKind
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen


async def test_the_kind_step_offers_the_imprint_report_and_space_ticks_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_about_you(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
        await tick_org(pilot, "reform-uk")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        box = app.screen.query_one(f"#k-{RequestKind.IMPRINT_REPORT.value}", Checkbox)
        for _ in range(10):
            if app.focused is box:
                break
            await pilot.press("down")
            await settle(pilot)
        assert app.focused is box
        was = box.value
        await pilot.press("space")
        await settle(pilot)
        assert box.value is not was and box.value
        assert RequestKind.IMPRINT_REPORT in app.screen.chosen()


async def test_the_report_goes_to_the_electoral_commission_naming_the_chosen_party(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_about_you(pilot)
        await to_review(pilot, RequestKind.IMPRINT_REPORT)
        assert isinstance(app.screen, ReviewScreen)
        reports = [d for d in app.screen.state.drafts if d.kind is RequestKind.IMPRINT_REPORT]
        assert len(reports) == 1 and reports[0].org.id == "electoral-commission"
        text = reports[0].letter.text
        assert "Part 6 of the Elections Act 2022" in text
        assert "Who I believe promoted it, or on whose behalf it was published: Labour Party" in text
        # No other letter goes to the Commission, and Labour gets only the letters ticked for it.
        assert not [d for d in app.screen.state.drafts if d.org.id == "electoral-commission"
                    and d.kind is not RequestKind.IMPRINT_REPORT]
