"""Ask for the electoral registration office when ydm cannot look it up (step 4, open register).

A fresh install has no lookup key, so for most people the open-register letter needs the office
typed in: its name and postal address, as `ydm lookup --manual` takes them. The words for who keeps
the register in each nation come from ydm.session.questions.ero_words (the guided session asks the
same thing); the office itself is made by ydm.adapters.lookup.manual_office through the backend.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ydm.errors import InputError
from ydm.model import Nation, Organisation
from ydm.postcodes import nation_of_postcode
from ydm.session.questions import ero_words
from ydm.tui.widgets.toggles import YdmCheckbox


def nation_words(postcode: str) -> dict[str, str]:
    """ero_words for the person's nation, from their postcode (England and Wales share the words)."""
    try:
        nation = nation_of_postcode(postcode) if postcode else None
    except Exception:  # noqa: BLE001 - an odd postcode only changes the wording
        nation = None
    name = {Nation.SCOTLAND: "scotland", Nation.NORTHERN_IRELAND: "northern-ireland"}.get(nation)
    return ero_words(name)


class OfficeScreen(ModalScreen[Organisation | None]):
    """Name and postal address of the registration office; dismisses the Organisation, or None."""

    HELP = """\
The open register letter goes to the office that keeps the electoral register for your address,
not to the organisations you chose. ydm could not look it up, so type its name and postal address
here (separate the lines with commas, with the postcode last). It is on your council's
"electoral registration" web page; in Scotland, on your assessor's or valuation joint board's.

With the box ticked, ydm keeps the office's details (never yours) for your next letters.
`Esc` goes back to step 3 with your choices kept.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back to step 3", id="cancel-office"),
        Binding("ctrl+s", "save", "Use this office", id="save-office"),
    ]

    def __init__(self, reason: str, postcode: str = "") -> None:
        super().__init__()
        self.reason = reason
        self.words = nation_words(postcode)

    def compose(self) -> ComposeResult:
        words = self.words
        why = self.reason or "ydm could not look it up"
        if not why.startswith("ydm"):  # ydm is written in lower case, even at the start of a sentence
            why = why[:1].upper() + why[1:]
        with Vertical(classes="dialog", id="office-dialog"):
            yield Static("Where does your open register letter go?", classes="dialog-title")
            yield Static(
                f"It goes to {words['who']}. {why}, so please type it here. "
                f"{words['address'] or ''}".strip(),
                id="office-why",
                markup=False,
            )
            yield Label(words["ask"] or "The office's name", classes="field-label")
            example = (words["hint"] or "").removeprefix("like ")
            yield Input(placeholder=f"e.g. {example}" if example else "", id="office-name", compact=True)
            yield Label("Its postal address (lines separated by commas, postcode last)", classes="field-label")
            yield Input(placeholder="e.g. Electoral Services, Town Hall, Anytown, AB1 2CD",
                        id="office-address", compact=True)
            yield Label("Its email address (optional)", classes="field-label")
            yield Input(id="office-email", compact=True)
            # Off unless asked: remembering writes the office to my_contacts.toml, a plain-text
            # file, and a registration office tells anyone who reads it roughly where you live.
            yield YdmCheckbox(
                "Remember this office for my next letters (kept in plain text in my_contacts.toml; "
                "it reveals your area)",
                False,
                id="office-remember",
                compact=True,
            )
            yield Static("", id="err-office", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Use this office (Ctrl+S)", id="save-office", variant="primary", compact=True)
                yield Button("Back to step 3 (Esc)", id="cancel-office", compact=True)

    def on_mount(self) -> None:
        self.query_one("#office-name", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        following = {"office-name": "#office-address", "office-address": "#office-email"}
        if event.input.id in following:
            self.query_one(following[event.input.id], Input).focus()
        else:
            self.action_save()

    @on(Button.Pressed, "#save-office")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel-office")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        name = self.query_one("#office-name", Input).value.strip()
        address = self.query_one("#office-address", Input).value.strip()
        error = self.query_one("#err-office", Static)
        if not name:
            error.update(f"⚠ {self.words['empty']}")
            self.query_one("#office-name", Input).focus()
            return
        if not address:
            error.update("⚠ Please type the office's postal address, so the letter can be posted.")
            self.query_one("#office-address", Input).focus()
            return
        error.update("")
        self.app.run_blocking(
            self._make,
            name,
            address,
            self.query_one("#office-email", Input).value.strip(),
            self.query_one("#office-remember", Checkbox).value,
            on_done=self._made,
            description="keeping the office's address",
            group="office",
            exclusive=True,
        )

    def _make(self, name: str, address: str, email: str, remember: bool) -> Organisation | str:
        """In a worker: the office, or the core's words for what is wrong with what was typed."""
        try:
            return self.app.backend.office_from_words(name, address, email, remember=remember,
                                                      today=self.app.today)
        except InputError as exc:
            return exc.message

    def _made(self, result: Organisation | str) -> None:
        if isinstance(result, str):
            self.query_one("#err-office", Static).update(f"⚠ {result[:1].upper()}{result[1:]}.")
            return
        self.dismiss(result)
