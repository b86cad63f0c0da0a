"""The frame every guided screen shares: a calm title bar, a progress line, the body, Back/Next, keys.

Screens reach the app through `host`, typed as the GuidedHost protocol rather than SessionApp,
which imports the screens (see ydm.tui.screens.guided.host).
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ydm.session.flow import Session
from ydm.tui.screens.guided.host import GuidedHost

APP_TITLE = "Your Data Matters: guided session"


class GuidedScreen(Screen):
    """Subclasses compose `body()`, set NEXT_LABEL (None hides Next), and implement `go_next()`."""

    NEXT_LABEL: str | None = "Next"
    BACK_LABEL: str | None = "Back"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="guided-back", tooltip="Go back one step"),
        Binding("ctrl+n", "next", "Next", id="guided-next", tooltip="Go on to the next step"),
    ]

    @property
    def host(self) -> GuidedHost:
        """The app showing this screen (SessionApp), as far as the guided screens use it."""
        return cast(GuidedHost, self.app)

    @property
    def session(self) -> Session:
        return self.host.session

    def progress(self) -> str:
        return ""

    def compose(self) -> ComposeResult:
        yield Static(APP_TITLE, id="title-bar", markup=False)
        yield Static(self.progress(), id="progress", markup=False)
        yield from self.body()
        with Horizontal(id="nav"):
            if self.BACK_LABEL:
                yield Button(f"{self.BACK_LABEL} (Esc)", id="back", compact=True)
            if self.NEXT_LABEL:
                yield Button(f"{self.NEXT_LABEL} (Ctrl+N)", id="next", variant="primary", compact=True)
        yield Footer(compact=True)

    def body(self) -> ComposeResult:
        yield from ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next" and not self.NEXT_LABEL:
            return False
        return not (action == "back" and not self.BACK_LABEL)

    @on(Button.Pressed, "#back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    @on(Button.Pressed, "#next")
    def _next_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_next()

    def action_back(self) -> None:
        self.host.go_back()

    def action_next(self) -> None:
        self.go_next()

    def go_next(self) -> None:
        self.host.next_step()
