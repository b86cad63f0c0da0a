"""A valid postcode from another nation than the town in the address (GU2 1DY with Glasgow) is asked
about, not silently followed: the patron says which is right, or types the postcode again."""

from __future__ import annotations

from ydm.session.flow import Session
from ydm.session.towns import nation_of_address
from ydm.tui.screens.guided.question import QuestionScreen

from .conftest import PATRON, STREET, TODAY


def session_at_the_address(postcode: str, address: str) -> Session:
    s = Session(today=TODAY, lookup=lambda pc: None)
    for qid, value in (("goal", "know"), ("name", PATRON), ("postcode", postcode), ("address", address)):
        s.answer(qid, value)
    return s


def test_glasgow_address_with_a_guildford_postcode_is_asked_about():
    s = session_at_the_address("GU2 1DY", f"{STREET}, Glasgow")
    q = s.current()
    assert q.id == "where_check"
    assert q.prompt == ("Your postcode GU2 1DY is in England, but Glasgow, in your address, is in Scotland. "
                        "Which is right?")
    assert [o.value for o in q.options] == ["retype", "keep"] and q.default == "retype"
    assert s.progress().startswith("Question 4 of ") and "part 2" in s.progress()


def test_keep_the_postcode_goes_on_with_england():
    s = session_at_the_address("GU2 1DY", f"{STREET}, Glasgow")
    s.answer("where_check", "keep")
    assert s.current().id == "email" and s.nation == "england"


def test_retype_asks_the_postcode_again_and_a_glasgow_one_goes_on_with_scotland():
    s = session_at_the_address("GU2 1DY", f"{STREET}, Glasgow")
    s.answer("where_check", "retype")
    q = s.current()
    assert q.id == "postcode" and q.default == "GU2 1DY"   # as typed, to correct
    s.answer("postcode", "G2 1DY")
    assert s.current().id == "email" and s.nation == "scotland"
    s.answer("email", "")
    assert "Scotland" in s.current().prompt               # the party list is Scotland's


def test_no_question_when_they_agree_or_the_town_is_not_known():
    for postcode, address in (("G2 1DY", "1 Hope Street, Glasgow"), ("GU2 1DY", "1 High Street, Guildford"),
                              ("GU2 1DY", "1 High Street, Anytown"), ("GU2 1DY", "1 Glasgow Road, Woking")):
        assert session_at_the_address(postcode, address).current().id == "email", (postcode, address)


def test_towns_are_matched_on_a_whole_line_even_with_the_postcode_after_them():
    assert nation_of_address("1 Hope Street, Glasgow G2 1DY") == ("Glasgow", "scotland")
    assert nation_of_address("1 Stryd Fawr\nCaerdydd") == ("Caerdydd", "wales")
    assert nation_of_address("2 Main Street, Newport") is None   # Wales and England both have one


async def test_the_screen_asks_and_enter_types_the_postcode_again(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter", *"GU2 1DY", "enter", *f"{STREET}, Glasgow", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "where_check"
        await pilot.press("enter")                  # the default: type the postcode again
        await pilot.pause()
        assert app.screen.question.id == "postcode"
        await pilot.press(*["backspace"] * 7, *"G2 1DY", "enter")
        await pilot.pause()
        assert app.screen.question.id == "email" and app.session.nation == "scotland"
