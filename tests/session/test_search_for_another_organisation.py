"""The guided session finds an organisation by name (issue 14 item 3): "Someone else" on the list of who
gets a letter asks for a name, searched with the one search every face uses — shipped organisations,
typos forgiven, and a local party from an imported Electoral Commission register (a real index built from
files in the Commission's published layout). The found ones get their letters; the question count of a
patron who needs none of this does not change."""

from __future__ import annotations

import pytest

from tests.orgs.registers.samples import ec_files
from ydm.errors import InputError
from ydm.session.flow import RECIPIENT, SEARCH, Session

from .conftest import PATRON, POSTCODE, STREET, TODAY
from .test_session_core import BASE, answer_all


def _to_more(s: Session, goal: str = "know", targets=None) -> None:
    """Answer up to the list of who gets a letter, ticking `targets` plus "Someone else"."""
    while (q := s.current()) is not None and q.id != "targets":
        if s.needs_lookup():
            s.look_up_office()
            continue
        s.answer(q.id, {**BASE, "goal": goal, "kinds": ("access",)}.get(q.id, q.default))
    q = s.current()
    assert SEARCH in [o.value for o in q.options] and SEARCH not in q.default  # offered, never ticked for them
    s.answer("targets", (*(q.default if targets is None else targets), SEARCH))
    assert s.current().id == "more"


def test_a_typo_is_forgiven_and_the_found_organisation_gets_its_letter():
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "know")
    s.answer("more", "experain")  # Experian, misspelt
    q = s.current()
    assert q.id == "more_pick" and "showing results for" in q.prompt
    values = [o.value for o in q.options]
    assert values[0] == "experian" and values[-2:] == ["retry", "none"]
    s.answer("more_pick", ("experian",))
    answer_all(s, {"channel": "first-class"})
    orgs = [i.letter.org.id for i in s.plan().items]
    assert "experian" in orgs and orgs.index("experian") == len(orgs) - 1  # after the list's parties
    assert PATRON in next(i.letter.text for i in s.plan().items if i.letter.org.id == "experian")


def test_nothing_found_says_what_to_try_and_search_again_asks_for_other_words():
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "know")
    s.answer("more", "zzqxw no such body")
    q = s.current()
    assert q.id == "more_pick" and q.prompt.startswith("Nothing matches 'zzqxw no such body'.")
    assert [o.value for o in q.options] == ["retry", "none"]
    s.answer("more_pick", ("retry",))
    again = s.current()
    assert again.id == "more" and again.default == "zzqxw no such body"  # the words kept, to correct
    s.answer("more", "green party")
    assert any("Green" in o.label for o in s.current().options)


def test_only_someone_found_by_name_and_nothing_chosen_is_refused_plainly():
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "choose", targets=())
    s.answer("more", "zzqxw no such body")
    with pytest.raises(InputError, match="No organisation is chosen yet"):
        s.answer("more_pick", ("none",))
    assert s.current().id == "more_pick"
    s.answer("more_pick", ("retry",))  # searching again is always possible
    s.answer("more", "libdems")
    s.answer("more_pick", ("libdems",))
    answer_all(s, {"channel": "email"})
    assert [i.letter.org.id for i in s.plan().items] == ["libdems"]


def test_a_local_party_from_the_imported_register_is_found_and_written_to(tmp_path, fresh_dirs):
    from ydm.service import registers

    registers.update("ec", [str(f) for f in ec_files(tmp_path)])
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "know")
    s.answer("more", "cardiff central")
    q = s.current()
    local = [o for o in q.options if o.value.startswith("ec:")]
    assert local and "Electoral Commission register" in local[0].detail
    s.answer("more_pick", (local[0].value,))
    where = RECIPIENT + local[0].value
    asked = answer_all(s, {"channel": "first-class", where: "Cardiff Central CLP, 1 Party Street, Cardiff, CF10 1AA"})
    letters = {i.letter.org.id: i.letter for i in s.plan().items}
    assert local[0].value in letters and "Cardiff Central" in letters[local[0].value].text
    if where in asked:  # the register gave no address: the one typed in went on the letter
        assert "CF10 1AA" in letters[local[0].value].recipient_lines


def test_a_patron_who_does_not_search_answers_no_more_questions():
    plain = Session(today=TODAY, lookup=lambda pc: None)
    seen = answer_all(plain, {**BASE, "goal": "know", "channel": "email"})
    assert "more" not in seen and "more_pick" not in seen
    assert plain.position()[1] == 7  # as before this question existed
    assert {"name": PATRON, "postcode": POSTCODE}.items() <= {**plain.answers}.items()
    assert STREET in plain.answers["address"]


def test_the_plain_face_finds_one_by_name_too(fresh_dirs, fake_lp):
    from .test_plain import WHOLE, run

    lines = [*WHOLE[:6], "1 2 3 4 5 6 7", "experain", "1", WHOLE[-1], "9", "", "q"]  # 7: someone else
    code, said, _session, _ = run(lines)
    assert code == 0
    assert "7. Someone else: find an organisation by its name" in said
    assert "showing results for" in said and "1. Experian" in said
    assert "7. Experian (credit reference agency & marketing services): Get a copy of my data." in said


async def test_the_app_shows_each_results_place_and_register_beside_its_name(make_app, tmp_path, fresh_dirs):
    """A tick list shows one line per option: a search result's detail goes on that line, so two local
    parties of the same name would be told apart (the Textual face; --plain prints it under the name)."""
    from textual.widgets import SelectionList

    from ydm.service import registers
    from ydm.tui.screens.guided.question import QuestionScreen

    registers.update("ec", [str(f) for f in ec_files(tmp_path)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")                   # Start
        await pilot.pause()
        await pilot.press("enter")                   # find out what the parties know
        await pilot.pause()
        for text in (PATRON, POSTCODE, f"{STREET}, Edinburgh"):
            await pilot.press(*text, "enter")
            await pilot.pause()
        await pilot.press("enter")                   # no email
        await pilot.pause()
        listing = app.screen.query_one("#answer", SelectionList)
        listing.select(SEARCH)                       # someone else, besides the parties
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"cardiff central", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "more_pick"
        results = app.screen.query_one("#answer", SelectionList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        local = [line for line in shown if "Cardiff Central" in line]
        assert local and all("Electoral Commission register" in line for line in local)
        assert all("\n" not in line for line in shown)  # one line each: nothing dropped


def test_a_search_runs_once_however_often_its_question_is_shown_and_the_wipe_forgets_it(monkeypatch):
    from ydm.orgs import search as search_module

    calls = []
    real = search_module.search
    monkeypatch.setattr(search_module, "search", lambda directory, query: calls.append(query) or real(directory, query))
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "know")
    s.answer("more", "experian")
    first = [o.value for o in s.current().options]
    for _ in range(3):  # each look at the screen builds the question again
        assert [o.value for o in s.current().options] == first
    assert calls == ["experian"]
    s.wipe()
    assert s.found == {} and s.answers == {}
