"""A modal that shows one problem in plain words, so a failure never becomes a traceback on screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def _sentence(text: str) -> str:
    """Core messages are lower-case fragments made for `ydm: error: …`; a modal shows sentences."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."


class ErrorModal(ModalScreen[None]):
    """One message, an optional hint, and an OK button (Enter or Escape closes it)."""

    DEFAULT_CSS = """
    ErrorModal { align: center middle; }
    ErrorModal > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    ErrorModal #error-title { text-style: bold; color: $text-error; margin-bottom: 1; }
    ErrorModal #error-hint { color: $text-muted; margin-top: 1; }
    ErrorModal Button { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_error", "Close", id="close-error")]

    def __init__(self, message: str, *, title: str = "Something went wrong", hint: str = "") -> None:
        super().__init__()
        self.message = _sentence(message)
        self.title_text = title
        self.hint = _sentence(hint)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Problem: {self.title_text}", id="error-title", markup=False)
            yield Static(self.message, id="error-message", markup=False)
            if self.hint:
                yield Static(self.hint, id="error-hint", markup=False)
            yield Button("OK", id="error-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#error-ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_dismiss_error(self) -> None:
        self.dismiss(None)
