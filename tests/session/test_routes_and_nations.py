"""QA findings on the guided session: the registration office per nation, email-only organisations for
patrons without email, 0600 exports, the "same number of days" claim, ID requests, reminder texts."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
from datetime import date

import pytest
from pypdf import PdfReader

from ydm.cli.plain_session import PlainSession
from ydm.law import deadlines
from ydm.letters.render import ADDRESS_PLACEHOLDER
from ydm.model import Channel, RequestKind
from ydm.orgs import contacts
from ydm.session import takehome
from ydm.session.flow import KIND_EXPLAINED, Session, SessionConfig
from ydm.session.plan import route as _route
from ydm.session.words import CHANNELS, GOALS

from .conftest import PATRON, STREET, TODAY
from .test_plain import Script
from .test_session_core import BASE, answer_all


def no_lookup(*_args):
    raise AssertionError("Northern Ireland needs no lookup: EONI keeps every register")


def without_webform(org_id: str = "labour") -> contacts.Directory:
    """The shipped organisations, with one party reachable by email only."""
    d = contacts.load()
    return contacts.Directory({k: dataclasses.replace(o, webform="") if k == org_id else o
                               for k, o in d.organisations.items()})


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- 1. the registration office in each nation ---------------------------------------------------


def test_northern_ireland_open_register_goes_to_eoni_without_a_lookup_or_typing():
    s = Session(today=TODAY, lookup=no_lookup)
    seen = answer_all(s, {**BASE, "postcode": "BT7 1NN", "address": f"{STREET}, Belfast", "goal": "stop-sold",
                          "channel": "first-class"})
    # said where the count expects the office question (so the total holds still), never asked to type
    assert [q for q in seen if q.startswith("office")] == ["office_eoni"]
    eoni = s.question("office_eoni")
    assert [o.label for o in eoni.options] == ["Send it to EONI"] and "BT1 1ER" in eoni.options[0].detail
    plan = s.plan()
    (ero,) = [i for i in plan.items if i.letter.kind is RequestKind.OPEN_REGISTER]
    assert ero.org_name == "The Electoral Office for Northern Ireland"
    assert "BT1 1ER" in ero.letter.recipient_lines and not ero.letter.address_missing
    assert any("EONI" in note for note in plan.notes)
    assert "EONI" in takehome.sheet_text(plan, TODAY)


@pytest.mark.parametrize("postcode, looks_for, never", [
    ("EH1 1YJ", "assessor or valuation joint board", "council tax"),
    ("SW1A 1AA", "council tax", "valuation joint board"),
])
def test_typed_office_question_says_what_to_look_for_in_each_nation(postcode, looks_for, never):
    s = Session(today=TODAY, lookup=lambda pc: None)
    seen = answer_all(s, {**BASE, "postcode": postcode, "address": f"{STREET}, Anytown", "goal": "stop-sold",
                          "office_name": "Some Office",
                          "office_address": "1 Road, Town, EH12 9FL", "channel": "first-class"})
    assert "office_name" in seen and "office_address" in seen
    name_q, address_q = s.question("office_name"), s.question("office_address")
    words = f"{name_q.prompt} {name_q.why} {name_q.hint} {address_q.why}"
    assert looks_for in words and never not in words


def test_the_stop_sold_choice_does_not_promise_the_council():
    assert "council" not in GOALS["stop-sold"][1]


def test_plain_preset_3_in_scotland_sends_the_patron_to_the_assessor(fresh_dirs):
    said: list[str] = []
    session = Session(SessionConfig(), today=TODAY, lookup=lambda pc: None)
    lines = ["", "3", PATRON, "EH1 1YJ", f"{STREET}, Edinburgh", ""]
    PlainSession(session, input=Script(lines), write=said.append).run()
    text = "".join(said)
    assert "Which assessor or valuation joint board covers your address?" in text
    assert "electoral registration officer at your local assessor or valuation joint board" in text
    assert "council tax" not in text


# --- 2. ID requests do not pause the clock -------------------------------------------------------


def test_no_patron_text_says_an_id_request_pauses_the_clock():
    access = KIND_EXPLAINED[RequestKind.ACCESS]
    assert "pause" not in " ".join(KIND_EXPLAINED.values()).lower()
    assert "starts again from the day they receive your proof" in access


# --- 3. email-only organisations and patrons without email --------------------------------------


def test_no_email_and_post_sends_email_only_party_to_its_web_form():
    s = Session(today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})  # BASE: no email
    plan = s.plan()
    labour = next(i for i in plan.items if i.letter.org.id == "labour")
    assert labour.channel is Channel.WEBFORM and labour.how.startswith("Web form: https://labour.org.uk/")
    want = deadlines.compute_deadline(RequestKind.ACCESS, sent=TODAY, channel=Channel.WEBFORM,
                                      nation=labour.letter.org.home_nation)
    assert labour.deadline.due == want.due
    for item in plan.by_channel(*takehome.POSTED):
        assert not item.letter.address_missing
    sheet = takehome.sheet_text(plan, TODAY)
    assert "Email to dataprotection@labour.org.uk" not in sheet
    assert f"How: {labour.how}" in sheet and "Text to paste into the web form" in sheet
    assert labour.letter.reference in sheet
    assert ADDRESS_PLACEHOLDER not in pdf_text(takehome.letters_pdf(plan))  # the saved PDF says "By web form"
    assert ADDRESS_PLACEHOLDER not in takehome.letters_text(plan)
    assert f"By web form: {labour.letter.recipient_webform}" in takehome.letters_text(plan)


def test_patron_with_email_gets_email_for_an_email_only_party():
    s = Session(today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "email": "zq@example.org", "goal": "know", "channel": "first-class"})
    labour = next(i for i in s.plan().items if i.letter.org.id == "labour")
    assert labour.channel is Channel.EMAIL and "no postal address" in labour.how


def test_email_only_without_web_form_is_flagged_not_printed(fresh_dirs, fake_lp):
    s = Session(SessionConfig(printer="desk"), today=TODAY, lookup=lambda pc: None, directory=without_webform())
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})
    plan = s.plan()
    assert "labour" not in [i.letter.org.id for i in plan.items]
    (blocked,) = plan.blocked
    assert blocked.org_name == "Labour Party" or "Labour" in blocked.org_name
    assert "needs an email address, or a postal address we don't have" in blocked.reason
    sheet = takehome.sheet_text(plan, TODAY)
    assert f"Not sent: {blocked.org_name}" in sheet
    takehome.carry_out(s, "print-letters")
    (job,) = fake_lp()
    printed = pdf_text(bytes.fromhex(job["pdf"]))
    assert "ADDRESS NEEDED" not in printed and blocked.letter.reference not in printed
    assert s.store.find(blocked.letter.reference) is None  # nothing to track: it was not sent


def test_plain_summary_warns_about_a_letter_that_cannot_go(fresh_dirs):
    said: list[str] = []
    session = Session(SessionConfig(), today=TODAY, lookup=lambda pc: None, directory=without_webform())
    lines = ["", "1", PATRON, "EH3 9QZ", f"{STREET}, Edinburgh", "", "", "1"]
    PlainSession(session, input=Script(lines), write=said.append).run()
    text = "".join(said)
    assert "Warning: Get a copy of my data to Labour" in text
    assert "needs an email address, or a postal address we don't have" in text


def test_route_never_posts_without_an_address():
    s = Session(today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})
    letter = next(i.letter for i in s.plan().items if i.letter.org.id == "labour")
    assert letter.address_missing
    for preferred in (CHANNELS[k][0] for k in CHANNELS):
        for can_email in (False, True):
            channel, _how = _route(letter, preferred, can_email=can_email)
            assert channel not in takehome.POSTED
            if not can_email and preferred is not Channel.EMAIL:
                assert channel is Channel.WEBFORM
    bare = dataclasses.replace(letter, recipient_webform="")
    assert _route(bare, Channel.SECOND_CLASS, can_email=False)[0] is None
    assert _route(bare, Channel.SECOND_CLASS, can_email=True)[0] is Channel.EMAIL


# --- 4. files saved for the patron are 0600 -----------------------------------------------------


@pytest.mark.parametrize("action", ["save-letters", "save-sheet", "save-ics"])
def test_saved_files_are_readable_by_the_user_only(tmp_path, action):
    usb = tmp_path / "usb"
    usb.mkdir()
    old = os.umask(0)
    try:
        s = Session(SessionConfig(export_dir=usb), today=TODAY, lookup=lambda pc: None)
        answer_all(s, {**BASE, "goal": "know", "channel": "second-class"})
        takehome.carry_out(s, action)
        takehome.carry_out(s, action)  # a second copy gets a new name, same mode
    finally:
        os.umask(old)
    files = sorted(usb.iterdir())
    assert len(files) == 2
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


# --- 5 and 6. later sending, reminder texts ------------------------------------------------------


@pytest.mark.parametrize("today, s164a", [(TODAY, False), (date(2026, 11, 2), True)])
def test_sheet_is_true_about_later_sending_and_gives_a_reminder_per_organisation(today, s164a):
    s = Session(today=today, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})
    plan = s.plan()
    sheet = takehome.sheet_text(plan, today)
    assert "same number of days" in sheet and "not always by the same number of days" in sheet
    assert "ydm deadline --sent" in sheet
    for item in plan.items:
        text = takehome.reminder_text(item, takehome.next_steps(item)[1].on)
        assert text in sheet or all(line in sheet for line in text.splitlines())
        assert f"reference {item.letter.reference}" in text
        sent = f"On {today.day} {today:%B %Y} I sent you a subject access request under Article 15 of the UK GDPR"
        assert sent in text
        assert f"ended on {item.deadline.due.day} {item.deadline.due:%B %Y}" in text
        assert "within 14 days" in text  # s.164A complaints exist from 19 June 2026 (SI 2026/82 reg 7)
        assert ("I will complain to you under section 164A of the Data Protection Act 2018" in text) is s164a
        assert "Information Commissioner's Office" in text and PATRON in text
        assert len(text) < 600  # short enough to copy by hand
    pdf = pdf_text(takehome.sheet_pdf(plan, today))
    assert "Reminder to copy" in pdf


async def test_app_review_warns_on_screen_about_a_letter_that_cannot_go(make_app, fresh_dirs, fake_lp):
    from textual.widgets import Static

    from ydm.tui.screens.guided.review import ReviewScreen

    from .test_app import answer_questions, choose

    app = make_app(SessionConfig(printer="desk"), directory=without_webform())
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_questions(pilot, channel_downs=0)  # no email, first-class post
        assert isinstance(app.screen, ReviewScreen)
        warnings = [str(w.render()) for w in app.screen.query(Static).filter(".warning")]
        assert len(warnings) == 1 and "Labour" in warnings[0]
        assert "needs an email address, or a postal address we don't have" in warnings[0]
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "print-letters")
        status = str(app.screen.query_one("#status").render())
        assert status.startswith("Sent the letters to the printer desk.") and "ADDRESS NEEDED" not in status
    (job,) = fake_lp()
    assert "ADDRESS NEEDED" not in pdf_text(bytes.fromhex(job["pdf"]))


def test_placeholder_warning_speaks_up_if_a_posted_letter_lacks_an_address():
    s = Session(today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})
    plan = s.plan()
    assert takehome.placeholder_warning(plan, "print-letters") == ""
    labour = next(i for i in plan.items if i.letter.org.id == "labour")
    forced = dataclasses.replace(labour, channel=Channel.FIRST_CLASS)  # what the old routing did wrong
    plan.items[plan.items.index(labour)] = forced
    assert "ADDRESS NEEDED" in takehome.placeholder_warning(plan, "print-letters")
    assert "Labour" in takehome.placeholder_warning(plan, "save-letters")
