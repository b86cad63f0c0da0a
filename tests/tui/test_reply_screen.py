"""The reply screen, reached from the request screen: what they hold, the checklist (corrected with
f / n / a, kept in the store) and the follow-up for exactly what is missing, driven with Pilot."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import OptionList, Static

from tests.tracker.replies import samples
from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, RequestKind
from ydm.tui.screens.reply import ReplyScreen
from ydm.tui.screens.request import RequestScreen
from ydm.tui.screens.write.review import ReviewScreen

SENT = date(2026, 2, 10)


def _take_in(tmp_path, ref):
    from ydm.service import replies
    from ydm.store.db import open_store

    f = tmp_path / "reply.eml"
    f.write_bytes(samples.email_bytes(subject=f"Re: {ref}", when=datetime(2026, 2, 24, 10, 0, tzinfo=UTC),
                                      attachments={"data.csv": ("text/csv", samples.csv_bytes())}))
    with open_store() as store:
        replies.add(store, [str(f)], today=TODAY)


def _text(screen, selector) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_reply_screen_shows_holdings_checklist_and_writes_the_follow_up(make_app, fixed_references, tmp_path):
    (request,) = seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    _take_in(tmp_path, request.ref)
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReplyScreen)
        holds = _text(screen, "#reply-holds")
        assert "voting_intention: Likely Labour (data.csv row 2)" in holds
        assert "Electoral register 2025" in holds
        listing = screen.query_one("#reply-checklist", OptionList)
        codes = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert codes[:3] == ["15(1)-copy", "15(1)(a)", "15(1)(b)"] and "pol:inferred" in codes
        h = codes.index("15(1)(h)")
        assert "not found" in str(listing.get_option_at_index(h).prompt)
        assert "automated decisions and profiling" in _text(screen, "#reply-follow-up")
        listing.highlighted = h
        await pilot.press("f")  # the person reads the reply and says it is there
        await settle(pilot)
        assert "found (you)" in str(listing.get_option_at_index(h).prompt)
        assert "automated decisions and profiling" not in _text(screen, "#reply-follow-up")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        (draft,) = app.screen.state.drafts
        assert draft.kind is RequestKind.FOLLOW_UP
        assert "outside the UK (Article 15(2))" in draft.letter.text
        assert "custom or lookalike audience" in draft.letter.text
        assert "automated decisions" not in draft.letter.text
    from ydm.store.db import open_store

    with open_store() as store:  # the correction was kept with the request, encrypted
        assert store.load_check(request.ref) == {"15(1)(h)": "found"}
        # writing the follow-up judged the reply incomplete, so the follow-up can be recorded as sent
        assert [e.kind.value for e in store.get(request.ref).events][-1] == "response-incomplete"


async def test_no_reply_yet_says_how_to_add_one(make_app, fixed_references):
    (request,) = seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReplyScreen(request.ref))
        await settle(pilot)
        assert f"ydm replies add FILE --ref {request.ref}" in _text(app.screen, "#reply-follow-up")
        assert not app.screen.query_one("#reply-write").display
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReplyScreen)
