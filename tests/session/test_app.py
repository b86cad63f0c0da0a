"""SessionApp driven with Pilot like a librarian and a patron would, then a scan for any trace."""

from __future__ import annotations

from unittest.mock import PropertyMock, patch

from ydm.session import takehome
from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.idle import IdleWarning
from ydm.tui.screens.guided.outputs import OutputsScreen
from ydm.tui.screens.guided.question import QuestionScreen
from ydm.tui.screens.guided.reading import EmailScreen
from ydm.tui.screens.guided.review import ReviewScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen
from ydm.tui.session_app import SessionApp

from .conftest import PATRON, POSTCODE, STREET, scan


async def answer_questions(pilot, *, channel_downs: int = 2) -> None:
    """Welcome → "find out what the parties know" → details → every party → email from own email."""
    await pilot.press("enter")                       # Start
    await pilot.pause()
    await pilot.press("enter")                       # goal: the first choice
    await pilot.pause()
    for text in (PATRON, POSTCODE, f"{STREET}, Edinburgh"):
        await pilot.press(*text, "enter")
        await pilot.pause()
    await pilot.press("enter")                       # no email
    await pilot.pause()
    await pilot.press("ctrl+n")                      # keep every party ticked
    await pilot.pause()
    await pilot.press(*["down"] * channel_downs, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def choose(pilot, action: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, OutputsScreen)
    index = [a.id for a in screen.acts].index(action)
    listing = screen.query_one("#actions-list")
    listing.focus()
    listing.highlighted = index
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_whole_session_prints_copies_finishes_and_leaves_no_trace(make_app, fresh_dirs, fake_lp):
    app: SessionApp = make_app(SessionConfig(printer="desk"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await answer_questions(pilot)
        assert isinstance(app.screen, ReviewScreen)
        plan = app.session.plan()
        assert plan.items and all(PATRON in i.letter.text for i in plan.items)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "print-letters")
        await choose(pilot, "print-sheet")
        jobs = fake_lp()
        assert [j["args"] for j in jobs] == [["-d", "desk", "-t", "ydm letters", "-"]] * 2
        assert "Sent the take-home sheet to the printer desk." in str(app.screen.query_one("#status").render())
        await choose(pilot, "email")
        assert isinstance(app.screen, EmailScreen)
        await pilot.press("enter")                   # "Copy text" has the focus
        first = plan.by_channel(*{i.channel for i in plan.items} & {takehome.Channel.EMAIL})[0]
        assert app.clipboard == takehome.email_text(first)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")                  # Finish
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        saved = str(app.screen.query_one("#saved-files").render())
        assert "No files were saved" in saved and "letters, take-home sheet" in saved
        await pilot.press("enter")                   # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.answers == {} and app.session.store.count() == 0
        assert app.clipboard == " "                   # what we copied is overwritten too
    assert scan(fresh_dirs.values()) == []


async def test_export_folder_is_emptied_at_finish_too(make_app, fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_questions(pilot, channel_downs=0)   # first-class post
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "save-letters")
        await choose(pilot, "save-ics")
        await choose(pilot, "finish")
        listed = str(app.screen.query_one("#export-files").render())
        assert str(usb) in listed and "ydm-letters.pdf" in listed and "ydm-due-dates.ics" in listed
        await pilot.press("enter")                   # Finish and wipe: the saved files go too
        await pilot.pause()
    assert list(usb.iterdir()) == []
    assert scan([*fresh_dirs.values(), usb]) == []


async def test_in_a_browser_files_are_delivered_from_memory(make_app, fresh_dirs):
    app = make_app()
    delivered = []
    with patch.object(SessionApp, "is_web", new_callable=PropertyMock, return_value=True), \
         patch.object(SessionApp, "deliver_binary", lambda self, f, **kw: delivered.append((f.read(), kw))):
        async with app.run_test(size=(80, 24)) as pilot:
            await answer_questions(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            await choose(pilot, "save-sheet")
            assert app.session.saved == ["ydm-take-home-sheet.pdf (downloaded in your browser)"]
    (data, kw), = delivered
    assert data.startswith(b"%PDF") and kw["save_filename"] == "ydm-take-home-sheet.pdf"
    assert scan(fresh_dirs.values()) == []


async def test_inactivity_warns_then_wipes_back_to_the_welcome(make_app, clock, fresh_dirs):
    app = make_app(SessionConfig(timeout=100))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        assert app.session.answers["name"] == PATRON
        clock.advance(79)
        app.check_inactivity()
        await pilot.pause()
        assert not isinstance(app.screen, IdleWarning)
        clock.advance(1)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await pilot.press("space")                   # "I'm still here"
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.session.answers["name"] == PATRON
        clock.advance(80)
        app.check_inactivity()
        await pilot.pause()
        clock.advance(20)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.answers == {}
        assert len(app.screen_stack) == 2


async def test_wrong_answer_is_explained_next_to_the_field(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter", *"not a postcode", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#error").render())
        assert "does not look like a UK postcode" in error
        await pilot.press("escape")                  # back to the name, which is kept as the default
        await pilot.pause()
        assert app.screen.query_one("#answer").value == PATRON


async def test_the_real_timer_is_wired_up(fresh_dirs):
    """Seconds, not minutes: the unit is injectable, so a short real timeout wipes a real session."""
    from .conftest import TODAY

    app = SessionApp(SessionConfig(timeout=3.0), today=TODAY, theme="textual-dark",
                     lookup=lambda postcode: None, tick_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *"Idle", "enter")
        await pilot.pause()
        assert app.session.started
        for _ in range(600):  # a bound, not a timing assertion
            await pilot.pause(0.05)
            if not app.session.started and isinstance(app.screen, WelcomeScreen):
                break
        assert app.session.answers == {} and isinstance(app.screen, WelcomeScreen)
