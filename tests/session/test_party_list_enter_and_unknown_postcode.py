"""On the party list Space ticks and Enter goes on (it used to tick the highlighted party again, undoing
the patron's choice); "I don't know" as a postcode offers a way on instead of leaving them stuck."""

from __future__ import annotations

from ydm.tui.screens.guided.question import QuestionScreen

from .conftest import PATRON, POSTCODE, STREET


async def reach_the_party_list(pilot) -> None:
    await pilot.press("enter", "enter")              # Start; "find out what the parties know"
    await pilot.pause()
    for text in (PATRON, POSTCODE, f"{STREET}, Edinburgh", ""):
        await pilot.press(*text, "enter")
        await pilot.pause()
    assert pilot.app.screen.question.id == "targets"


async def test_enter_on_the_party_list_moves_on_with_the_ticks_as_they_are(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_the_party_list(pilot)
        offered = [o.value for o in app.screen.question.options]
        await pilot.press("down", "space")           # untick the second party
        await pilot.pause()
        await pilot.press("enter")                   # and go on
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "channel"
        assert offered[-1] == "find"  # "someone else: find it by name", never ticked for them
        assert app.session.answers["targets"] == tuple(o for o in offered[:-1] if o != offered[1])


def at_the_postcode(goal: str = "know"):
    from ydm.session.flow import Session

    from .conftest import TODAY

    s = Session(today=TODAY, lookup=lambda pc, *a: None)
    s.answer("goal", goal)
    s.answer("name", PATRON)
    return s


def test_i_dont_know_offers_to_find_it_or_skip():
    for typed in ("I don't know", "dont know", "not sure", "?", "I DON’T KNOW."):
        s = at_the_postcode()
        s.answer("postcode", typed)
        q = s.current()
        assert q.id == "postcode_unknown", typed
        assert [o.value for o in q.options] == ["look", "skip"] and q.default == "look"
        assert "royalmail.com/find-a-postcode" in q.why


def test_find_it_asks_the_postcode_again():
    s = at_the_postcode()
    s.answer("postcode", "I don't know")
    s.answer("postcode_unknown", "look")
    assert s.current().id == "postcode" and s.current().default == ""
    s.answer("postcode", POSTCODE)
    assert s.current().id == "address" and s.nation == "scotland"


def test_skip_asks_the_nation_and_writes_the_letters_without_a_postcode():
    s = at_the_postcode()
    s.answer("postcode", "I don't know")
    s.answer("postcode_unknown", "skip")
    q = s.current()
    assert q.id == "nation" and q.prompt == "Which nation do you live in?"
    s.answer("nation", "scotland")
    for qid, value in (("address", f"{STREET}, Edinburgh"), ("email", "")):
        assert s.current().id == qid
        s.answer(qid, value)
    assert "Scotland" in s.current().prompt          # the party list is the nation's
    s.answer("targets", s.current().default)
    s.answer("channel", "first-class")
    plan = s.plan()
    assert plan.items and all(STREET in i.letter.text and POSTCODE not in i.letter.text for i in plan.items)


def test_the_open_register_letter_cannot_skip_it():
    s = at_the_postcode("stop-sold")
    s.answer("postcode", "I don't know")
    q = s.current()
    assert q.id == "postcode_unknown" and [o.value for o in q.options] == ["look"]
    assert "needs your postcode" in q.prompt and not s.needs_lookup()


async def test_on_screen_i_dont_know_then_skip(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter", *"I don't know", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "postcode_unknown"
        await pilot.press("down", "enter")          # Skip: I will add it by hand
        await pilot.pause()
        assert app.screen.question.id == "nation"
