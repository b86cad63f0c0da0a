"""Follow-up letters: which parts of a subject access request their reply left out (Art 15(1))."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static

from ydm.service.requests import ART15_ITEMS
from ydm.tui.widgets.toggles import YdmSelectionList


class MissingItemsScreen(ModalScreen[list[str] | None]):
    """Tick the missing items; returns their codes, or None when cancelled."""

    HELP = """\
A subject access request entitles you to a copy of your data **and** to the facts listed in
Article 15(1) of the UK GDPR. Tick each one their reply did not give you; the follow-up letter
asks for exactly those.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-missing"),
        Binding("ctrl+s", "save", "Write the letter", id="save-missing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("What did their reply leave out? (Space ticks)", classes="dialog-title")
            yield YdmSelectionList[str](
                *[(text, code) for code, text in ART15_ITEMS.items()], id="missing-items"
            )
            yield Static("", id="err-missing", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Write the letter (Ctrl+S)", id="missing-ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="missing-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#missing-items").focus()

    @on(Button.Pressed, "#missing-ok")
    def action_save(self) -> None:
        chosen = list(self.query_one("#missing-items", SelectionList).selected)
        if not chosen:
            self.query_one("#err-missing", Static).update("⚠ Tick at least one item their reply left out.")
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#missing-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
