"""Marking a draft as sent from the dashboard (QA round 2, A4): the wizard tells people "when it has
gone, mark it sent on the dashboard (m)", so the dialog offers "I sent it" for a request not sent yet,
with the day it went and how. The due date is the deadline engine's, counted from the channel
(post is deemed received working days later). Real encrypted store throughout."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, OptionList, RadioSet, Static

from tests.tui.conftest import JANE, TODAY, seed_requests, settle
from ydm.law import deadlines
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.mark_event import SENT_LABEL, MarkEventScreen
from ydm.tui.screens.request import RequestScreen

WENT = date(2026, 2, 26)  # a Thursday: first-class post is deemed received on Monday 2 March


def seed_draft(org_id: str = "labour", channel: Channel = Channel.EMAIL) -> str:
    """A request kept as a draft, the way the wizard's record step keeps one (no `sent` event)."""
    from ydm import tracker
    from ydm.letters.render import render
    from ydm.orgs import contacts
    from ydm.profile import make_person
    from ydm.store.db import open_store

    person = make_person(**JANE)
    letter = render(RequestKind.ACCESS, person, contacts.load().get(org_id), today=date(2026, 2, 20))
    with open_store() as store:
        (request,) = tracker.record_letters([letter], channel=channel, sent_on=None, store=store, today=TODAY)
    return request.ref


def option_ids(screen) -> list[str]:
    listing = screen.query_one("#event-kind", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


def row_texts(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def test_a_draft_is_marked_sent_by_first_class_post_and_the_due_date_follows(make_app, fixed_references):
    ref = seed_draft("meta", channel=Channel.WEBFORM)  # a web form and a postal address
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.rows[0].level == "draft" and screen.rows[0].due is None

        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkEventScreen)
        listing = dialog.query_one("#event-kind", OptionList)
        assert str(listing.get_option_at_index(0).prompt) == SENT_LABEL  # first, and highlighted
        assert listing.highlighted == 0
        assert option_ids(dialog).count(EventKind.SENT.value) == 1
        assert dialog.query_one("#via-box").display and not dialog.query_one("#note-box").display
        assert dialog.sent_via() is Channel.WEBFORM  # the request's own channel until changed
        assert dialog.query_one("#event-date", Input).value == TODAY.isoformat()  # today by default

        await pilot.press("enter")  # "I sent it" → the date
        assert dialog.focused is dialog.query_one("#event-date", Input)
        dialog.query_one("#event-date", Input).value = WENT.isoformat()
        await pilot.press("enter")  # → how it went
        assert dialog.focused is dialog.query_one("#sent-via", RadioSet)
        await pilot.press("down", "enter")  # the keys start on web form (the pressed one): → first class
        assert dialog.sent_via() is Channel.FIRST_CLASS
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, DashboardScreen)
        row = screen.rows[0]
        expected = deadlines.compute_deadline(RequestKind.ACCESS, sent=WENT, channel=Channel.FIRST_CLASS)
        by_email = deadlines.compute_deadline(RequestKind.ACCESS, sent=WENT, channel=Channel.EMAIL)
        assert expected.received == date(2026, 3, 2) and expected.due != by_email.due
        assert row.sent == WENT and row.due == expected.due
        assert row.level != "draft" and "DRAFT" not in row.status
        table = screen.query_one("#requests", DataTable)
        shown = row_texts(table, ref)
        assert f"{expected.due:%d %b %Y}" in shown
        assert any(row.status in text for text in shown)

        # once sent, "I sent it" is not offered again (a second 'sent' would muddle the history)
        await pilot.press("m")
        await settle(pilot)
        assert EventKind.SENT.value not in option_ids(app.screen)
        assert not app.screen.query("#via-box")
        await pilot.press("escape")
        await settle(pilot)

    from ydm.store.db import open_store

    with open_store() as store:
        request = store.get(ref)
    assert request.channel is Channel.FIRST_CLASS
    assert [e.on for e in request.events if e.kind is EventKind.SENT] == [WENT]


async def test_sent_today_by_the_planned_channel_from_the_request_screen(make_app, fixed_references):
    ref = seed_draft("libdems", channel=Channel.SECOND_CLASS)  # their postal address is known
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MarkEventScreen)
        assert app.screen.sent_via() is Channel.SECOND_CLASS
        await pilot.press("ctrl+s")  # all defaults: today, second class
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        expected = deadlines.compute_deadline(RequestKind.ACCESS, sent=TODAY, channel=Channel.SECOND_CLASS)
        assert app.screen.row.due == expected.due and app.screen.row.sent == TODAY
        assert f"{expected.due:%-d %B %Y}" in str(app.screen.query_one("#request-due", Static).render())
    from ydm.store.db import open_store

    with open_store() as store:
        assert store.get(ref).channel is Channel.SECOND_CLASS


async def test_a_sending_day_in_the_future_is_refused(make_app, fixed_references):
    ref = seed_draft()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        app.screen.query_one("#event-date", Input).value = "2026-03-09"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MarkEventScreen)
        message = str(app.screen.query_one("#err-event", Static).render())
        assert "in the future" in message and "once it has gone" in message
    from ydm.store.db import open_store

    with open_store() as store:
        assert not any(e.kind is EventKind.SENT for e in store.get(ref).events)


async def test_other_events_keep_their_note_field_for_a_draft(make_app, fixed_references):
    """Choosing something else than "I sent it" shows the note again (e.g. withdrawing a draft)."""
    seed_draft()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("down")
        await pilot.pause()
        assert dialog.chosen_kind() is not EventKind.SENT
        assert dialog.query_one("#note-box").display and not dialog.query_one("#via-box").display


async def test_sent_requests_keep_todays_list(make_app, fixed_references):
    seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        ids = option_ids(app.screen)
        assert EventKind.SENT.value not in ids and ids[0] == EventKind.RECEIVED.value
        assert app.screen.query_one("#note-box").display


async def test_the_cursor_stays_on_the_request_just_marked_sent(make_app, fixed_references):
    """Marking a draft sent moves it up the list (it now has a due date): the cursor moves with it,
    so the next key (Enter, m) is about the same request."""
    seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    draft = seed_draft("reform-uk", Channel.EMAIL)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert [row.ref for row in screen.rows][-1] == draft
        await pilot.press("down")
        table = screen.query_one("#requests", DataTable)
        assert screen.current().ref == draft
        await pilot.press("m")
        await settle(pilot)
        app.screen.query_one("#event-date", Input).value = "2026-02-02"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [row.ref for row in screen.rows][0] == draft  # now due first
        assert table.cursor_row == 0 and screen.current().ref == draft


async def test_a_letter_with_no_postal_address_cannot_be_marked_as_posted(make_app, fixed_references):
    """The rule the CLI's `requests mark REF sent --via first-class` keeps (ydm.service.sending.mark_sent):
    Labour takes email and a web form, and ydm knows no postal address for it."""
    from ydm.store.db import open_store

    ref = seed_draft("labour", channel=Channel.EMAIL)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkEventScreen)
        dialog.query_one("#sent-via", RadioSet).focus()
        while dialog.sent_via() is not Channel.FIRST_CLASS:
            await pilot.press("down", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # the dialog stays open, saying why under the form
        assert "has no postal address" in str(dialog.query_one("#err-event", Static).render())
    with open_store() as store:
        assert [e.kind for e in store.get(ref).events] == [EventKind.DRAFTED]
