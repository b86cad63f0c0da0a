"""The dashboard's columns give way in order of importance when the terminal is narrow (sending date,
then kind, days, due date), never the status; names are not cut while there is room for them."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, RequestKind
from ydm.tui.screens.dashboard import plan_columns

NAMES = ["Experian (credit reference agency & marketing services)", "Labour Party", "Plaid Cymru"]


def test_the_status_stays_at_every_width_and_the_others_go_in_order():
    seen = []
    for width in range(30, 130, 5):
        widths = plan_columns(width, names=NAMES, statuses=["OVERDUE", "WAITING"], kinds=["Access"],
                              date_width=9)
        assert "status" in widths and widths["status"] >= 9 and widths["org"] >= 1
        seen.append([key for key in ("due", "days", "kind", "sent") if key in widths])
    # a column is only there when every more important one is
    for shown in seen:
        assert shown == ["due", "days", "kind", "sent"][: len(shown)]
    assert seen[0] == [] and seen[-1] == ["due", "days", "kind", "sent"]


def test_short_names_are_never_cut_when_they_fit():
    widths = plan_columns(80, names=["Labour Party", "Plaid Cymru"], statuses=["WAITING"], kinds=["Access"],
                          date_width=9)
    assert widths["org"] >= len("Labour Party") and set(widths) == {"org", "status", "due", "days", "kind", "sent"}


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_status_column_is_on_screen(make_app, fixed_references, size):
    seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL),
                                             ("experian", RequestKind.ACCESS, Channel.FIRST_CLASS)])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#requests", DataTable)
        keys = [column.key.value for column in table.ordered_columns]
        assert "status" in keys and "org" in keys
        assert table.virtual_size.width <= table.size.width  # nothing off to the right
        statuses = [str(table.get_cell(row.ref, "status")) for row in app.screen.rows]
        assert all(row.status[:6] in text for row, text in zip(app.screen.rows, statuses, strict=True))
        names = [str(table.get_cell(row.ref, "org")) for row in app.screen.rows]
        assert "Labour Party" in names  # a short name in full
        if size == (80, 24):
            assert "kind" in keys and "due" in keys
