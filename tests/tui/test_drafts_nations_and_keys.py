"""The TUI as driven in a terminal: only letters ticked are recorded as sent (the rest stay drafts), the
"due within a week" count, YDM_PASSPHRASE creating the store without asking, the nation guessed from a
Welsh or border postcode, keys after Tab landing in the next field, cancelling asks before dropping typed
work, the Quit key in the dashboard's footer, and a closed backend never opening a store elsewhere."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widgets import Checkbox, Input, Select, Static

from tests.tui.conftest import JANE, TODAY, seed_requests, settle
from tests.tui.test_wizard import fill_about_you, put_into, tick_org, to_about_you, to_who
from ydm.model import Channel, EventKind, RequestKind
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.passphrase import PassphraseScreen
from ydm.tui.screens.write.about_you import AboutYouScreen
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.who import WhoScreen, nation_guess


async def to_send_step(pilot, orgs=("labour", "reform"), kinds=2) -> None:
    """Steps 1-4 of the wizard: Jane, the organisations, the first `kinds` kinds; ends at step 5."""
    await pilot.press("n")
    await settle(pilot)
    await fill_about_you(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    for query in orgs:
        await tick_org(pilot, query)
    await pilot.press("ctrl+n")
    await settle(pilot)
    keys = ["space"] + ["down", "space"] * (kinds - 1)
    await pilot.press(*keys, "ctrl+n")
    await settle(pilot)
    await pilot.press("ctrl+n")  # review → send
    await settle(pilot)


async def test_only_letters_ticked_are_recorded_as_sent_the_rest_stay_drafts(
    make_app, fixed_references, tmp_path
):
    """QA 1 (severe), then QA3 #4: saving a letter at step 5 is not sending it, so nothing starts
    ticked; the one ticked by hand is recorded as sent, the other three with only a `drafted` event,
    shown as DRAFT, with no due date (so no reminders)."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await to_send_step(pilot)
        assert isinstance(app.screen, SendScreen)
        drafts = app.screen.state.drafts
        assert len(drafts) == 4
        app.screen.query_one("#folder", Input).value = str(tmp_path / "letters")
        await pilot.click("#save-eml")  # the first letter (highlighted) only
        await settle(pilot)
        assert drafts[0].delivered and not any(d.delivered for d in drafts[1:])
        assert not any(d.sent_by_ydm for d in drafts)
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, RecordScreen)
        ticked = [app.screen.query_one(f"#sent-{i}", Checkbox).value for i in range(4)]
        assert ticked == [False] * 4
        assert all(app.screen.query_one(f"#on-{i}", Input).disabled for i in range(4))
        warning = str(app.screen.query_one("#not-sent-by-ydm", Static).render())
        assert warning.startswith("These letters were not sent by ydm")
        assert app.screen.focused is app.screen.query_one("#sent-0")
        await pilot.press("space")  # the saved one went after all: tick it, sent today
        await settle(pilot)
        assert [app.screen.query_one(f"#on-{i}", Input).disabled for i in range(4)] == [False, True, True, True]
        await pilot.press("ctrl+n")  # record
        await settle(pilot)
        shown = str(app.screen.query_one("#due-dates", Static).render())
        assert shown.count("DRAFT: kept, not sent") == 3
        await pilot.press("ctrl+n")  # finish
        await settle(pilot)

        assert isinstance(app.screen, DashboardScreen)
        rows = {r.ref: r for r in app.screen.rows}
        sent_ref = drafts[0].letter.reference
        assert rows[sent_ref].sent == TODAY and rows[sent_ref].due is not None
        others = [r for ref, r in rows.items() if ref != sent_ref]
        assert len(others) == 3
        assert all(r.level == "draft" and "DRAFT" in r.status and r.due is None for r in others)
        assert all(r.sent is None for r in others)

    from ydm.store.db import open_store

    with open_store() as store:
        kinds = {r.ref: [e.kind for e in r.events] for r in store.list()}
    assert kinds[sent_ref] == [EventKind.DRAFTED, EventKind.SENT]
    assert sorted(kinds[ref] for ref in kinds if ref != sent_ref) == [[EventKind.DRAFTED]] * 3


async def test_a_draft_can_be_ticked_as_sent_on_its_own_day(make_app, fixed_references):
    """QA 1: each letter has its own day; ticking an unhanded letter enables its date field."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await to_send_step(pilot, orgs=("labour",), kinds=2)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.focused is app.screen.query_one("#sent-0")
        await pilot.press("space")  # tick the first
        await settle(pilot)
        date_field = app.screen.query_one("#on-0", Input)
        assert not date_field.disabled
        date_field.value = "2026-02-20"
        await pilot.press("ctrl+n")
        await settle(pilot)
        rows = app.screen.state.recorded
        assert [r.sent for r in rows] == [date(2026, 2, 20), None]


async def test_dashboard_counts_only_requests_with_a_due_date_this_week(make_app, fixed_references):
    """QA 4: a PAUSED request (no due date) is not "due within a week"; counts come from the views."""
    (paused,) = seed_requests(TODAY, date(2026, 2, 25), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, paused.ref, EventKind.CLARIFICATION_REQUESTED, today=TODAY, on=date(2026, 2, 27))
        assert tracker.view(store.get(paused.ref), TODAY).due is None
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary.startswith("1 request —")
        assert "due within a week" not in summary and "overdue" not in summary
    seed_requests(TODAY, date(2026, 2, 3), [("reform-uk", RequestKind.ACCESS, Channel.EMAIL)])  # due 3 Mar
    seed_requests(TODAY, date(2026, 1, 20), [("experian", RequestKind.ACCESS, Channel.EMAIL)])  # overdue
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary.startswith("3 requests, 1 overdue, 1 due within a week —")


async def test_ydm_passphrase_creates_the_store_without_asking(make_app, monkeypatch):
    """QA 3: with no keyring and YDM_PASSPHRASE set, the TUI creates the store with it (as the CLI
    would) instead of asking for a new passphrase; the CLI's way of opening then works."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("YDM_PASSPHRASE", "the env passphrase")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for key, value in JANE.items():
            app.screen.query_one(f"#f-{key}", Input).value = value
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not any(isinstance(s, PassphraseScreen) for s in app.screen_stack)
        assert isinstance(app.screen, WhoScreen)
    from ydm.store.db import open_store

    with open_store(passphrase=None) as store:  # the CLI: YDM_PASSPHRASE, no prompt
        assert store.key_mode == "passphrase"
        assert store.load_profile().name == JANE["name"]


def test_nation_is_guessed_from_the_postcode_for_representation():
    """QA 5: Wales is told apart from England (they share a bank-holiday calendar)."""
    assert nation_guess("CF10 1AA") == ("wales", True)
    assert nation_guess("LL57 2DG") == ("wales", True)
    assert nation_guess("SA1 1AA") == ("wales", True)
    assert nation_guess("SY23 3AA") == ("wales", True)  # Aberystwyth
    assert nation_guess("SY1 1AA") == ("england", True)  # Shrewsbury
    assert nation_guess("CH5 1AA") == ("wales", True)  # Flintshire
    assert nation_guess("CH1 1AA") == ("england", True)  # Chester
    assert nation_guess("CH4 8AA") == ("england", False)  # Chester with Saltney (Flintshire)
    assert nation_guess("EH1 1YJ") == ("scotland", True)
    assert nation_guess("TD15 1AA") == ("england", True)  # Berwick-upon-Tweed
    assert nation_guess("BT1 1AA") == ("northern-ireland", True)
    assert nation_guess("SW1A 1AA") == ("england", True)
    assert nation_guess("not a postcode") == ("england", False)


async def test_who_step_defaults_the_nation_from_a_welsh_postcode(make_app):
    """QA 5: a CF10 postcode at step 1 → "Tick all elected parties in Wales" at step 2; and step 1
    no longer claims the postcode picks the deadline's bank holidays."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        why = " ".join(str(w.render()) for w in app.screen.query(".why"))
        assert "which nation's bank holidays count" not in why
        assert "where each organisation is based" in why
        await fill_about_you(pilot)
        await put_into(pilot, "#f-postcode", "CF10 1AA")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
        assert app.screen.query_one("#nation", Select).value == "wales"
        await pilot.click("#all-parties")
        await settle(pilot)
        assert set(app.screen.selected) == {o.id for o in app.backend.parties_elected_in("wales")}


async def test_who_step_asks_to_check_the_nation_near_a_border(make_app):
    """A postcode district that crosses a border (CH4: Chester with Saltney in Flintshire) is a
    guess, and the person is told so; a clear one (CF10) raises no such notice."""
    for postcode, nation, told in (("CH4 8AA", "england", True), ("CF10 1AA", "wales", False)):
        app = make_app()
        async with app.run_test(size=(100, 32)) as pilot:
            await to_about_you(pilot)
            await put_into(pilot, "#f-postcode", postcode)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, WhoScreen)
            assert app.screen.query_one("#nation", Select).value == nation
            titles = [n.title for n in app._notifications]
            assert ("Check your nation" in titles) is told, (postcode, titles)


async def test_keys_sent_right_after_tab_land_in_the_next_field(make_app):
    """QA 6: a burst of keys (tmux send-keys "Jane" Tab "High St" Tab …) is posted before any is
    handled; Tab must move focus before the next key is delivered."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)
        burst = [*"Jane", "tab", *"High St", "tab", *"CF10 1AA", "tab", "shift+tab", "shift+tab"]
        for key in burst:
            name = {" ": "space", ",": "comma"}.get(key, key)
            char = {"tab": "\t", "shift+tab": None}.get(key, key)
            app.post_message(events.Key(name, char))  # no waiting in between, like a terminal burst
        await settle(pilot)
        values = {field.id: field.value for field in app.screen.query(Input)}
        assert values["f-name"] == "Jane"
        assert values["f-address"] == "High St"
        assert values["f-postcode"] == "CF10 1AA"
        assert app.screen.focused is app.screen.query_one("#f-address")  # Shift+Tab is as prompt


async def test_cancel_asks_before_dropping_what_was_entered(make_app):
    """QA 7: Ctrl+G with typed data asks "Discard this new request?"; with nothing typed it leaves."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+g")  # nothing entered: straight back
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Jane")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard this new request?" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("n")  # keep writing
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)
        assert app.screen.query_one("#f-name", Input).value == "Jane"
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_cancel_on_a_later_step_asks_too(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        assert isinstance(app.screen, WhoScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape means no
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)


async def test_quit_key_is_in_the_dashboard_footer(make_app):
    """QA 8: "q Quit" is visible in the footer of the dashboard, and q leaves."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = {(key.key, key.description) for key in app.screen.query("FooterKey")}
        assert ("q", "Quit") in shown
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_closed_backend_never_opens_a_store_elsewhere(make_app, tmp_path, monkeypatch):
    """QA 9 (flaky WrongKey): a worker that outlives its app must not open or create a store where
    YDM_HOME points later (the next test's home, with the next test's keyring)."""
    import pytest

    from ydm.errors import StoreError
    from ydm.tui.backend import Backend

    backend = Backend()
    first = backend._path
    monkeypatch.setenv("YDM_HOME", str(tmp_path / "another-home"))
    assert backend._path == first  # fixed when the app started
    backend.close()
    with pytest.raises(StoreError):
        backend.store  # noqa: B018 - the property opens the store
    assert not (tmp_path / "another-home").exists()
    assert not first.exists()


async def test_no_color_marks_the_cursor_row_with_a_character(make_app, fixed_references, monkeypatch):
    """QA 2: without colour the dashboard's cursor row carries a › that follows the cursor."""
    seed_requests(
        TODAY,
        date(2026, 2, 10),
        [("labour", RequestKind.ACCESS, Channel.EMAIL), ("reform-uk", RequestKind.ACCESS, Channel.EMAIL)],
    )
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#requests")
        refs = [row.ref for row in app.screen.rows]
        assert [table.get_cell(ref, "mark") for ref in refs] == ["›", ""]
        await pilot.press("down")
        await pilot.pause()
        assert [table.get_cell(ref, "mark") for ref in refs] == ["", "›"]
