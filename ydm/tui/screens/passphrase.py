"""Asks for the store's passphrase, only on computers without an OS keyring."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class PassphraseScreen(ModalScreen[str]):
    """Returns the passphrase typed (twice when a new one is set), or "" when cancelled."""

    DEFAULT_CSS = """
    PassphraseScreen { align: center middle; }
    PassphraseScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $primary;
                                  background: $surface; padding: 1 2; }
    PassphraseScreen .field-error { color: $text-error; }
    PassphraseScreen Label { width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-passphrase")]

    def __init__(self, purpose: str, confirm: bool) -> None:
        super().__init__()
        self.purpose = purpose
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "This computer has no keyring to keep the key of your encrypted requests, so ydm "
                "uses a passphrase instead. Nobody can recover it for you: write it down somewhere safe."
                if self.confirm
                else "Your requests are encrypted. Type the passphrase to open them.",
            )
            yield Label(self.purpose[0].upper() + self.purpose[1:] + ":")
            yield Input(password=True, id="passphrase")
            if self.confirm:
                yield Label("The same passphrase again:")
                yield Input(password=True, id="passphrase-again")
            yield Static("", id="passphrase-error", classes="field-error")
            yield Button("OK", id="passphrase-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.confirm and event.input.id == "passphrase":
            self.query_one("#passphrase-again", Input).focus()
        else:
            self._check()

    @on(Button.Pressed, "#passphrase-ok")
    def _ok(self) -> None:
        self._check()

    def _check(self) -> None:
        value = self.query_one("#passphrase", Input).value
        error = self.query_one("#passphrase-error", Static)
        if len(value) < (8 if self.confirm else 1):
            error.update("⚠ Use at least 8 characters." if self.confirm else "⚠ Type the passphrase.")
            return
        if self.confirm and value != self.query_one("#passphrase-again", Input).value:
            error.update("⚠ The two passphrases are different.")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss("")
