"""App-wide promises: organisations browser, add your own, F1 help everywhere, palette commands,
themes and NO_COLOR, the passphrase path without a keyring, failures as modals, files saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from tests.tui.conftest import JANE, TODAY, settle
from ydm.model import Person, RequestKind
from ydm.tui.screens.add_org import AddOrgScreen
from ydm.tui.screens.error import ErrorModal
from ydm.tui.screens.help import HelpScreen
from ydm.tui.screens.organisations import OrganisationsScreen
from ydm.tui.screens.passphrase import PassphraseScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.who import WhoScreen


async def test_organisations_search_is_accent_insensitive_and_shows_sources(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        await pilot.press("slash", *"sinn fein")
        await pilot.pause()
        listing = app.screen.query_one("#orgs-list", OptionList)
        assert listing.get_option_at_index(0).id == "sinn-fein"
        await pilot.press("enter")
        detail = str(app.screen.query_one("#orgs-detail", Static).render())
        org = app.backend.get_org("sinn-fein")
        assert "Sinn Féin" in detail and "Sources" in detail and "Last verified" in detail
        for source in org.sources:
            assert source.ref[:30] in detail.replace("\n", "")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, OrganisationsScreen)


async def test_add_your_own_organisation_is_saved_and_found(make_app, isolated_home):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddOrgScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "needs a name" in str(app.screen.query_one("#err-add-org", Static).render())
        app.screen.query_one("#org-name", Input).value = "Anytown Résidents Campaign"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at least one way to reach them" in str(app.screen.query_one("#err-add-org", Static).render())
        app.screen.query_one("#org-email", Input).value = "privacy@anytown.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        found = app.backend.search_orgs("anytown residents")
        assert [o.email for o in found] == ["privacy@anytown.example"]
    saved = (isolated_home / "data" / "my_contacts.toml").read_text(encoding="utf-8")
    assert "Anytown Résidents Campaign" in saved


@pytest.mark.parametrize("key_path", [("",), ("o",), ("n",)])
async def test_f1_help_on_every_main_screen(make_app, key_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in key_path:
            if key:
                await pilot.press(key)
                await settle(pilot)
        under = app.screen
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.under is under and under.HELP.strip()
        assert any(desc == "Help" for _key, desc in app.screen.keys)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is under


async def test_palette_offers_the_main_actions(make_app, fixed_references):
    from tests.tui.conftest import seed_requests
    from ydm.model import Channel

    seed_requests(TODAY, date(2026, 2, 10), [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in (
            "New request",
            "Organisations",
            "My requests",
            "Mark an event",
            "Write the next letter",
            "Help for this screen",
            "High-contrast theme",
        ):
            assert wanted in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Organisations")
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)


async def test_no_color_picks_high_contrast_and_theme_can_be_chosen(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    from ydm.tui.app import YdmApp

    app = YdmApp(today=TODAY)
    assert app.no_color and app.theme == "ydm-high-contrast"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("YDM_THEME", "ydm-high-contrast-light")
    assert YdmApp(today=TODAY).theme == "ydm-high-contrast-light"
    monkeypatch.setenv("YDM_THEME", "no-such-theme")
    assert YdmApp(today=TODAY).theme == "textual-dark"
    assert YdmApp(today=TODAY).animation_level in ("none", "basic", "full")


async def test_without_a_keyring_the_passphrase_is_asked_in_a_modal(make_app):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a machine with no keyring at all (restored by the fixture)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#empty").display  # a new user sees the app before any prompt
        await pilot.press("n")
        await settle(pilot)
        for key, value in JANE.items():
            app.screen.query_one(f"#f-{key}", Input).value = value
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        app.screen.query_one("#passphrase", Input).value = "short"
        await pilot.press("enter", "enter")
        assert "at least 8" in str(app.screen.query_one("#passphrase-error", Static).render())
        app.screen.query_one("#passphrase", Input).value = "a long passphrase"
        app.screen.query_one("#passphrase-again", Input).value = "a long passphrase"
        await pilot.click("#passphrase-ok")
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
    from ydm.store.db import open_store

    with open_store(passphrase=lambda purpose, confirm: "a long passphrase") as store:
        assert store.key_mode == "passphrase"
        assert store.load_profile().name == JANE["name"]


class BrokenBackend:
    """A backend whose store cannot be opened."""

    def close(self) -> None:
        pass

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            from ydm.errors import StoreError

            raise StoreError("the store at /nowhere is locked by another program")

        return fail


async def test_a_failing_store_becomes_a_modal_not_a_crash(make_app):
    app = make_app(backend=BrokenBackend())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "locked by another program" in app.screen.message
        await pilot.press("enter")
        await settle(pilot)
        assert "could not be opened" in str(app.screen.query_one("#summary", Static).render())


async def test_send_step_saves_pdf_and_eml_in_the_chosen_folder(make_app, fixed_references, tmp_path):
    from ydm.tui.screens.write.state import WizardState

    app = make_app()
    folder = tmp_path / "letters" / "new"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        state = WizardState(
            person=person, orgs=[app.backend.get_org("conservatives")], kinds=[RequestKind.ACCESS]
        )
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#folder", Input).value = str(folder)
        await pilot.click("#save-eml")
        await settle(pilot)
        radios = app.screen.query_one("#channel")
        radios.focus()
        await pilot.press("down", "enter")  # email → first-class post
        await settle(pilot)
        assert state.drafts[0].channel.value == "first-class"
        assert "4 Matthew Parker Street" in str(app.screen.query_one("#destination", Static).render())
        await pilot.click("#save-pdf")
        await settle(pilot)
    files = sorted(p.name for p in folder.iterdir())
    reference = state.drafts[0].letter.reference
    assert files == [f"access-conservatives-{reference}.eml", f"access-conservatives-{reference}.pdf"]
    assert (folder / files[1]).read_bytes().startswith(b"%PDF")
    assert b"Subject:" in (folder / files[0]).read_bytes()
    assert Path(folder / files[1]).stat().st_mode & 0o077 == 0  # only the user may read a letter


async def test_send_now_emails_the_letter_over_smtp(make_app, fixed_references, smtp_inbox):
    from ydm.tui.screens.write.state import WizardState

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        state = WizardState(person=person, orgs=[app.backend.get_org("labour")], kinds=[RequestKind.ACCESS])
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        button = app.screen.query_one("#send-smtp")
        assert button.display  # SMTP is set up and the channel is email
        await pilot.click("#send-smtp")
        await settle(pilot)
        assert state.drafts[0].emailed
        assert not app.screen.query_one("#send-smtp").display  # not twice
    ((sender, recipients, raw),) = smtp_inbox.messages
    assert sender == "jane@example.org"
    assert recipients == [app.backend.get_org("labour").email]
    assert state.drafts[0].letter.reference.encode() in raw


async def test_send_now_is_hidden_without_smtp_settings(make_app, fixed_references):
    from ydm.tui.screens.write.state import WizardState

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        state = WizardState(person=person, orgs=[app.backend.get_org("labour")], kinds=[RequestKind.ACCESS])
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not app.screen.query_one("#send-smtp").display


async def test_channel_is_chosen_per_organisation(make_app, fixed_references):
    from ydm.tui.screens.write.state import WizardState

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        orgs = [app.backend.get_org("conservatives"), app.backend.get_org("labour")]
        state = WizardState(
            person=person, orgs=orgs, kinds=[RequestKind.ACCESS, RequestKind.OBJECT_MARKETING]
        )
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#channel").focus()
        await pilot.press("down", "enter")  # the first letter (Conservatives): email → first-class post
        await settle(pilot)
        by_org = {(d.org.id, d.kind): d.channel.value for d in state.drafts}
    assert by_org[("conservatives", RequestKind.ACCESS)] == "first-class"
    assert by_org[("conservatives", RequestKind.OBJECT_MARKETING)] == "first-class"
    assert by_org[("labour", RequestKind.ACCESS)] == "email"
