"""The review step lets the person choose which details every letter leaves out (the CLI's --leave-out):
`d` opens the choice, Space ticks, Ctrl+S writes the letters again without them; "give everything" and
the usual choice (date of birth left out of letters to parties) are one key away. Real drafting by
ydm.letters.render, read back from the preview and from every draft."""

from __future__ import annotations

from textual.widgets import SelectionList, Static

from tests.tui.conftest import settle
from tests.tui.test_about_you_search_and_delete import PHONE, preview_text, to_review
from tests.tui.test_wizard import put_into, to_about_you, type_into
from ydm.tui.screens.write.details import DetailsScreen
from ydm.tui.screens.write.review import ReviewScreen

DOB = "1980-02-29"


async def _review_with_phone_and_dob(app, pilot) -> None:
    await to_about_you(pilot)
    await type_into(pilot, "#f-phone", PHONE)
    await put_into(pilot, "#f-dob", DOB)
    await to_review(pilot)  # Labour, an access request
    assert isinstance(app.screen, ReviewScreen)


async def _choose(app, pilot, *names: str) -> DetailsScreen:
    await pilot.press("d")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, DetailsScreen)
    listing = dialog.query_one("#leave-out", SelectionList)
    listing.deselect_all()
    for name in names:
        listing.select(name)
    return dialog


async def test_leaving_out_the_phone_rewrites_every_letter_without_it(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _review_with_phone_and_dob(app, pilot)
        assert PHONE in preview_text(app)
        assert "29 February 1980" not in preview_text(app) and DOB not in preview_text(app)  # the usual: not to a party
        dialog = await _choose(app, pilot, "phone")
        options = dialog.query_one("#leave-out", SelectionList)
        values = [options.get_option_at_index(i).value for i in range(options.option_count)]
        assert {"phone", "dob", "email"} <= set(values)  # what Jane filled in, each with what it is for
        assert "usual choice" in str(dialog.query_one("#details-now", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.state.leave_out == ("phone",)
        assert PHONE not in preview_text(app)
        assert all(PHONE not in d.letter.text for d in app.screen.state.drafts)
        assert "jane@example.org" in preview_text(app)


async def test_giving_everything_puts_the_date_of_birth_in_a_letter_to_a_party(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _review_with_phone_and_dob(app, pilot)
        await _choose(app, pilot)  # nothing ticked: give every detail
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.state.leave_out == ("none",)
        text = preview_text(app)
        assert PHONE in text and ("29 February 1980" in text or DOB in text)
        await pilot.press("d")  # and back to the usual choice
        await settle(pilot)
        await pilot.click("#usual-details")
        await settle(pilot)
        assert app.screen.state.leave_out is None
        assert "29 February 1980" not in preview_text(app) and DOB not in preview_text(app)


async def test_email_cannot_be_left_out_without_a_postal_address(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _review_with_phone_and_dob(app, pilot)
        app.screen.state.person = type(app.screen.state.person)(
            **{**app.screen.state.person.__dict__, "address": ()})
        dialog = await _choose(app, pilot, "email")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and "only way to reply" in str(dialog.query_one("#err-details", Static).render())
