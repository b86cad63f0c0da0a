"""A patron who posts their letters, with no email, is told which organisation is not among the letters
to print because it takes a web form only (Labour), with the form's address: on the print choice, after
printing and on the take-home sheet; and the sheet's text to paste keeps its paragraph breaks."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ydm.session import takehome
from ydm.session.flow import Session, SessionConfig

from .conftest import PATRON, STREET, TODAY
from .test_session_core import answer_all

LABOUR_FORM = "https://labour.org.uk/privacy-policy/data-subject-rights"


def post_only(printer: str | None = "desk") -> Session:
    s = Session(SessionConfig(printer=printer), today=TODAY, lookup=lambda pc, *a: None)
    answer_all(s, {"goal": "know", "name": PATRON, "postcode": "SW1A 1AA", "address": f"{STREET}, Anytown",
                   "email": "", "channel": "first-class"})
    return s


def test_the_print_choice_and_its_result_name_the_web_form_only_party(fake_lp):
    s = post_only()
    plan = s.plan()
    web = plan.by_channel(takehome.Channel.WEBFORM)
    assert [i.org_name for i in web] == ["Labour Party"] and web[0].letter.recipient_webform == LABOUR_FORM
    printing = next(a for a in takehome.actions(s) if a.id == "print-letters")
    assert printing.label == f"Print the {len(plan.items) - 1} letters to post"
    assert f"Not printed: Labour Party (it can only be reached by its web form, {LABOUR_FORM})." in printing.detail
    said = takehome.carry_out(s, "print-letters")
    assert said.startswith("Sent the letters to the printer desk.") and LABOUR_FORM in said


def test_the_take_home_sheet_says_so_near_the_top():
    s = post_only()
    text = takehome.sheet_text(s.plan(), TODAY)
    section = text.split("Not sent by post\n", 1)[1].split("\n\n", 1)[0]
    assert f"Labour Party: it can only be reached by its web form, {LABOUR_FORM}" in section
    assert "the text to paste is under 3. Labour Party below." in section
    assert text.index("Not sent by post") < text.index("What the letters do")


def test_no_such_note_for_a_patron_who_emails():
    s = Session(SessionConfig(printer="desk"), today=TODAY, lookup=lambda pc, *a: None)
    answer_all(s, {"goal": "know", "name": PATRON, "postcode": "SW1A 1AA", "address": f"{STREET}, Anytown",
                   "email": "zq@example.org", "channel": "email"})
    plan = s.plan()
    assert plan.by_channel(*takehome.POSTED) and plan.by_channel(takehome.Channel.EMAIL)  # some of each
    assert takehome.off_paper(plan) == [] and "Not sent by post" not in takehome.sheet_text(plan, TODAY)
    printing = next(a for a in takehome.actions(s) if a.id == "print-letters")
    assert "Not printed" not in printing.detail                # an email patron posts only the exceptions


def test_the_sheet_pdf_keeps_the_paste_texts_paragraph_breaks():
    plan = post_only().plan()
    pdf = PdfReader(io.BytesIO(takehome.sheet_pdf(plan, TODAY)))
    lines = "\n".join(page.extract_text() for page in pdf.pages).splitlines()
    assert "SUBJECT ACCESS REQUEST under Article 15 of the UK GDPR" in lines   # not "…UK GDPRI am making…"
    assert "Dear Data Protection Officer," in lines
    assert not any("GDPRI am" in line for line in lines)


async def test_the_print_screen_says_it(make_app, fake_lp):
    from ydm.tui.screens.guided.outputs import OutputsScreen

    from .test_app import choose

    app = make_app(SessionConfig(printer="desk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        for text in (PATRON, "SW1A 1AA", f"{STREET}, Anytown", "", ""):   # ..., no email, every party
            await pilot.press(*text, "enter")
            await pilot.pause()
        await pilot.press("enter")                   # first-class post
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, OutputsScreen)
        listing = app.screen.query_one("#actions-list")
        shown = str(listing.get_option("print-letters").prompt)
        assert "Not printed: Labour Party" in shown and LABOUR_FORM in shown
        await choose(pilot, "print-letters")
        assert LABOUR_FORM in str(app.screen.query_one("#status").render())
