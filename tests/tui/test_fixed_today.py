"""`YDM_TODAY` fixes the day in the TUI and the Textual guided session when no `today` is passed in:
both ask ydm.clock, as the CLI does (tests/test_today_everywhere.py)."""

from __future__ import annotations

from datetime import date

from tests.tui.conftest import seed_requests, settle
from ydm.model import Channel, RequestKind

FIXED = date(2031, 6, 16)


async def test_dashboard_says_the_fixed_day(make_app, monkeypatch):
    app = make_app(today=None)  # no `today` given: the app asks the clock
    monkeypatch.setenv("YDM_TODAY", FIXED.isoformat())  # after make_app, which clears it
    seed_requests(FIXED, date(2031, 6, 2), [("libdems", RequestKind.ACCESS, Channel.EMAIL)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.today == FIXED
        summary = str(pilot.app.screen.query_one("#summary").render())
        assert "today is 16 June 2031" in summary


def test_guided_session_letters_carry_the_fixed_day(monkeypatch):
    from tests.session.test_session_core import BASE, answer_all
    from ydm.session.flow import Session

    monkeypatch.setenv("YDM_TODAY", FIXED.isoformat())
    session = Session(lookup=lambda pc: None)  # no `today`: the session asks the clock (as `ydm session` does)
    answer_all(session, {**BASE, "goal": "know", "channel": "email"})
    items = session.plan().items
    assert items and all("16 June 2031" in item.letter.text for item in items)
