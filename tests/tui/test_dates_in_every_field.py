"""Every date field of the TUI takes the same forms (ydm.clock.parse_date) and says why a day is
impossible: the date of birth takes 14/03/1988 as the Record step takes 15/01/2026."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from tests.tui.conftest import TODAY, settle
from ydm.tui.screens.write.about_you import AboutYouScreen, check_field
from ydm.tui.screens.write.record import parse_day


def test_the_fields_share_one_reader():
    assert check_field("dob", "14/03/1988") == ""
    assert check_field("dob", "31/11/2026") == "Date of birth '31/11/2026' is not a date: November has 30 days."
    assert parse_day("15/01/2026", TODAY) == (date(2026, 1, 15), "")
    assert parse_day("14 February 2026", TODAY) == (date(2026, 2, 14), "")
    day, why = parse_day("31/11/2025", TODAY)
    assert day is None and "November has 30 days" in why


async def test_the_date_of_birth_field_says_why_a_day_is_impossible(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)
        field = app.screen.query_one("#f-dob", Input)
        field.focus()
        await pilot.press(*"31/11/1988", "tab")
        await settle(pilot)
        error = app.screen.query_one("#err-dob", Static)
        assert error.display and "November has 30 days" in str(error.render())
        field.focus()
        field.value = ""
        await pilot.press(*"14/03/1988", "tab")
        await settle(pilot)
        assert not error.display or str(error.render()).strip() == ""
