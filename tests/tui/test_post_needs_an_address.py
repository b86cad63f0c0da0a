"""The TUI never records a posted letter to an organisation with no postal address (Labour has only
an email and a web form): the Send step asks for the address, or offers the email and the web form,
by the rule the CLI keeps (ydm.service.channels.cannot_go / check_sent_by)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.tui.conftest import JANE, TODAY, settle
from ydm.letters.render import ADDRESS_PLACEHOLDER, render
from ydm.model import Channel, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.service.channels import cannot_go
from ydm.tui.rows import Draft
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.state import WizardState


def labour_by_post() -> WizardState:
    org = contacts.load().get("labour")
    person = make_person(**JANE)
    letter = render(RequestKind.ACCESS, person, org, today=TODAY)
    assert letter.address_missing
    draft = Draft(org=org, kind=RequestKind.ACCESS, letter=letter, channel=Channel.FIRST_CLASS)
    return WizardState(person=person, orgs=[org], kinds=[RequestKind.ACCESS], drafts=[draft])


def test_the_rule_names_the_ways_that_remain():
    letter = labour_by_post().drafts[0].letter
    words = cannot_go(letter, Channel.FIRST_CLASS)
    assert "No postal address is known for Labour Party" in words
    assert "dataprotection@labour.org.uk" in words and "web form" in words
    assert cannot_go(letter, Channel.EMAIL) == ""


async def test_post_without_an_address_asks_for_it_and_records_the_address_typed(make_app, fixed_references):
    app = make_app()
    state = labour_by_post()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SendScreen(state))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#post-address", Input).display  # somewhere to type it
        assert not screen.query_one("#save-pdf").display  # no PDF with a placeholder to post
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen is screen  # not on: nowhere to post it yet
        error = screen.query_one("#err-channel", Static)
        assert error.display and "Type their postal address here first" in str(error.render())
        shown = str(screen.query_one("#destination", Static).render())
        assert "No postal address is known for Labour Party" in shown and "send it by email" in shown
        field = screen.query_one("#post-address", Input)
        assert field.has_focus
        await pilot.press(*"DPO, Labour Party, 20 Rushworth Street, London, SE1 0SS")
        await settle(pilot)
        assert not state.drafts[0].letter.address_missing
        assert screen.query_one("#save-pdf").display
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
    from ydm.store.db import open_store

    with open_store() as store:
        (listed,) = store.list()
        request = store.get(listed.ref)
        assert request.channel is Channel.FIRST_CLASS
        assert "20 Rushworth Street" in request.letter_text and ADDRESS_PLACEHOLDER not in request.letter_text


async def test_choosing_the_email_instead_goes_on(make_app, fixed_references):
    app = make_app()
    state = labour_by_post()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SendScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)
        state.drafts[0].channel = Channel.EMAIL  # as the Email radio button sets it
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
