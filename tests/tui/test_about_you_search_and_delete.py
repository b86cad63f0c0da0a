"""The main app: phone and electoral roll number on "About you" (saved, and printed in the
letters), Down from the organisation search into the list, and deleting a request (asked first;
the real encrypted store re-opened afterwards to see what is gone and what is still there)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Input, SelectionList, Static

from tests.tui.conftest import TODAY, seed_requests, settle
from tests.tui.test_wizard import error_text, put_into, tick_org, to_about_you, to_who, type_into
from ydm.model import Channel, Person, RequestKind
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.dashboard import DashboardScreen
from ydm.tui.screens.request import RequestScreen
from ydm.tui.screens.write.about_you import AboutYouScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.who import WhoScreen

SENT = date(2026, 2, 10)
PHONE = "07700 900123"
ELECTORAL = "PD1-234/5"


def preview_text(app) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def to_review(pilot, kind: RequestKind = RequestKind.ACCESS) -> None:
    """From the filled "About you" step: Labour, one kind of letter, then review."""
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WhoScreen)
    await tick_org(pilot, "labour")
    await pilot.press("ctrl+n")
    await settle(pilot)
    pilot.app.screen.query_one(f"#k-{kind.value}", Checkbox).value = True
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)


# --- 1. phone and electoral roll number ----------------------------------------------------------


async def test_phone_and_electoral_number_are_saved_and_printed_in_the_letter(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_about_you(pilot)
        await type_into(pilot, "#f-phone", PHONE)
        await put_into(pilot, "#f-electoral_number", ELECTORAL)
        await to_review(pilot)
        text = preview_text(app)
        # Each detail says what it is for (issue 16 finding 10).
        assert f"Phone (only if you need to contact me about this request): {PHONE}" in text
        assert f"Electoral number (my entry in the electoral register): {ELECTORAL}" in text
        assert all(PHONE in d.letter.text and ELECTORAL in d.letter.text for d in app.screen.state.drafts)

    from ydm.store.db import open_store

    with open_store() as store:  # saved, encrypted, with the rest of the profile
        person = store.load_profile()
    assert (person.phone, person.electoral_number) == (PHONE, ELECTORAL)

    again = make_app()  # next time the form is filled in from the saved profile
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert again.screen.query_one("#f-phone", Input).value == PHONE
        assert again.screen.query_one("#f-electoral_number", Input).value == ELECTORAL


async def test_without_phone_or_electoral_number_the_letter_has_neither_line(make_app, fixed_references):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_about_you(pilot)
        await to_review(pilot)
        text = preview_text(app)
        assert "Jane Public" in text
        assert "Phone:" not in text and "Electoral number:" not in text


async def test_open_register_letter_gives_the_electoral_number(make_app, fixed_references):
    """The open-register opt-out goes to the registration office, where the number matters most."""
    from ydm.adapters import lookup

    lookup.remember_office(
        lookup.Office(name="Electoral Services, Anytown Council", email="elections@anytown.example")
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_about_you(pilot)
        await put_into(pilot, "#f-electoral_number", ELECTORAL)
        await to_review(pilot, RequestKind.OPEN_REGISTER)
        texts = [d.letter.text for d in app.screen.state.drafts if d.kind is RequestKind.OPEN_REGISTER]
        assert texts and f"Electoral number: {ELECTORAL}" in texts[0]


async def test_a_phone_number_that_is_not_one_is_explained_under_the_field(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await to_about_you(pilot)
        await type_into(pilot, "#f-phone", "jane@example.org")
        await pilot.press("tab")
        assert "not a phone number" in error_text(app, "phone")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, AboutYouScreen)  # did not move on
        assert app.screen.focused is app.screen.query_one("#f-phone")
        await type_into(pilot, "#f-phone", "+44 (0)20 7946-0000")
        assert error_text(app, "phone") == ""
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)


async def test_details_the_form_does_not_show_survive_saving_it(make_app):
    """A profile saved from `ydm letter --me` may hold account references and a paper reply: the
    form keeps them when it saves (it used to drop them)."""
    from ydm.profile import make_person
    from ydm.store.db import open_store

    with open_store() as store:
        store.save_profile(
            make_person(
                name="Jane Public", address="1 High Street, Anytown", postcode="SW1A 1AA",
                account_refs=["CUST-42"], reply_format="paper",
            )
        )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#f-name", Input).value == "Jane Public"
        await put_into(pilot, "#f-phone", PHONE)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
    with open_store() as store:
        person: Person = store.load_profile()
    assert person.phone == PHONE
    assert person.account_refs == ("CUST-42",) and person.reply_format == "paper"


async def test_about_you_scrolls_to_the_last_field_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen.query_one("#about-form")
        last = app.screen.query_one("#f-electoral_number", Input)
        for _ in range(len(app.screen.query(Input)) - 1):  # Tab from the name to the last field
            await pilot.press("tab")
        await settle(pilot)
        assert app.screen.focused is last
        assert form.max_scroll_y > 0  # the form is taller than the screen, and scrolled
        assert form.region.contains_region(last.region)  # the focused field is in view
        why = app.screen.query_one("#why-electoral_number", Static)
        assert "poll card" in str(why.render())
        assert form.region.contains_region(why.region)  # and so is why it is asked
        await pilot.press(*"AB12")
        assert last.value == "AB12"


# --- 2. Down from the search box ------------------------------------------------------------------


async def test_down_in_the_search_box_moves_to_the_organisation_list(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_who(pilot)
        assert isinstance(app.screen, WhoScreen)
        search = app.screen.query_one("#org-search", Input)
        listing = app.screen.query_one("#org-list", SelectionList)
        assert app.screen.focused is search
        await pilot.press(*"reform")
        await settle(pilot)
        await pilot.press("down")
        assert app.screen.focused is listing
        assert listing.highlighted == 0  # on the first match
        await pilot.press("space")
        await settle(pilot)
        assert "reform-uk" in app.screen.selected
        await pilot.press("down")  # in the list, Down moves the highlight as before
        assert app.screen.focused is listing
        await pilot.press("slash")  # and / goes back to the search
        assert app.screen.focused is search


# --- 3. deleting a request ------------------------------------------------------------------------


def two_requests() -> list:
    return seed_requests(
        TODAY,
        SENT,
        [("labour", RequestKind.ACCESS, Channel.EMAIL), ("reform-uk", RequestKind.ACCESS, Channel.EMAIL)],
    )


def stored_refs() -> set[str]:
    from ydm.store.db import open_store

    with open_store() as store:
        return {r.ref for r in store.list()}


def confirm_text(app) -> str:
    return " ".join(
        str(app.screen.query_one(f"#confirm-{part}", Static).render()) for part in ("question", "detail")
    )


async def test_delete_from_the_request_screen_after_confirming(make_app, fixed_references):
    labour, reform = two_requests()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        table = dashboard.query_one("#requests", DataTable)
        table.move_cursor(row=[r.ref for r in dashboard.rows].index(labour.ref))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RequestScreen) and app.screen.ref == labour.ref
        assert ("d", "Delete") in {(k.key, k.description) for k in app.screen.query("FooterKey")}
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        said = confirm_text(app)
        assert labour.ref in said and "Labour" in said
        assert "removed from this computer" in said and "cannot be recovered" in said
        assert "does not withdraw the request" in said
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is dashboard  # back on the dashboard, without the row
        assert [r.ref for r in dashboard.rows] == [reform.ref]
        assert table.row_count == 1
        assert any("was deleted" in n.message for n in app._notifications)
    assert stored_refs() == {reform.ref}  # really gone from the encrypted store

    from ydm.store.db import open_store

    with open_store() as store:
        assert "Jane Public" in store.get(reform.ref).letter_text  # the other one keeps its letter


async def test_delete_from_the_dashboard_row_after_confirming(make_app, fixed_references):
    labour, reform = two_requests()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert ("d", "Delete") in {(k.key, k.description) for k in dashboard.query("FooterKey")}
        table = dashboard.query_one("#requests", DataTable)
        table.move_cursor(row=[r.ref for r in dashboard.rows].index(reform.ref))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert reform.ref in confirm_text(app)
        assert app.screen.focused is app.screen.query_one("#confirm-no")  # Enter would keep it
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert app.screen is dashboard
        assert [r.ref for r in dashboard.rows] == [labour.ref]
        await pilot.press("d", "y")  # the last one too: the empty dashboard comes back
        await settle(pilot)
        assert dashboard.rows == [] and dashboard.query_one("#empty").display
        await pilot.press("d")  # nothing left to delete: no question asked
        await settle(pilot)
        assert app.screen is dashboard
    assert stored_refs() == set()


async def test_cancelling_the_delete_keeps_everything(make_app, fixed_references):
    labour, reform = two_requests()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dashboard and len(dashboard.rows) == 2
        await pilot.press("enter")  # from the request screen: Escape, and Enter on the focused No
        await settle(pilot)
        request_screen = app.screen
        assert isinstance(request_screen, RequestScreen)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is request_screen
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is request_screen
    assert stored_refs() == {labour.ref, reform.ref}


async def test_palette_offers_delete_for_the_chosen_request(make_app, fixed_references):
    labour, _reform = two_requests()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_request(labour.ref)
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Delete this request")
        assert "Labour" in command.help
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and labour.ref in confirm_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert labour.ref not in [r.ref for r in app.screen.rows]
    assert labour.ref not in stored_refs()


async def test_empty_dashboard_offers_no_delete(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {k.key for k in app.screen.query("FooterKey")}
        assert "d" not in keys
        assert "Delete this request" not in {c.title for c in app.get_system_commands(app.screen)}


async def test_every_dashboard_key_fits_at_80_columns(make_app, fixed_references):
    """With Delete added the dashboard has seven keys: the footer tightens so F1 Help still shows."""
    two_requests()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        assert [k.key for k in keys] == ["n", "m", "w", "d", "o", "q", "f1"]
        assert all(k.region.right <= 80 for k in keys)
        await pilot.resize_terminal(120, 30)  # room enough: the usual spacing, and the palette hint
        await settle(pilot)
        assert not app.screen.query_one("YdmFooter").compact
        assert app.screen.query("FooterKey.-command-palette")
        await pilot.resize_terminal(80, 24)  # and back: refitted, F1 Help not pushed off by the hint
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        assert not app.screen.query("FooterKey.-command-palette")
        assert keys[-1].key == "f1" and keys[-1].region.right <= 80


async def test_delete_question_at_80x24(make_app, fixed_references, screen_snapshot):
    labour, _reform = two_requests()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_request(labour.ref)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert await screen_snapshot(pilot, "delete-confirm")
