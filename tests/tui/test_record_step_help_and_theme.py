"""The TUI over the real encrypted store: what the Record step counts as sent (only letters ydm emailed
start ticked; saved or copied ones do not), deleting a draft, the clarification label, and (next-letter Record step, help keys and focus, Home/End, the theme
remembered, the Send question at 80x24, the registration office not remembered unless asked)."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import Checkbox, DataTable, Input, Label, OptionList, Static

from tests.tui.conftest import JANE, TODAY, seed_requests, settle
from tests.tui.test_drafts_nations_and_keys import to_send_step
from ydm.model import Channel, EventKind, Person, RequestKind
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.help import HelpScreen
from ydm.tui.screens.mark_event import EVENT_LABELS, MarkEventScreen, arrival_hint
from ydm.tui.screens.write.record import RecordScreen, heading, not_sent_note
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.state import WizardState

LATER = "tick it once it has gone (posting it tomorrow? record it then, or later from the dashboard with m)"


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def stored_events() -> dict[str, list[EventKind]]:
    from ydm.store.db import open_store

    with open_store() as store:
        return {r.ref: [e.kind for e in r.events] for r in store.list()}


async def show_letter(pilot, index: int) -> None:
    """Highlight letter `index` in the Send step's list (its buttons then act on it)."""
    pilot.app.screen.query_one("#send-list", OptionList).highlighted = index
    await settle(pilot)
    assert pilot.app.screen.index == index


# --- #4: saved, copied or handed to the mail app is not sent --------------------------------------
async def test_saved_copied_or_given_to_the_mail_app_starts_unticked(make_app, fixed_references, tmp_path):
    """A PDF for posting tomorrow must not start its deadline today: nothing ydm did not send is ticked."""
    app = make_app()
    opened: list[str] = []
    app.open_with_system = lambda url: opened.append(url) or True  # a launcher started; nothing more known
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await to_send_step(pilot, orgs=("labour", "conservatives"), kinds=1)
        assert isinstance(app.screen, SendScreen)
        drafts = app.screen.state.drafts
        assert [d.org.id for d in drafts] == ["labour", "conservatives"]
        app.screen.query_one("#folder", Input).value = str(tmp_path / "letters")
        await pilot.click("#save-eml")
        await settle(pilot)
        await pilot.click("#copy-text")
        await settle(pilot)
        await show_letter(pilot, 1)
        await pilot.click("#open-mailto")
        await settle(pilot)
        assert opened and opened[0].startswith("mailto:dataprotection@conservatives.com")
        assert drafts[1].delivered == ["asked your system to open your mail program"]
        assert "opened in your mail program" not in text_of(app, "#delivered")
        assert "asked your system to open your mail program" in text_of(app, "#delivered")
        assert drafts[0].delivered[0].startswith("saved ") and drafts[0].delivered[1] == "text copied"
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, RecordScreen)
        assert [app.screen.query_one(f"#sent-{i}", Checkbox).value for i in range(2)] == [False, False]
        note = text_of(app, "#not-sent-by-ydm")
        assert note.startswith("These letters were not sent by ydm")
        assert "tick each one once it has gone (posting it tomorrow?" in note
        assert "later from the dashboard with m" in note
        assert not app.screen.query("#sent-by-ydm")
        await pilot.press("ctrl+n")  # record: both kept as drafts
        await settle(pilot)
        shown = text_of(app, "#due-dates")
        assert shown.startswith("Recorded.\n") and "how that was counted" not in shown
        assert shown.count("DRAFT: kept, not sent") == 2
    assert sorted(stored_events().values()) == [[EventKind.DRAFTED]] * 2


async def test_a_letter_sent_now_by_email_starts_ticked_with_the_day_it_went(
    make_app, fixed_references, smtp_inbox
):
    """Only "Send now" (SMTP) is sending that ydm saw: that letter starts ticked, dated the day it went."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        orgs = [app.backend.get_org("labour"), app.backend.get_org("conservatives")]
        state = WizardState(person=person, orgs=orgs, kinds=[RequestKind.ACCESS])
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)
        await pilot.click("#send-smtp")  # the first letter, Labour
        await settle(pilot)
        labour, tories = state.drafts
        assert labour.emailed and labour.emailed_on == TODAY and re.fullmatch(r"\d\d:\d\d", labour.emailed_at)
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, RecordScreen)
        assert app.screen.query_one("#sent-0", Checkbox).value
        assert app.screen.query_one("#on-0", Input).value == TODAY.isoformat()
        assert not app.screen.query_one("#sent-1", Checkbox).value
        went = text_of(app, "#sent-by-ydm")
        assert f"Labour Party at {labour.emailed_at}" in went
        note = text_of(app, "#not-sent-by-ydm")
        assert note.startswith("1 of them was not sent by ydm") and LATER in note
        await pilot.press("ctrl+n")
        await settle(pilot)
        shown = text_of(app, "#due-dates")
        assert shown.startswith("Recorded. When the answers are due, and how that was counted:\n\nLabour Party")
    events = stored_events()
    assert events[labour.letter.reference] == [EventKind.DRAFTED, EventKind.SENT]
    assert events[tories.letter.reference] == [EventKind.DRAFTED]
    assert len(smtp_inbox.messages) == 1


async def test_a_mail_app_that_cannot_be_opened_is_said_so(make_app, fixed_references):
    """When nothing could be started to open the mailto link, ydm says so and lists nothing as done."""
    app = make_app()
    app.open_with_system = lambda url: False
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await to_send_step(pilot, orgs=("labour",), kinds=1)
        await pilot.click("#open-mailto")
        await settle(pilot)
        (draft,) = app.screen.state.drafts
        assert draft.delivered == []
        assert text_of(app, "#delivered") == "Done for this letter: nothing yet"
        assert any("could not open a mail program" in n.message for n in app._notifications)


def test_the_not_sent_line_agrees_with_its_number():
    assert not_sent_note(1, 1).startswith("This letter was not sent by ydm")
    assert LATER in not_sent_note(1, 1) and LATER in not_sent_note(1, 3)
    assert not_sent_note(1, 3).startswith("1 of them was not sent")
    assert not_sent_note(2, 3).startswith("2 of them were not sent")
    assert "were" not in not_sent_note(1, 3)


# --- #5: deleting a draft -------------------------------------------------------------------------
async def test_deleting_a_draft_says_nobody_else_has_it(make_app, fixed_references):
    from ydm import tracker
    from ydm.letters.render import render
    from ydm.orgs import contacts
    from ydm.profile import make_person
    from ydm.store.db import open_store

    (sent,) = seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    with open_store() as store:
        letter = render(RequestKind.ACCESS, make_person(**JANE), contacts.load().get("reform"), today=TODAY)
        (draft,) = tracker.record_letters(
            [letter], channel=Channel.FIRST_CLASS, sent_on=None, store=store, today=TODAY
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        refs = [r.ref for r in dashboard.rows]
        table = dashboard.query_one("#requests", DataTable)

        table.move_cursor(row=refs.index(draft.ref))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        said = text_of(app, "#confirm-detail")
        assert "never sent, so nobody else has it" in said
        assert "still has it" not in said and "must still answer" not in said
        await pilot.press("escape")
        await settle(pilot)

        table.move_cursor(row=refs.index(sent.ref))
        await pilot.press("d")
        await settle(pilot)
        said = text_of(app, "#confirm-detail")
        assert "Labour Party still has it and must still answer" in said and "never sent" not in said
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("enter")  # the request screen says the same for the sent one
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "must still answer" in text_of(app, "#confirm-detail")


# --- #7: the clarification label ------------------------------------------------------------------
async def test_answering_their_question_is_labelled_and_hinted(make_app, fixed_references):
    (request,) = seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.FIRST_CLASS)])
    from ydm import tracker
    from ydm.store.db import open_store

    with open_store() as store:
        tracker.mark(store, request.ref, EventKind.CLARIFICATION_REQUESTED, today=TODAY, on=date(2026, 2, 16))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MarkEventScreen)
        listing = app.screen.query_one("#event-kind", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "I answered their question (clarification)" in labels
        assert not any("I sent the clarification" in label for label in labels)
        hint = app.screen.query_one("#event-hint", Static)
        assert not hint.display  # only for the answer
        listing.highlighted = labels.index(EVENT_LABELS[EventKind.CLARIFICATION_PROVIDED])
        await settle(pilot)
        assert hint.display
        # The request went first class: its answer is counted as travelling the same way.
        assert str(hint.render()) == "by first-class post: counted as arriving 2 working days after the day you posted it"
        assert str(app.screen.query_one("#event-date-label", Label).render()).startswith("Sent on")
        listing.highlighted = 0
        await settle(pilot)
        assert not hint.display
        listing.highlighted = labels.index(EVENT_LABELS[EventKind.CLARIFICATION_PROVIDED])
        app.screen.query_one("#event-date", Input).value = "2026-02-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert stored_events()[request.ref][-1] is EventKind.CLARIFICATION_PROVIDED


def test_the_arrival_hint_follows_the_channel():
    assert "4 working days after the day you posted it" in arrival_hint(Channel.SECOND_CLASS)
    assert arrival_hint(Channel.EMAIL) == "by email: counted from the day you sent it"
    assert "a few working days" in arrival_hint(None)


# --- the next-letter wizard's Record step ---------------------------------------------------------
async def reminder_record_step(pilot):
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    await pilot.press("ctrl+n")  # review → send
    await settle(pilot)
    await pilot.press("ctrl+n")  # send → record
    await settle(pilot)
    assert isinstance(pilot.app.screen, RecordScreen)


async def test_next_letter_record_step_speaks_of_three_steps_and_shows_what_was_counted(
    make_app, fixed_references
):
    seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reminder_record_step(pilot)
        everything = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "step 5" not in everything and "step 3 of 3" in everything
        assert "were" not in text_of(app, "#not-sent-by-ydm")
        assert text_of(app, "#not-sent-by-ydm").startswith("This letter was not sent by ydm")
        assert str(app.screen.query_one("#as-0", Label).render()) == "not sent yet"  # a reminder is no draft
        await pilot.press("space", "ctrl+n")  # ticked: sent today
        await settle(pilot)
        shown = text_of(app, "#due-dates")
        head, _, rest = shown.partition("\n\n")
        assert head == "Recorded. What happens next:"
        assert "You sent a reminder on Mon 2 Mar 2026" in rest  # the tracker's words, not nothing


async def test_next_letter_left_unticked_promises_no_counting(make_app, fixed_references):
    seed_requests(TODAY, date(2026, 1, 20), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reminder_record_step(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        shown = text_of(app, "#due-dates")
        assert shown.startswith("Recorded.\n\nLabour Party")
        assert "how that was counted" not in shown and "Not recorded as sent" in shown


def test_the_heading_promises_counting_only_when_there_is_some():
    assert heading([], set(), continuing=False) == "Recorded."
    assert heading([], set(), continuing=True) == "Recorded."


# --- help, keys, theme --------------------------------------------------------------------------------
async def test_help_scrolls_at_once_and_lists_only_the_apps_keys(make_app, fixed_references):
    seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll")
        assert app.screen.focused is scroll
        assert scroll.scroll_y == 0 and scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroll.scroll_y > 0
        described = {what for _key, what in app.screen.keys}
        for internal in ("Page Left", "Page Right", "Top", "Copy selected text", "palette", "End", "Home"):
            assert internal not in described
        for own in ("New request", "Mark event", "Help", "Quit", "First request", "Last request"):
            assert own in described
        text = app.screen.query_one("#help-text").source
        assert "remembers it for next time" in text and "YDM_THEME" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_end_and_home_move_the_dashboard_cursor(make_app, fixed_references):
    seed_requests(
        TODAY,
        date(2026, 2, 10),
        [(org, RequestKind.ACCESS, Channel.EMAIL) for org in ("labour", "conservatives", "libdems", "greens")],
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#requests", DataTable)
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 3 and app.screen.current() is app.screen.rows[3]
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_the_theme_chosen_is_remembered_and_ydm_theme_still_wins(make_app, isolated_home, monkeypatch):
    app = make_app(theme=None)
    assert app.theme == "textual-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "High-contrast theme"]
        command.callback()
        await settle(pilot)
        assert app.theme == "ydm-high-contrast"
    saved = isolated_home / "config" / "tui.toml"
    assert 'theme = "ydm-high-contrast"' in saved.read_text(encoding="utf-8")

    again = make_app(theme=None)  # a restart
    assert again.theme == "ydm-high-contrast"
    monkeypatch.setenv("YDM_THEME", "textual-light")
    assert make_app(theme=None).theme == "textual-light"


async def test_a_restart_without_a_choice_writes_nothing(make_app, isolated_home):
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert not (isolated_home / "config" / "tui.toml").exists()


# --- 80x24 and the registration office ------------------------------------------------------------
async def test_send_question_is_whole_at_80x24(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await to_send_step(pilot, orgs=("labour",), kinds=1)
        question = app.screen.query_one("#travel", Label)
        box = app.screen.query_one("#send-detail")
        assert question.region.right <= box.content_region.right
        lines = [strip.text for strip in question.render_lines(question.region.reset_offset)]
        assert " ".join(line.strip() for line in lines if line.strip()).endswith("travel?")
