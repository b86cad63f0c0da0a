"""The open-register letter on a fresh install (no lookup key): the wizard asks for the registration
office in a small dialog instead of stopping on "Writing your letters…" (QA round 2, B5); and any
other failure while writing goes back to step 3 with the problem shown.

Real parts: the real encrypted store, the real contacts directory, the real lookup module (which
refuses without a key before any network), my_contacts.toml read back.
"""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, OptionList, Static

from tests.tui.conftest import settle
from tests.tui.test_wizard import put_into, tick_org, to_who
from ydm.errors import DataError
from ydm.model import Category, RequestKind
from ydm.tui.screens.error import ErrorModal
from ydm.tui.screens.write.office import OfficeScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen

OFFICE = "Anytown Borough Council"
OFFICE_ADDRESS = "Electoral Services, Town Hall, 1 Market Square, Anytown, AB1 2CD"


async def to_what(pilot, *kinds: RequestKind) -> None:
    """New request from the dashboard: Jane, Labour, the kinds ticked; left at step 3."""
    await to_who(pilot)
    assert isinstance(pilot.app.screen, WhoScreen)
    await tick_org(pilot, "labour")
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhatScreen)
    for kind in kinds:
        pilot.app.screen.query_one(f"#k-{kind.value}", Checkbox).value = True
    await settle(pilot)


@pytest.fixture(autouse=True)
def no_lookup_key(monkeypatch):
    """A fresh install: no lookup key in the keyring (conftest's is empty) nor in the environment."""
    monkeypatch.delenv("YDM_DEMOCRACY_CLUB_KEY", raising=False)
    monkeypatch.delenv("YDM_ELECTORAL_COMMISSION_KEY", raising=False)


def preview(app) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def test_no_key_asks_for_the_office_and_the_letter_goes_there(make_app, fixed_references):
    from ydm.adapters import lookup

    assert lookup.api_key("democracy-club") is None and lookup.api_key("electoral-commission") is None
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.ACCESS, RequestKind.OPEN_REGISTER)
        await pilot.press("ctrl+n")
        await settle(pilot)

        assert isinstance(app.screen, OfficeScreen)  # a question, not "Could not finish"
        why = str(app.screen.query_one("#office-why", Static).render())
        assert "electoral registration officer at your council" in why
        assert "no lookup key" in why
        assert app.screen.focused is app.screen.query_one("#office-name", Input)
        await pilot.press("ctrl+s")  # nothing typed: told under the fields, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, OfficeScreen)
        assert "council's name" in str(app.screen.query_one("#err-office", Static).render())

        await put_into(pilot, "#office-name", OFFICE)
        await pilot.press("enter")  # on to the address
        assert app.screen.focused is app.screen.query_one("#office-address", Input)
        await put_into(pilot, "#office-address", OFFICE_ADDRESS)
        remember = app.screen.query_one("#office-remember", Checkbox)
        assert not remember.value  # off unless asked: the file is plain text and reveals the area
        assert "plain text in my_contacts.toml" in str(remember.label) and "reveals your area" in str(remember.label)
        remember.value = True
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, ReviewScreen)
        drafts = app.screen.state.drafts
        assert [(d.org.id, d.kind) for d in drafts] == [
            ("labour", RequestKind.ACCESS),
            ("ero-anytown-borough-council", RequestKind.OPEN_REGISTER),
        ]
        opt_out = drafts[1].letter.text
        assert OFFICE in opt_out and "Town Hall" in opt_out and "AB1 2CD" in opt_out
        assert "Jane Public" in opt_out
        listing = app.screen.query_one("#draft-list", OptionList)
        listing.highlighted = 1
        await settle(pilot)
        assert OFFICE in preview(app) and "AB1 2CD" in preview(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SendScreen)

    # Remembered (the office's details only, never Jane's): the next open-register letter just goes.
    remembered = lookup.remembered_offices()
    assert [o.display_name for o in remembered] == [OFFICE]
    assert remembered[0].category is Category.ERO and remembered[0].postal_address[-1] == "AB1 2CD"
    from ydm import paths

    saved = paths.user_contacts_file().read_text(encoding="utf-8")
    assert "Jane" not in saved and "SW1A" not in saved and "High Street" not in saved

    again = make_app()
    async with again.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.OPEN_REGISTER)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(again.screen, ReviewScreen)
        assert [d.org.display_name for d in again.screen.state.drafts] == [OFFICE]


async def test_office_not_remembered_unless_ticked(make_app, fixed_references):
    from ydm.adapters import lookup

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.OPEN_REGISTER)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OfficeScreen)
        await put_into(pilot, "#office-name", OFFICE)
        await put_into(pilot, "#office-address", "Town Hall, Anytown")  # no postcode: still accepted
        assert not app.screen.query_one("#office-remember", Checkbox).value  # unticked unless asked
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert OFFICE in app.screen.state.drafts[0].letter.text
        # back to step 3 and on again: the typed office is kept for this letter, not asked twice
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.state.drafts[0].org.display_name == OFFICE
    assert lookup.remembered_offices() == []


async def test_esc_in_the_office_dialog_goes_back_to_step_3_with_choices_kept(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.ACCESS, RequestKind.OPEN_REGISTER)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)
        assert app.screen.chosen() == [RequestKind.ACCESS, RequestKind.OPEN_REGISTER]
        # untick the open register: the access letter is written without asking anything
        app.screen.query_one(f"#k-{RequestKind.OPEN_REGISTER.value}", Checkbox).value = False
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert [d.kind for d in app.screen.state.drafts] == [RequestKind.ACCESS]


async def test_a_failure_while_writing_returns_to_step_3_with_the_problem(make_app, monkeypatch):
    app = make_app()

    def broken(*args, **kwargs):
        raise DataError("the letter template for access requests cannot be read")

    async with app.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.ACCESS)
        monkeypatch.setattr(app.backend, "draft_letters", broken)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "template for access requests" in str(app.screen.query_one("#error-message", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WhatScreen)  # not a stuck "Writing your letters…"
        assert app.screen.chosen() == [RequestKind.ACCESS]
        assert not app.query(ReviewScreen)
        monkeypatch.undo()
        await pilot.press("ctrl+n")  # and it works once the problem is gone
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.state.drafts


async def test_a_lookup_failure_is_asked_about_too(make_app, fixed_references, monkeypatch):
    """With a key but the lookup failing (offline), the person can still type the office in."""
    from ydm.adapters import lookup
    from ydm.errors import NetworkError

    def offline(*args, **kwargs):
        raise NetworkError("could not reach the Democracy Club lookup (no connection)")

    monkeypatch.setattr(lookup, "find_office", offline)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_what(pilot, RequestKind.OPEN_REGISTER)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OfficeScreen)
        assert "no connection" in str(app.screen.query_one("#office-why", Static).render())
