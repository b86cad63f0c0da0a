"""Why an ICO complaint is late: asked when the three months after the last contact have passed.

The ICO asks for complaints "within three months of your last contact with the organisation" (law.md
§8): its policy, not a statutory bar. A late complaint can still go, but it says that it is late and
why (issue 16 finding 1), so the wizard asks for the reason as the CLI's --late-reason does. Esc goes
back to the step before, with nothing written.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class LateReasonScreen(ModalScreen[str | None]):
    """Returns the reason typed (Enter), or None (Escape)."""

    DEFAULT_CSS = """
    LateReasonScreen { align: center middle; }
    LateReasonScreen > Vertical {
        width: 72; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    LateReasonScreen #late-question { text-style: bold; }
    LateReasonScreen #late-detail { color: $text-muted; margin: 1 0; }
    LateReasonScreen #late-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, last_contact: str, ico_by: str) -> None:
        super().__init__()
        self.last_contact, self.ico_by = last_contact, ico_by

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Why is the complaint late?", id="late-question")
            yield Static(
                f"Your last contact with the organisation was on {self.last_contact}. The ICO asks for "
                f"complaints within three months of it, which ended on {self.ico_by}. It may still look at "
                "a late complaint: the letter says it is late and gives your reason. Enter to write it, "
                "Esc to go back.", id="late-detail", markup=False)
            yield Input(placeholder="e.g. I was waiting for the reply they promised me", id="late-reason")
            yield Static("", id="late-error")

    def on_mount(self) -> None:
        self.query_one("#late-reason", Input).focus()

    @on(Input.Submitted, "#late-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = " ".join(event.value.split())
        if not reason:
            self.query_one("#late-error", Static).update("⚠ Type the reason, or press Esc to go back.")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
