"""The guided session's words: minutes and seconds in the singular, the registration officer named once
(not "Electoral Registration Officer, Fife Council Electoral Registration Officer"), and "Stop parties
contacting me" saying what its letter says about election leaflets."""

from __future__ import annotations

import pytest

from ydm.model import RequestKind
from ydm.session import takehome
from ydm.session.flow import ELECTION_POST, GOALS, Session, SessionConfig
from ydm.session.words import minutes
from ydm.tui.screens.guided.idle import IdleWarning

from .conftest import PATRON, TODAY
from .test_session_core import BASE, answer_all


@pytest.mark.parametrize("n, words", [(1, "1 minute"), (10, "10 minutes"), (1.5, "1.5 minutes"), (0.5, "30 seconds")])
def test_minutes_in_words(n, words):
    assert minutes(n) == words


async def test_welcome_and_idle_warning_count_in_the_singular(make_app, clock):
    app = make_app(SessionConfig(timeout=60))
    async with app.run_test(size=(80, 24)) as pilot:
        settings = str(app.screen.query_one("#settings").render())
        assert "Everything is wiped after 1 minute without a key press." in settings
        await pilot.press("enter", "enter", *PATRON, "enter")
        await pilot.pause()
        clock.advance(59)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        assert "In 1 second everything you typed" in str(app.screen.query_one("#idle-text").render())


OFFICE_LINES = "Fife House, North Street, Glenrothes, KY7 5LT"


@pytest.mark.parametrize("typed, block", [
    ("Fife Council Electoral Registration Officer",
     ("Fife Council Electoral Registration Officer", "Fife House", "North Street", "Glenrothes", "KY7 5LT")),
    ("Fife Council",
     ("Electoral Registration Officer", "Fife Council", "Fife House", "North Street", "Glenrothes", "KY7 5LT")),
])
def test_the_registration_officer_is_named_once(typed, block):
    s = Session(today=TODAY, lookup=lambda *a: None)
    answer_all(s, {**BASE, "goal": "stop-sold", "office_name": typed, "office_address": OFFICE_LINES,
                   "channel": "first-class"})
    (item,) = [i for i in s.plan().items if i.letter.kind is RequestKind.OPEN_REGISTER]
    assert item.letter.recipient_lines == block
    assert item.how == "Post to: " + ", ".join(block)
    assert item.letter.text.lower().count("electoral registration officer") == 2  # the block and "Dear …"


def test_a_found_office_named_as_the_officer_is_not_doubled_either():
    from ydm.adapters.lookup import Office, office_as_organisation

    found = office_as_organisation(Office(name="Fife Council Electoral Registration Officer",
                                          address=("Fife House", "North Street", "Glenrothes"), postcode="KY7 5LT",
                                          source="democracy-club", contact="registration", checked_on="2026-03-02"))
    s = Session(today=TODAY, lookup=lambda *a: found)
    answer_all(s, {**BASE, "goal": "stop-sold", "office": "found", "channel": "first-class"})
    (item,) = [i for i in s.plan().items if i.letter.kind is RequestKind.OPEN_REGISTER]
    assert item.letter.recipient_lines[0] == "Fife Council Electoral Registration Officer"
    assert "Electoral Registration Officer, Fife Council Electoral Registration Officer" not in item.how


def test_stop_contacting_says_what_the_letter_says_about_election_leaflets():
    blurb = GOALS["stop-contact"][1]
    assert "They must stop, with one exception: at an election, each candidate may still send you one " \
           "election leaflet free by post." in blurb
    s = Session(today=TODAY, lookup=lambda *a: None)
    answer_all(s, {**BASE, "goal": "stop-contact", "channel": "first-class"})
    plan = s.plan()
    assert ELECTION_POST in plan.notes and "section 91 of the Representation of the People Act 1983" in ELECTION_POST
    # the same fact as the letter itself
    assert all("free of postage (section 91 of the Representation of the People Act 1983)" in i.letter.text
               for i in plan.items)
    assert ELECTION_POST in takehome.sheet_text(plan, TODAY)


def test_brokers_only_get_no_election_note():
    s = Session(today=TODAY, lookup=lambda *a: None)
    answer_all(s, {**BASE, "goal": "stop-sold", "office_name": "Some Office", "office_address": OFFICE_LINES,
                   "channel": "first-class"})
    assert ELECTION_POST not in s.plan().notes
