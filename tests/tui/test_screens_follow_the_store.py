"""Every screen that shows a request reloads it after a change (ydm.tui.messages.RequestsChanged):
the request screen under the wizard that wrote its reminder shows the new history and next step."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Static

from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.messages import RequestsChanged
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.mark_event import EVENT_LABELS
from ydm.tui.screens.request import RequestScreen
from ydm.tui.screens.write.record import RecordScreen


async def test_the_request_screen_shows_the_reminder_written_over_it(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    seen: list[RequestsChanged] = []
    async with app.run_test(size=(100, 30), message_hook=lambda m: seen.append(m) if isinstance(
            m, RequestsChanged) else None) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        assert "Write the reminder letter (w)" in str(app.screen.query_one("#write-next", Button).label)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("ctrl+n")  # review
        await settle(pilot)
        await pilot.press("ctrl+n")  # send
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("space", "ctrl+n")  # sent today
        await settle(pilot)
        await pilot.press("ctrl+n")  # finish
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RequestScreen)  # back where the wizard started
        timeline = str(screen.query_one("#request-timeline", Static).render())
        assert EVENT_LABELS[EventKind.REMINDER_SENT] in timeline
        assert screen.row is not None and screen.row.next_kind is not RequestKind.REMINDER
        button = screen.query_one("#write-next", Button)
        if screen.row.next_kind is None:
            assert not button.display
        else:
            assert "reminder" not in str(button.label).lower()
        assert "send a reminder" not in str(screen.query_one("#request-next", Static).render()).lower()
        # w on the fresh screen agrees with it: no reminder a second time
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen) or app.screen.state.drafts[0].kind is not RequestKind.REMINDER
        # the dashboard under it reloaded too
        dashboard = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
        assert dashboard.rows[0].next_kind is not RequestKind.REMINDER
    assert seen  # one message told the screens


async def test_a_change_made_elsewhere_reaches_an_open_request_screen(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        from ydm import tracker
        from ydm.store.db import open_store

        with open_store() as store:  # another face (the CLI) records the answer meanwhile
            tracker.mark(store, request.ref, EventKind.RESPONSE_RECEIVED, today=TODAY, on=TODAY)
        app.post_message(RequestsChanged(request.ref))
        await settle(pilot)
        timeline = str(app.screen.query_one("#request-timeline", Static).render())
        assert EVENT_LABELS[EventKind.RESPONSE_RECEIVED] in timeline


async def test_after_an_incomplete_reply_the_request_says_what_is_due_now(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.RESPONSE_INCOMPLETE, today=TODAY, on=date(2026, 2, 25))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        due = str(app.screen.query_one("#request-due", Static).render())
        assert "not known yet" not in due
        assert "What is due now" in due and "follow-up" in due
        assert "Write the follow-up letter (w)" in str(app.screen.query_one("#write-next", Button).label)


async def test_the_ico_complaint_button_keeps_its_capitals(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2025, 11, 3), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.REMINDER_SENT, today=TODAY, on=date(2025, 12, 10))
        tracker.mark(store, request.ref, EventKind.COMPLAINT_SENT, today=TODAY, on=date(2026, 1, 5))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.row.next_kind is RequestKind.ICO_COMPLAINT
        assert str(app.screen.query_one("#write-next", Button).label) == "Write the ICO complaint letter (w)"
