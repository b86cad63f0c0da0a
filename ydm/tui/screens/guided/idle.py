"""The inactivity warning, the lookup wait and the quit question: small screens the session app shows by itself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ydm.session.words import seconds
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.guided.base import GuidedScreen


class IdleWarning(ModalScreen[None]):
    """ "Are you still there?" Any key closes it (and counts as activity)."""

    def __init__(self, seconds_left: int) -> None:
        super().__init__()
        self.seconds_left = seconds_left

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            yield Static("Are you still there?", classes="question", markup=False)
            yield Static(self.message(), id="idle-text", markup=False)

    def message(self) -> str:
        return (
            f"Press any key to carry on. In {seconds(self.seconds_left)} everything you typed "
            "will be wiped, for your privacy."
        )

    def update_left(self, seconds: int) -> None:
        self.seconds_left = seconds
        self.query_one("#idle-text", Static).update(self.message())

    def on_key(self, event) -> None:
        event.stop()
        self.dismiss(None)

    def on_mouse_down(self) -> None:
        self.dismiss(None)


class BusyScreen(GuidedScreen):
    """Shown while the registration office is looked up from the postcode (off the UI thread)."""

    NEXT_LABEL = None
    BACK_LABEL = None
    TITLE = "One moment"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def progress(self) -> str:
        return "One moment"

    def body(self) -> ComposeResult:
        with Vertical(classes="guided-body"):
            yield Static(self.text, classes="question", markup=False)


class QuitQuestion(ConfirmScreen):
    """ "Stop and wipe everything?" before Ctrl+C / Ctrl+Q ends the session; focus starts on No."""

    def __init__(self) -> None:
        super().__init__(
            "Stop and wipe everything?",
            "Yes wipes everything you typed and closes the session. No carries on where you were. "
            "To copy text, use the Copy buttons: Ctrl+C does not copy here.",
            yes="Yes, stop and wipe", no="No, carry on")
