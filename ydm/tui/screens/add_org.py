"""Add your own organisation: a name and at least one way to reach it; saved via the contacts module."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ydm.errors import YdmError
from ydm.model import Category, Organisation
from ydm.tui.screens.labels import CATEGORY_LABELS


class AddOrgScreen(ModalScreen[Organisation | None]):
    """Returns the new organisation (already saved), or None when cancelled."""

    HELP = """\
Write to an organisation ydm does not know. Give its name and at least one way to reach it: the
email address or postal address from its privacy notice, or the address of its web form.
It is saved in your own list (my_contacts.toml in ydm's data folder) and appears in searches.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-add-org"),
        Binding("ctrl+s", "save", "Save", id="save-add-org"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Add your own organisation", classes="dialog-title")
            with VerticalScroll(classes="form"):
                yield Label("Name *")
                yield Input(placeholder="e.g. Anytown Residents' Campaign", id="org-name")
                yield Label("Kind of organisation")
                yield Select(
                    [(label, c.value) for c, label in CATEGORY_LABELS.items()],
                    value=Category.OTHER.value,
                    allow_blank=False,
                    id="org-kind",
                    compact=True,
                )
                yield Label("Email for data protection requests")
                yield Input(placeholder="privacy@example.org", id="org-email")
                yield Label("Postal address (lines separated by commas)")
                yield Input(placeholder="Data Protection Officer, 1 Street, Town, AB1 2CD", id="org-address")
                yield Label("Web form address")
                yield Input(placeholder="https://example.org/privacy-request", id="org-webform")
            yield Static("", id="err-add-org", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Save (Ctrl+S)", id="save-org", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel-org", compact=True)

    def on_mount(self) -> None:
        self.query_one("#org-name", Input).focus()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save-org")
    def action_save(self) -> None:
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        fields = {
            "display_name": value("org-name"),
            "category": str(self.query_one("#org-kind", Select).value),
            "email": value("org-email"),
            "postal_address": [line.strip() for line in value("org-address").split(",") if line.strip()],
            "webform": value("org-webform"),
        }
        self.app.run_blocking(
            self._save, fields, on_done=self._saved, description="saving the organisation", group="add-org"
        )

    def _save(self, fields: dict) -> Organisation | str:
        try:
            return self.app.backend.add_organisation(**fields)
        except YdmError as exc:
            return str(exc)

    def _saved(self, result: Organisation | str) -> None:
        if isinstance(result, str):
            self.query_one("#err-add-org", Static).update(f"⚠ {result}")
            return
        self.notify(f"{result.display_name} was added to your own list.", title="Organisation added")
        self.dismiss(result)

    @on(Button.Pressed, "#cancel-org")
    def action_cancel(self) -> None:
        self.dismiss(None)
