"""A late ICO complaint in the TUI (issue 16 finding 1): past the ICO's three months after the last
contact, writing the complaint asks why it is late (a dialog, as the CLI asks for --late-reason), and
the letter says it is late and gives the reason instead of claiming to be in time. Esc goes back."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from tests.tui.conftest import seed_requests, settle
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.screens.write.late_reason import LateReasonScreen
from ydm.tui.screens.write.review import ReviewScreen

LATER = date(2026, 9, 14)  # the complaint to the organisation went on 7 Apr 2026: ICO's three months ended 7 Jul


def _seed():
    from ydm import tracker
    from ydm.store.db import open_store

    (request,) = seed_requests(LATER, date(2026, 1, 20), [("libdems", RequestKind.OBJECT_MARKETING, Channel.EMAIL)])
    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.REMINDER_SENT, today=LATER, on=date(2026, 3, 2))
        tracker.mark(store, request.ref, EventKind.COMPLAINT_SENT, today=LATER, on=date(2026, 4, 7))
    return request


async def test_a_late_ico_complaint_asks_why_and_says_so(make_app, fixed_references):
    _seed()
    app = make_app(today=LATER)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.rows[0].next_kind is RequestKind.ICO_COMPLAINT
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, LateReasonScreen)
        assert "7 April 2026" in app.screen.last_contact and "7 July 2026" in app.screen.ico_by
        await pilot.press("enter")  # nothing typed: it asks again
        await settle(pilot)
        assert isinstance(app.screen, LateReasonScreen)
        app.screen.query_one("#late-reason", Input).value = "I was in hospital from May to August"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        (draft,) = app.screen.state.drafts
        text = " ".join(draft.letter.text.split())
        assert draft.kind is RequestKind.ICO_COMPLAINT
        assert "within three months of that date" not in text
        assert ("I am making this complaint more than three months after that date (the three months ended on "
                "7 July 2026). I ask you to consider it nonetheless, because I was in hospital from May to "
                "August.") in text
        assert "the way the Liberal Democrats handled my objection" in text


async def test_escape_from_the_late_reason_goes_back_with_nothing_written(make_app, fixed_references):
    _seed()
    app = make_app(today=LATER)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, LateReasonScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (LateReasonScreen, ReviewScreen))
