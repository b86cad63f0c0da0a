"""The new-request wizard, driven like a user: a person, two organisations, two kinds, recorded as
sent on a fixed date → four requests on the dashboard with the due dates ydm.law.deadlines gives."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Input, SelectionList, Static

from tests.tui.conftest import TODAY, settle
from ydm.law import deadlines
from ydm.model import Channel, Nation, RequestKind
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.write.about_you import AboutYouScreen
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen

SENT_ON = date(2026, 2, 10)


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus a field and type into it key by key, as a user would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def put_into(pilot, selector: str, text: str) -> None:
    """Focus a field and set its text at once (quicker; Input.Changed still fires)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await settle(pilot)


def error_text(app, field_id: str) -> str:
    widget = app.screen.query_one(f"#err-{field_id}", Static)
    return str(widget.render()) if widget.display else ""


async def fill_about_you(pilot) -> None:
    await type_into(pilot, "#f-name", "Jane Public")
    await put_into(pilot, "#f-address", "1 High Street, Anytown")
    await put_into(pilot, "#f-postcode", "sw1a1aa")
    await put_into(pilot, "#f-email", "jane@example.org")


async def to_about_you(pilot) -> None:
    """From the dashboard: a new request, with Jane's details filled in at step 1 (not yet saved)."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await fill_about_you(pilot)


async def to_who(pilot) -> None:
    """From the dashboard: a new request, Jane's details filled in, on to step 2 (Who)."""
    await to_about_you(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)


async def record_all_sent(pilot, day: str) -> None:
    """At step 6, tick every letter as sent on `day` (typed into each letter's date field)."""
    screen = pilot.app.screen
    for i in range(len(screen.state.drafts)):
        box = screen.query_one(f"#sent-{i}", Checkbox)
        box.focus()
        if not box.value:
            await pilot.press("space")
        await type_into(pilot, f"#on-{i}", day)


async def tick_org(pilot, query: str) -> None:
    await put_into(pilot, "#org-search", query)
    await pilot.press("enter")  # to the list, first match highlighted
    await pilot.press("space")
    await pilot.pause()


async def test_whole_wizard_records_four_requests_with_core_due_dates(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one("#empty").display  # the empty state explains and offers the wizard

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)
        await fill_about_you(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, WhoScreen)
        await tick_org(pilot, "labour")
        await tick_org(pilot, "reform")
        assert str(app.screen.query_one("#chosen", Static).render()).startswith("Chosen (2)")
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, WhatScreen)
        await pilot.press("space", "down", "space")  # access, object-marketing
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, ReviewScreen)
        drafts = app.screen.state.drafts
        assert len(drafts) == 4
        assert all("Jane Public" in d.letter.text for d in drafts)
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, SendScreen)
        channels = {(d.org.id, d.kind): d.channel for d in app.screen.state.drafts}
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, RecordScreen)
        await record_all_sent(pilot, SENT_ON.isoformat())
        await pilot.press("enter")
        await settle(pilot)
        shown = str(app.screen.query_one("#due-dates", Static).render())
        assert "Recorded" in shown
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, DashboardScreen)
        rows = app.screen.rows
        assert len(rows) == 4
        table = app.screen.query_one("#requests", DataTable)
        assert table.row_count == 4
        for row in rows:
            channel = channels[(row.request.org_id, row.request.kind)]
            expected = deadlines.compute_deadline(
                row.request.kind,
                sent=SENT_ON,
                channel=channel,
                nation=row.request.nation or Nation.ENGLAND_AND_WALES,
            ).due
            assert row.due == expected
            assert row.sent == SENT_ON
            # the due date is on screen, in the row of its request
            assert f"{expected:%d %b %Y}" in [str(c) for c in table.get_row(row.ref)]
            assert f"{expected:%-d %B %Y}" in shown or f"{expected:%A %-d %B %Y}" in shown
        assert {(r.request.org_id, r.request.kind) for r in rows} == {
            (org, kind)
            for org in ("labour", "reform-uk")
            for kind in (RequestKind.ACCESS, RequestKind.OBJECT_MARKETING)
        }
        assert channels[("labour", RequestKind.ACCESS)] is Channel.EMAIL

    from ydm.store.db import open_store

    with open_store() as store:  # really stored, encrypted, with the profile
        assert store.count() == 4
        assert store.load_profile().postcode == "SW1A 1AA"


async def test_about_you_validation_messages(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#f-postcode", "XYZ")
        await type_into(pilot, "#f-email", "jane-at-example")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)  # did not move on
        assert "name is needed" in error_text(app, "name")
        assert "address is needed" in error_text(app, "address").lower()
        assert "not a UK postcode" in error_text(app, "postcode")
        assert "not an email address" in error_text(app, "email")
        assert app.screen.focused is app.screen.query_one("#f-name")  # the first problem gets focus
        # fixing a field clears its message as you type
        await type_into(pilot, "#f-postcode", "SW1A 1AA")
        assert error_text(app, "postcode") == ""
        # leaving a bad field shows its message straight away
        await type_into(pilot, "#f-dob", "31st May")
        await pilot.press("tab")
        assert "not a date" in error_text(app, "dob")


async def test_who_and_what_need_a_choice(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
        assert "Tick at least one organisation" in str(app.screen.query_one("#chosen", Static).render())
        await tick_org(pilot, "labour")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        assert "Tick at least one kind" in str(app.screen.query_one("#kinds-error", Static).render())


async def test_all_elected_parties_and_search_keep_choices(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await pilot.click("#all-parties")
        await settle(pilot)
        expected = {o.id for o in app.backend.parties_elected_in("england")}
        assert expected and set(app.screen.selected) == expected
        await type_into(pilot, "#org-search", "experian")
        await pilot.pause()
        assert set(app.screen.selected) == expected  # filtering does not drop ticks
        listing = app.screen.query_one("#org-list", SelectionList)
        assert listing.option_count >= 1


async def test_record_refuses_a_future_date(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        await tick_org(pilot, "labour")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await record_all_sent(pilot, "2026-12-25")
        await pilot.press("enter")
        await settle(pilot)
        assert "in the future" in str(app.screen.query_one("#err-sent-on", Static).render())
        assert app.screen.state.recorded == []
        await type_into(pilot, "#on-0", "soon")
        await pilot.press("enter")
        await settle(pilot)
        assert "not a date" in str(app.screen.query_one("#err-sent-on", Static).render())
    assert TODAY.year == 2026
