"""Dashboard, request screen and the next-letter flow over a real encrypted store.

Status words and due dates come from the core (tracker/escalation over ydm.law.deadlines); these tests
check that the screens show them and that marking an event changes them.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, OptionList, SelectionList, Static

from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.law import deadlines
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.mark_event import EVENT_LABELS, MarkEventScreen
from ydm.tui.screens.missing_items import MissingItemsScreen
from ydm.tui.screens.request import RequestScreen
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.send import SendScreen

SENT = date(2026, 2, 10)


async def mark(pilot, kind: EventKind, on: date) -> None:
    """Open the mark-event dialog from the current screen and record `kind` on `on`."""
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MarkEventScreen)
    listing = pilot.app.screen.query_one("#event-kind", OptionList)
    wanted = [i for i in range(listing.option_count) if listing.get_option_at_index(i).id == kind.value][0]
    listing.highlighted = wanted
    pilot.app.screen.query_one("#event-date", Input).value = on.isoformat()
    await pilot.press("ctrl+s")
    await settle(pilot)


def row_texts(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def test_marking_events_changes_due_date_and_status(make_app, fixed_references):
    (request,) = seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#requests", DataTable)
        first_due = deadlines.compute_deadline(RequestKind.ACCESS, sent=SENT, channel=Channel.EMAIL).due
        assert screen.rows[0].due == first_due
        assert f"{first_due:%d %b %Y}" in row_texts(table, request.ref)
        status_before = screen.rows[0].status

        # They tell us they received it later than email would suggest: the clock starts then.
        received = date(2026, 2, 16)
        await mark(pilot, EventKind.RECEIVED, received)
        assert isinstance(app.screen, DashboardScreen)
        later_due = deadlines.compute_deadline(RequestKind.ACCESS, received=received).due
        assert later_due != first_due
        assert screen.rows[0].due == later_due
        assert f"{later_due:%d %b %Y}" in row_texts(table, request.ref)

        # They answer: the status word changes and there is nothing left to count.
        await mark(pilot, EventKind.RESPONSE_RECEIVED, date(2026, 2, 27))
        row = screen.rows[0]
        assert row.status != status_before
        assert "ANSWERED" in row.status
        assert row.level == "done"
        assert any("ANSWERED" in text for text in row_texts(table, request.ref))

    from ydm.store.db import open_store

    with open_store() as store:
        kinds = [e.kind for e in store.get(request.ref).events]
    assert EventKind.RECEIVED in kinds and EventKind.RESPONSE_RECEIVED in kinds


async def test_mark_event_refuses_a_future_date(make_app, fixed_references):
    seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        app.screen.query_one("#event-date", Input).value = "2026-04-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MarkEventScreen)
        assert "in the future" in str(app.screen.query_one("#err-event", Static).render())


async def test_request_screen_shows_timeline_due_steps_and_next_step(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        due = deadlines.compute_deadline(RequestKind.ACCESS, sent=date(2026, 1, 20), channel=Channel.EMAIL)
        shown = str(app.screen.query_one("#request-due", Static).render())
        assert f"{due.due:%-d %B %Y}" in shown
        from ydm import tracker
        from ydm.store.db import open_store

        with open_store() as store:
            view = tracker.view(store.get(request.ref), TODAY)
        assert view.due == due.due and view.explanation
        for step in view.explanation:
            assert step in shown  # how it was counted, in the core's words
        timeline = str(app.screen.query_one("#request-timeline", Static).render())
        assert EVENT_LABELS[EventKind.SENT] in timeline and "20 Jan 2026" in timeline
        assert "remind" in str(app.screen.query_one("#request-next", Static).render()).lower()
        assert app.screen.query_one("#write-next").display
        await pilot.press("l")
        assert app.screen.query_one("#request-letter").display
        assert "Labour" in str(app.screen.query_one("#request-letter", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert request.ref


async def test_write_the_reminder_from_the_dashboard_and_record_it(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.rows[0].level == "late"
        assert app.screen.rows[0].next_kind is RequestKind.REMINDER
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.title == f"Next letter for {request.ref} — step 1 of 3: Review"
        (draft,) = app.screen.state.drafts
        assert draft.kind is RequestKind.REMINDER
        assert draft.letter.reference == request.ref  # the same reference, so replies match
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert not app.screen.query_one("#sent-0").value  # not handed over at step 5: not ticked
        await pilot.press("space")  # tick: sent, today (the date field's default)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen.rows) == 1  # the reminder continues the request: no new one
        assert app.screen.rows[0].next_kind is not RequestKind.REMINDER
        await pilot.press("enter", "l")
        await settle(pilot)
        letters = str(app.screen.query_one("#request-letter", Static).render())
        assert f"Reminder of {TODAY:%-d %B %Y}" in letters  # the first letter, then the reminder

    from ydm.store.db import open_store

    with open_store() as store:
        assert EventKind.REMINDER_SENT in [e.kind for e in store.get(request.ref).events]
        assert [x.kind for x in store.letters(request.ref)] == [RequestKind.REMINDER]


async def test_follow_up_asks_which_items_were_missing(make_app, fixed_references):
    (request,) = seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.RESPONSE_INCOMPLETE, today=TODAY, on=date(2026, 2, 25))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.rows[0].next_kind is RequestKind.FOLLOW_UP
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, MissingItemsScreen)
        await pilot.press("ctrl+s")  # nothing ticked yet
        assert "Tick at least one" in str(app.screen.query_one("#err-missing", Static).render())
        items = app.screen.query_one("#missing-items", SelectionList)
        items.select(items.get_option_at_index(3).value)  # 15(1)(c): recipients
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        (draft,) = app.screen.state.drafts
        assert draft.kind is RequestKind.FOLLOW_UP
        assert "recipients" in draft.letter.text


async def test_empty_dashboard_hides_request_keys_and_starts_the_wizard(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {b.binding.action for b in app.active_bindings.values()}
        assert "new_request" in keys and "mark_event" not in keys and "write_next" not in keys
        await pilot.click("#start-wizard")
        await settle(pilot)
        assert app.screen.STEP == 1


async def test_mouse_click_on_a_row_opens_the_request(make_app, fixed_references):
    seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#requests", offset=(5, 1))  # the first data row, under the header
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        await pilot.click("#mark")
        await settle(pilot)
        assert isinstance(app.screen, MarkEventScreen)
