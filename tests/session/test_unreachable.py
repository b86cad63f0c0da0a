"""QA3 #6: a Northern Ireland patron, "Find out what the parties know about me", postcode BT48 7QX, got
"Not sent: we have no way to reach Sinn Féin … Ask the librarian" with nowhere to type an address.
Now each chosen organisation with no postal address, email or web form gets one question; what the
librarian types (postal lines and/or an email) is that letter's recipient for this session only,
through the same core as `ydm letter --address-to/--email-to` (`service.draft_letters`)."""

from __future__ import annotations

import pytest

from ydm.cli.plain_session import PlainSession
from ydm.errors import InputError
from ydm.model import Channel, RequestKind
from ydm.orgs import contacts
from ydm.service import letters as service
from ydm.session import takehome
from ydm.session.flow import RECIPIENT, Session, SessionConfig
from ydm.tui.screens.guided.question import QuestionScreen
from ydm.tui.screens.guided.review import ReviewScreen

from .conftest import PATRON, STREET, TODAY, scan
from .test_plain import Script
from .test_session_core import answer_all

NI = {"name": PATRON, "postcode": "BT48 7QX", "address": f"{STREET}, Derry", "email": "", "goal": "know",
      "channel": "first-class"}
# Made-up recipients, unique so the trace scan can look for them too (they are not real addresses).
SF_TYPED = "Data Desk, 12 Imaginary Row, Testtown, BT99 9ZZ"
SDLP_TYPED = "privacy-desk@sdlp-test.example"
NEEDLES = (PATRON, "BT48 7QX", STREET, "Imaginary Row", SDLP_TYPED)


def unreachable_in_ni() -> list[str]:
    d = contacts.load()
    return [o.id for o in d.parties_elected_in("northern-ireland") if not o.has_channel]


def test_ni_parties_without_any_contact_include_sinn_fein_and_the_sdlp():
    assert {"sinn-fein", "sdlp"} <= set(unreachable_in_ni())


def test_one_question_per_unreachable_party_in_plain_words():
    s = Session(today=TODAY, lookup=lambda *a: None)
    seen = answer_all(s, NI)
    asked = [q for q in seen if q.startswith(RECIPIENT)]
    assert asked == [RECIPIENT + i for i in unreachable_in_ni()]
    q = s.question(RECIPIENT + "sinn-fein")
    assert q.prompt == ("We have no address for Sinn Féin. If you or the librarian can find one on their "
                        "website's privacy page, type it here; or leave it empty to skip them.")
    assert q.optional and q.kind == "text" and "not saved" in q.why
    assert s.question(RECIPIENT + "sdlp").title == "Address for SDLP"  # short enough for the progress line
    # left empty: skipped, and the patron is told why and what would send it
    plan = s.plan()
    blocked = {b.letter.org.id: b.reason for b in plan.blocked}
    assert set(blocked) == set(unreachable_in_ni())
    assert "none was typed in" in blocked["sinn-fein"] and "go back and type it in" in blocked["sinn-fein"]


def test_a_typed_address_or_email_becomes_the_letters_recipient_like_the_cli():
    s = Session(today=TODAY, lookup=lambda *a: None)
    answer_all(s, {**NI, "email": "patron@example.org", f"{RECIPIENT}sinn-fein": SF_TYPED,
                   f"{RECIPIENT}sdlp": SDLP_TYPED})
    plan = s.plan()
    by_org = {i.letter.org.id: i for i in plan.items}
    sf, sdlp = by_org["sinn-fein"], by_org["sdlp"]
    # the same letter the CLI makes with --address-to / --email-to
    (cli_sf,) = service.draft_letters(RequestKind.ACCESS, s.person(), [contacts.load().get("sinn-fein")],
                                      today=TODAY, address_to=tuple(SF_TYPED.split(", ")),
                                      reference=sf.letter.reference)
    assert sf.letter.recipient_lines == cli_sf.recipient_lines and sf.letter.text == cli_sf.text
    assert not sf.letter.address_missing and "12 Imaginary Row" in sf.letter.text
    assert sf.channel is Channel.FIRST_CLASS and sf.how.startswith("Post to: Data Protection Officer, Sinn Féin")
    assert sdlp.letter.recipient_email == SDLP_TYPED
    assert sdlp.channel is Channel.EMAIL and sdlp.how == f"Email to {SDLP_TYPED} (no postal address is known)"
    assert "sinn-fein" not in {b.letter.org.id for b in plan.blocked}
    # for this session only: the shipped organisations are untouched, and a wipe forgets it
    assert contacts.load().get("sinn-fein").postal_address == ()
    s.wipe()
    assert s.answers == {} and s.store.count() == 0


@pytest.mark.parametrize("typed, message", [
    ("Belfast", "whole postal address"),
    ("a@b.example, c@d.example", "one email address"),
    ("dpo@nowhere", "does not look like an email address"),
])
def test_what_is_typed_is_checked_in_plain_words(typed, message):
    s = Session(today=TODAY, lookup=lambda *a: None)
    for qid in ("goal", "name", "postcode", "address", "email"):
        s.answer(qid, NI[qid])
    s.answer("targets", s.question("targets").default)
    with pytest.raises(InputError, match=message):
        s.answer(RECIPIENT + "sinn-fein", typed)
    s.answer(RECIPIENT + "sinn-fein", f"12 Imaginary Row, Testtown, BT99 9ZZ, {SDLP_TYPED}")  # both is fine
    assert s.answers[RECIPIENT + "sinn-fein"].endswith(SDLP_TYPED)


def test_back_from_how_to_send_returns_to_the_last_address_with_what_was_typed():
    s = Session(today=TODAY, lookup=lambda *a: None)
    answer_all(s, {**NI, f"{RECIPIENT}sdlp": SDLP_TYPED})
    s.back()  # the channel
    q = s.back()
    assert q.id == RECIPIENT + "sdlp" and q.default == SDLP_TYPED and s.current().id == q.id


def test_plain_ni_preset_1_with_a_typed_address(fresh_dirs, fake_lp):
    said: list[str] = []
    session = Session(SessionConfig(printer="desk"), today=TODAY, lookup=lambda *a: None)
    answers = {"sinn-fein": SF_TYPED, "sdlp": "Belfast"}  # a bad SDLP answer first, then skipped
    lines = ["", "1", PATRON, "BT48 7QX", f"{STREET}, Derry", "", ""]
    for org_id in unreachable_in_ni():
        lines.append(answers.get(org_id, ""))
        if org_id == "sdlp":
            lines.append("")
    lines += ["1", "1", "9", "", "q"]  # first class; print the letters; finish; Enter wipes; close
    code = PlainSession(session, input=Script(lines), write=said.append).run()
    text = "".join(said)
    assert code == 0
    assert "Question 6 of 7, part" in text and "Address for Sinn Féin" in text
    assert "We have no address for Sinn Féin. If you or the librarian can find one" in text
    assert "Sorry: Please type the whole postal address" in text
    assert "Sinn Féin: Get a copy of my data. Post to: Data Protection Officer, Sinn Féin, Data Desk, 12 Imaginary Row" in text
    assert "Not sent: we have no way to reach Sinn Féin" not in text
    assert "Not sent: we have no way to reach Social Democratic and Labour Party (SDLP)" in text
    printed = fake_lp()
    assert len(printed) == 1 and printed[0]["magic"] == "%PDF-"
    assert "9. Finish" in text and "Everything was wiped. Thank you." in text and session.answers == {}
    assert scan(fresh_dirs.values(), NEEDLES) == []


async def test_app_ni_preset_1_with_a_typed_address_and_email(make_app, fresh_dirs):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter", *"BT48 7QX", "enter")
        await pilot.pause()
        await pilot.press(*f"{STREET}, Derry", "enter", *"patron@example.org", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n")                                   # every party stays ticked
        await pilot.pause()
        typed = {"sinn-fein": SF_TYPED, "sdlp": SDLP_TYPED}
        for org_id in unreachable_in_ni():
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.question.id == RECIPIENT + org_id
            progress = str(screen.query_one("#progress").render())
            assert progress.startswith("Question 6 of 7, part ")
            assert len(progress) <= 76                                # one row at 80 columns (padding 2+2)
            await pilot.press(*typed.get(org_id, ""), "enter")
            await pilot.pause()
        assert app.screen.question.id == "channel"
        await pilot.press("enter")                                    # first class
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        shown = "\n".join(str(w.render()) for w in app.screen.query(".plan-item"))
        assert "Sinn Féin: Get a copy of my data\n   Post to: Data Protection Officer, Sinn Féin, Data Desk" in shown
        assert f"Email to {SDLP_TYPED}" in shown
        sheet = takehome.sheet_text(app.session.plan(), TODAY)
        assert "12 Imaginary Row" in sheet
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+n")                                   # Finish
        await pilot.pause()
        await pilot.press("ctrl+n")                                   # Finish and wipe
        await pilot.pause()
        assert app.session.answers == {}
    assert scan(fresh_dirs.values(), NEEDLES) == []
