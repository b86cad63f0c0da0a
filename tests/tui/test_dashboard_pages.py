"""A dashboard over many requests fills its table a page at a time (issue 22: 10,000 rows took Textual over
a second), and every request is still reachable: End shows the last one, scrolling or moving down brings
the next page, and the cursor stays on its request when the list is read again."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable

from tests.tui.conftest import TODAY, settle
from ydm.model import Channel, Event, EventKind, Request, RequestKind
from ydm.store.db import open_store
from ydm.tui.screens.dashboard import PAGE

N = 3 * PAGE + 17  # three pages and a part of one


def seed_many(n: int = N) -> None:
    """`n` sent access requests, straight into the store (the tracker's record path would render a
    letter for each: minutes, and nothing the dashboard does). Sent on different days, so they sort."""
    requests = [Request(ref=f"YDM-P{i:04d}", kind=RequestKind.ACCESS, org_id="labour",
                        org_name=f"Organisation-{i:04d}", channel=Channel.EMAIL,
                        events=[Event(EventKind.SENT, TODAY - timedelta(days=i % 90))], letter_text="Dear …")
                for i in range(n)]
    with open_store() as store:
        store.add_many(requests)


async def test_end_shows_the_last_request_of_many(make_app):
    seed_many()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#requests", DataTable)
        assert len(screen.rows) == N
        assert table.row_count < N  # a page, not all of them
        last = screen.rows[-1]
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == N
        assert table.cursor_row == N - 1 and screen.current().ref == last.ref
        await pilot.pause()
        assert table.scroll_y > 0 and last.org_name in app.export_screenshot()  # on the screen, not only in the table
        await pilot.press("home")
        await pilot.pause()
        assert screen.current().ref == screen.rows[0].ref


async def test_moving_down_and_scrolling_bring_the_next_page(make_app):
    seed_many()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#requests", DataTable)
        first = table.row_count
        table.move_cursor(row=first - 1)  # the last row of the first page (as the arrow keys would)
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert table.row_count > first
        assert screen.current().ref == screen.rows[first].ref
        assert str(table.get_cell(screen.rows[first].ref, "org")) == screen.rows[first].org_name
        loaded = table.row_count
        table.scroll_to(y=table.max_scroll_y, animate=False)  # the wheel or the scroll bar: the cursor stays
        await pilot.pause()
        await pilot.pause()
        assert table.row_count > loaded


async def test_the_cursor_keeps_its_request_beyond_the_first_page_when_the_list_is_read_again(make_app):
    seed_many()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("end")
        await pilot.pause()
        ref = screen.current().ref
        screen.refresh_rows()
        await settle(pilot)
        assert screen.current().ref == ref


async def test_without_colour_only_the_cursor_row_carries_the_marker_across_pages(make_app, monkeypatch):
    seed_many()
    monkeypatch.setenv("NO_COLOR", "1")  # no colour to show the cursor row: a › marks it
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#requests", DataTable)

        def marked() -> list[str]:
            return [r.ref for r in screen.rows[: table.row_count] if str(table.get_cell(r.ref, "mark")) == "›"]

        await pilot.press("down", "down")
        await pilot.pause()
        assert marked() == [screen.rows[2].ref] == [screen.current().ref]
        await pilot.press("end")
        await pilot.pause()
        assert marked() == [screen.rows[-1].ref]
