"""What the request and record screens say, as a walk from first start to the ICO found them: "1 day
late" (not "1 days late"), a reminder written but not yet marked sent is on the request screen (it
looked as if nothing had been done, and `w` wrote a second one), the record step names an ICO
complaint in words (not "ico-com…") and heads a reminder "Reminder" (not "Get a copy of my data"), and a corrected sending day takes its warning away."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, Static

from tests.tui.conftest import JANE, TODAY, seed_requests, settle
from ydm.letters.render import render
from ydm.model import Channel, EventKind, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.tui.messages import RequestsChanged
from ydm.tui.rows import Draft
from ydm.tui.screens.request import RequestScreen, days_note
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.state import WizardState


def test_one_day_is_one_day():
    assert days_note(1) == "1 day left" and days_note(-1) == "1 day late"
    assert days_note(0) == "0 days left" and days_note(30) == "30 days left" and days_note(-16) == "16 days late"


async def test_a_reminder_written_but_not_marked_sent_is_shown_until_it_is(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 1, 20), [("plaid-cymru", RequestKind.ACCESS, Channel.FIRST_CLASS)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RequestScreen)
        assert f"({days_note(screen.row.days_left)})" in str(screen.query_one("#request-due", Static).render())
        await pilot.press("w")
        await settle(pilot)
        for _ in range(3):  # review, send, record with nothing ticked
            await pilot.press("ctrl+n")
            await settle(pilot)
        recorded = str(app.screen.query_one("#due-dates", Static).render())
        assert "Plaid Cymru – The Party of Wales — Reminder\n  Not recorded as sent" in recorded
        await pilot.press("ctrl+n")  # finish
        await settle(pilot)
        assert app.screen is screen
        timeline = str(screen.query_one("#request-timeline", Static).render())
        assert "02 Mar 2026  Reminder written, not marked as sent" in timeline
        nxt = str(screen.query_one("#request-next", Static).render())
        assert "Your reminder of 2 Mar 2026 is written but not marked as sent" in " ".join(nxt.split())
        from ydm import tracker
        from ydm.store.db import open_store

        with open_store() as store:
            tracker.mark(store, request.ref, EventKind.REMINDER_SENT, today=TODAY, on=TODAY)
        app.post_message(RequestsChanged(request.ref))
        await settle(pilot)
        assert "not marked as sent" not in str(screen.query_one("#request-timeline", Static).render())
        assert "not marked as sent" not in str(screen.query_one("#request-next", Static).render())


def ico_complaint_to_record() -> WizardState:
    person = make_person(**JANE)
    ico = contacts.load().get("ico")
    letter = render(RequestKind.ACCESS, person, ico, today=TODAY)  # the label is what is looked at here
    draft = Draft(org=ico, kind=RequestKind.ICO_COMPLAINT, letter=letter, channel=Channel.EMAIL)
    return WizardState(person=person, orgs=[ico], kinds=[RequestKind.ICO_COMPLAINT], drafts=[draft])


async def test_the_record_step_names_the_ico_complaint_and_forgets_a_corrected_date(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RecordScreen(ico_complaint_to_record()))
        await settle(pilot)
        screen = app.screen
        label = str(screen.query_one("#sent-0", Checkbox).label)
        assert "ICO complaint" in label and "ico-complaint" not in label
        await pilot.press("space")
        field = screen.query_one("#on-0", Input)
        field.value = "31/11/2026"
        await pilot.press("ctrl+n")
        await settle(pilot)
        error = screen.query_one("#err-sent-on", Static)
        assert error.display and "November has 30 days" in str(error.render())
        field.value = "27/02/2026"
        await settle(pilot)
        assert not error.display
