"""SessionApp: the guided session for library patrons (`ydm session`, and `ydm serve` in a browser).

Wiring only. The questions, letters and dates come from `ydm.session.flow.Session`; the screens live in
`ydm.tui.screens.guided`, and this app alone shows them: a screen asks it to move on (the
GuidedHost protocol, ydm.tui.screens.guided.host), so the imports go one way. What differs from the main app is the lifecycle: an in-memory store, an
inactivity timer that warns and then wipes, and a wipe on Finish, on a confirmed Ctrl+C / Ctrl+Q and on exit.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from ydm.session.flow import Session, SessionConfig
from ydm.tui.base import TodayArg, YdmAppBase
from ydm.tui.clipboard import forget_in_tmux
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.idle import BusyScreen, IdleWarning, QuitQuestion
from ydm.tui.screens.guided.outputs import OutputsScreen
from ydm.tui.screens.guided.question import QuestionScreen
from ydm.tui.screens.guided.review import ReviewScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen

CLEARED = " "  # what the clipboard holds after a patron's session


class SessionApp(YdmAppBase):
    """One kiosk session after another; `session` holds the current patron's answers in memory."""

    TITLE = "Your Data Matters: guided session"
    CSS_PATH = Path(__file__).parent / "session.tcss"
    ENABLE_COMMAND_PALETTE = False  # one path through, nothing hidden behind a palette
    BINDINGS: ClassVar[list[BindingType]] = [
        *YdmAppBase.BINDINGS,
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-ctrl-c"),
    ]

    def __init__(
        self,
        config: SessionConfig | None = None,
        *,
        today: TodayArg = None,
        theme: str | None = None,
        clock: Callable[[], float] | None = None,
        lookup=None,
        directory=None,
        run_command: Callable[..., subprocess.CompletedProcess] = subprocess.run,
        tick_seconds: float = 1.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(today=today, theme=theme, **kwargs)
        extra = {"clock": clock} if clock is not None else {}
        self.session = Session(config, today=lambda: self.today, lookup=lookup, directory=directory, **extra)
        self.run_command = run_command
        self.tick_seconds = tick_seconds
        self._warning: Any = None
        self._copied: list[str] = []  # what the patron copied, until the clipboard is cleared

    # --- lifecycle ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen())
        self.set_interval(self.tick_seconds, self.check_inactivity, name="idle-check")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self.session.touch()
        await super().on_event(event)

    def wipe(self) -> None:
        """Forget the patron; clear anything we put on the clipboard."""
        self.clear_clipboard()
        self.session.wipe()

    def clear_clipboard(self) -> bool | None:
        """Overwrite what the patron copied (OSC 52) with a single space: None when nothing was copied,
        False when there is no terminal to tell. Not an empty string: tmux and other terminals ignore
        an empty update and keep the letter; a space is harmless and every terminal takes it."""
        if not self.session.copied:
            return None
        self.copy_to_clipboard(CLEARED)
        self.session.copied = False
        forget_in_tmux(self._copied)  # tmux kept each copy as a paste buffer of its own
        self._copied.clear()
        return self._driver is not None

    def copy_to_clipboard(self, text: str) -> None:
        if text != CLEARED:
            self._copied.append(text)  # in memory, to find again in tmux's paste buffers
        super().copy_to_clipboard(text)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.wipe()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self.session.wipe()

    async def action_quit(self) -> None:
        """Ctrl+C or Ctrl+Q: ask first, No by default. Ctrl+C is the copy reflex beside the Copy buttons,
        so a quit at once lost the patron's work; a confirmed quit still wipes (see `exit`)."""
        if any(isinstance(s, QuitQuestion) for s in self.screen_stack):
            return  # already asking: a second Ctrl+C is not a yes
        self.push_screen(QuitQuestion(), lambda stop: self.exit() if stop else None)

    def _input_ended(self) -> bool:
        """In a browser tab (`ydm serve`): whether the server is gone. Textual's web driver stops reading
        at the end of its input and never tells the app, so a killed server left each tab's session
        running, orphaned, with the patron's answers in memory."""
        reader = getattr(self._driver, "_key_thread", None) if self.is_web else None
        return reader is not None and reader.ident is not None and not reader.is_alive()

    # --- inactivity ---------------------------------------------------------------------------
    def check_inactivity(self) -> None:
        """Called every tick (and directly by tests): warn, then wipe and go back to the welcome."""
        if self._input_ended():
            self.exit()  # wipes first (see `exit`)
            return
        s = self.session
        if not s.started:
            s.touch()
            return
        if s.expired():
            self.restart(reason="Nobody pressed a key for a while, so everything was wiped.")
            return
        if s.should_warn():
            if self._warning is None or self._warning not in self.screen_stack:
                self._warning = IdleWarning(s.seconds_left())
                self.push_screen(self._warning)
            else:
                self._warning.update_left(s.seconds_left())

    # --- moving through the session -----------------------------------------------------------
    def start(self) -> None:
        self.wipe()
        self.next_step()

    def next_step(self) -> None:
        """Show the next unanswered question, or the letters when all are answered."""
        s = self.session
        if s.needs_lookup():
            self.switch_screen(
                BusyScreen("Looking up your electoral registration office from your postcode…")
            )
            self.run_blocking(s.look_up_office, on_done=lambda _: self.next_step(), description="look up")
            return
        question = s.current()
        if question is None:
            self.run_blocking(s.plan, on_done=lambda _: self.show_letters(), description="write the letters")
            return
        self.switch_screen(QuestionScreen(question))

    def go_back(self) -> None:
        question = self.session.back()
        self.switch_screen(QuestionScreen(question) if question else WelcomeScreen())

    def show_letters(self) -> None:
        self.switch_screen(ReviewScreen())

    def show_outputs(self) -> None:
        self.switch_screen(OutputsScreen())

    def show_finish(self) -> None:
        self.switch_screen(FinishScreen())

    def finish(self, note: str = "") -> None:
        self.restart(reason=note)

    def restart(self, *, reason: str) -> None:
        """Wipe, close any dialogs and show the welcome screen again."""
        self.wipe()
        self._warning = None
        while len(self.screen_stack) > 2 or isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.switch_screen(WelcomeScreen())
        if reason:
            self.notify(reason, timeout=10)


def run(config: SessionConfig | None = None, **kwargs: Any) -> int:
    """Start the guided session (the CLI's `ydm session`). Always wipes, whatever happens."""
    app = SessionApp(config, **kwargs)
    try:
        app.run()
    finally:
        app.session.wipe()
    return 0
