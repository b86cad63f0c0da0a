"""The first screen: the librarian starts a session; the patron learns nothing will be kept."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ydm.session.export_folder import leftover_warning
from ydm.session.words import minutes
from ydm.tui.screens.guided.base import GuidedScreen

WELCOME = (
    "Write to political parties and data brokers about the information they hold on you: "
    "ask for a copy, tell them to stop contacting you, or stop your details being sold."
)
PROMISE = (
    "One question at a time, in plain words. Nothing you type is kept on this computer: when you "
    "finish, or leave it alone for a while, everything is wiped."
)


class WelcomeScreen(GuidedScreen):
    """Start (Enter). Shows the librarian's settings so they can check them at a glance."""

    TITLE = "Welcome"
    NEXT_LABEL = "Start"
    BACK_LABEL = None
    HELP = """\
This is the start of a guided session. Press **Enter** (or the Start button) to begin.

You will be asked a few questions, one per screen, each with a short note on why we ask. At the
end you can print your letters, copy the text into your own email, and take home a sheet that
says when each answer is due. Nothing is kept on this computer.
"""

    def progress(self) -> str:
        return "Welcome"

    def body(self) -> ComposeResult:
        cfg = self.session.config
        settings = [f"Everything is wiped after {minutes(cfg.timeout / 60)} without a key press."]
        settings.append(f"Printer: {cfg.printer}." if cfg.printer else "No printer is set up.")
        if self.app.is_web:
            settings.append("Files you save download in this browser.")
        elif cfg.export_dir:
            settings.append(f"Files you choose to save go to {cfg.export_dir}.")
        with VerticalScroll(id="welcome", classes="guided-body"):
            yield Static("Welcome", classes="question", markup=False)
            yield Static(WELCOME, classes="lead", markup=False)
            yield Static(PROMISE, classes="why", markup=False)
            yield Static(" ".join(settings), classes="settings", id="settings", markup=False)
            left = "" if self.app.is_web else leftover_warning(cfg.export_dir)
            if left:
                yield Static(left, classes="settings warning", id="leftovers", markup=False)

    def on_mount(self) -> None:
        self.query_one("#next").focus()

    def go_next(self) -> None:
        self.host.start()
