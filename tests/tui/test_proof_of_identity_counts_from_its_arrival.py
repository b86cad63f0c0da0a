"""Proof of identity, a fee or an answer sent from the app counts from when THEY receive it (Art 12A(2)(b),
(c) and (5)): the dialog asks how it went (the request's own way until changed) or takes the day they said
it arrived, and the due date is the engine's for exactly that — as `ydm requests mark … --via/--received`.
Real encrypted store; the expected dates come from the tracker on a second request given the same events
through the CLI's path."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Label, OptionList, RadioSet

from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.mark_event import MarkEventScreen

SENT = date(2026, 2, 9)
ASKED = date(2026, 2, 12)
ID_SENT = date(2026, 2, 19)  # a Thursday: second-class post is deemed received four working days later


def _choose(dialog, kind: EventKind) -> None:
    listing = dialog.query_one("#event-kind", OptionList)
    listing.highlighted = next(i for i in range(listing.option_count) if listing.get_option_at_index(i).id == kind.value)


def _due_by_the_cli_path(data: dict) -> date:
    """The same events recorded on a twin request through the tracker, as `requests mark` does."""
    from ydm.service import requests as tracker
    from ydm.store.db import open_store

    (twin,) = seed_requests(TODAY, SENT, [("libdems", RequestKind.ACCESS, Channel.EMAIL)])
    with open_store() as store:
        tracker.mark(store, twin.ref, EventKind.ID_REQUESTED, today=TODAY, on=ASKED)
        view = tracker.mark(store, twin.ref, EventKind.ID_PROVIDED, today=TODAY, on=ID_SENT, data=data)
        store.delete(twin.ref)
    return view.due


async def _mark_id(app, pilot, pick: str | None) -> MarkEventScreen:
    await pilot.press("m")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, MarkEventScreen)
    _choose(dialog, EventKind.ID_PROVIDED)
    await settle(pilot)
    assert dialog.query_one("#arrival-box").display and dialog.query_one("#event-hint").display
    assert dialog.arrived_via() is Channel.EMAIL  # the request's own way until changed
    if pick is not None:
        buttons = dialog.query_one("#arrived-via", RadioSet)
        next(b for b in buttons.query("RadioButton") if b.name == pick).value = True
        await settle(pilot)
    dialog.query_one("#event-date", Input).value = ID_SENT.isoformat()
    return dialog


async def test_id_posted_second_class_counts_from_its_deemed_arrival(make_app, fixed_references):
    (request,) = seed_requests(TODAY, SENT, [("libdems", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm.service import requests as tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.ID_REQUESTED, today=TODAY, on=ASKED)
    app = make_app()
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        dialog = await _mark_id(app, pilot, Channel.SECOND_CLASS.value)
        assert "Sent on" in str(dialog.query_one("#event-date-label", Label).render())
        assert "4 working days after the day you posted it" in str(dialog.query_one("#event-hint").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        shown_due = app.screen.rows[0].due
    with open_store() as store:
        event = store.get(request.ref).events[-1]
    assert event.kind is EventKind.ID_PROVIDED and event.data == {"via": "second-class"}
    posted, emailed = _due_by_the_cli_path({"via": "second-class"}), _due_by_the_cli_path({"via": "email"})
    assert shown_due == posted and posted > emailed  # the post's days count, as in the CLI


async def test_the_day_they_said_it_arrived_is_taken_as_their_receipt(make_app, fixed_references):
    (request,) = seed_requests(TODAY, SENT, [("libdems", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm.service import requests as tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.ID_REQUESTED, today=TODAY, on=ASKED)
    app = make_app()
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        dialog = await _mark_id(app, pilot, "received")
        assert dialog.arrived_via() is None
        assert "Received on" in str(dialog.query_one("#event-date-label", Label).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown_due = app.screen.rows[0].due
    with open_store() as store:
        assert store.get(request.ref).events[-1].data == {"received": True}
    assert shown_due == _due_by_the_cli_path({"received": True})


async def test_other_events_do_not_ask_how_it_went(make_app, fixed_references):
    seed_requests(TODAY, SENT, [("libdems", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        _choose(dialog, EventKind.ACKNOWLEDGED)
        await settle(pilot)
        assert not dialog.query_one("#arrival-box").display and not dialog.query_one("#event-hint").display
