"""YdmAppBase: what the main app and the guided-session app share.

Themes (including a high-contrast one), NO_COLOR, low animation, an injectable `today`, F1 help,
and one way to turn a failure into a plain-language modal. The App classes built on it are wiring
only; behaviour lives in screens and in `ydm.service.letters`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import platformdirs
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from ydm import clock
from ydm.errors import YdmError
from ydm.fileio import atomic_write
from ydm.tui import settings
from ydm.tui.screens.error import ErrorModal

HIGH_CONTRAST = Theme(
    name="ydm-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    warning="#FFB000",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 40%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "text-muted": "#DDDDDD",
    },
)
HIGH_CONTRAST_LIGHT = Theme(
    name="ydm-high-contrast-light",
    primary="#0000AA",
    secondary="#005500",
    accent="#000000",
    warning="#7A4A00",
    error="#AA0000",
    success="#005500",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#EEEEEE",
    boost="#DDDDDD",
    dark=False,
    variables={
        "border": "#000000",
        "block-cursor-background": "#0000AA",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "text-muted": "#222222",
    },
)
DEFAULT_THEME = "textual-dark"
THEMES_OFFERED = (
    "textual-dark",
    "textual-light",
    "ydm-high-contrast",
    "ydm-high-contrast-light",
    "ansi-dark",
    "ansi-light",
)

TodayArg = date | Callable[[], date] | None


class YdmAppBase(App):
    """Base for YdmApp and SessionApp. Pass `today` (a date or a callable) to pin the date in tests."""

    ENABLE_COMMAND_PALETTE = True
    # Remember the theme chosen (Ctrl+P) in tui.toml for the next start. The main app does; the
    # guided session, where one patron follows another, does not.
    REMEMBER_THEME: ClassVar[bool] = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help", tooltip="Explain this screen and list its keys"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Leave ydm", priority=True, show=False),
        # Tab moves focus *before* the next key is delivered. Textual forwards each key to the widget
        # focused when the app dispatches it and resolves a non-priority Tab binding only when that
        # widget handles the key, so in a burst of keys (pasting, tmux send-keys, fast typing) the
        # letters after Tab landed in the previous field. A priority binding runs at dispatch.
        Binding("tab", "focus_next", "Next field", id="focus-next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", id="focus-previous", show=False, priority=True),
    ]

    def __init__(self, *, today: TodayArg = None, theme: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._today = today
        for extra in (HIGH_CONTRAST, HIGH_CONTRAST_LIGHT):
            self.register_theme(extra)
        self.theme = self._pick_theme(theme)
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # calm by default; the env var still wins

    # --- dates -------------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The date the app treats as today (fixed in tests, the real date otherwise)."""
        if self._today is None:
            return clock.today()  # honours YDM_TODAY
        if isinstance(self._today, date):
            return self._today
        return self._today()

    # --- themes ------------------------------------------------------------------------------
    def _pick_theme(self, requested: str | None) -> str:
        """Explicit argument, then YDM_THEME, then the theme saved last time (REMEMBER_THEME), then
        high contrast under NO_COLOR, else the default."""
        for name in (requested, os.environ.get("YDM_THEME", "").strip(), self._remembered_theme()):
            if name and name in self.available_themes:
                return name
        if self.no_color:
            return "ydm-high-contrast"
        return DEFAULT_THEME

    def _remembered_theme(self) -> str:
        if not self.REMEMBER_THEME:
            return ""
        return settings.saved_theme()

    def remember_theme_changes(self) -> None:
        """From now on, save the theme whenever it changes (call once the app runs: the start-up
        choice is not a choice the person made)."""
        self._theme_at_start = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == getattr(self, "_theme_at_start", None):
            return
        self._theme_at_start = theme.name
        try:
            settings.save_theme(theme.name)
        except YdmError as exc:
            self.notify(f"The theme could not be remembered: {exc.message}", severity="warning")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Help for this screen", "Explain this screen and list its keys (F1)", self.action_help
        )
        yield SystemCommand(
            "High-contrast theme",
            "Switch to the high-contrast colours",
            lambda: setattr(self, "theme", "ydm-high-contrast"),
        )

    # --- help --------------------------------------------------------------------------------
    def action_help(self) -> None:
        from ydm.tui.screens.help import HelpScreen  # lazy: keeps start-up light (Markdown is slow to load)

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    # --- errors ------------------------------------------------------------------------------
    def show_error(self, error: BaseException | str, *, title: str = "Something went wrong") -> None:
        """Show a failure as a modal in plain words; never a traceback. Safe from the UI thread only."""
        message, hint = describe_error(error)
        self.push_screen(ErrorModal(message, title=title, hint=hint))

    def run_blocking(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        description: str = "working",
        group: str = "blocking",
        exclusive: bool = False,
        **kwargs: Any,
    ) -> Worker:
        """Run `fn` in a thread worker (PDF, HTTP, SMTP, store); call `on_done(result)` on the UI thread.

        A failure shows the error modal instead of closing the app, then calls `on_error(exc)`.
        Callbacks bound to a screen or widget that has gone away meanwhile are skipped.
        """

        def still_there(callback: Callable[..., Any]) -> bool:
            owner = getattr(callback, "__self__", None)
            return not isinstance(owner, DOMNode) or owner is self or owner.is_attached

        def job() -> Any:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:
                if on_error is not None and still_there(on_error):
                    self.call_from_thread(on_error, exc)
                raise
            if on_done is not None and still_there(on_done):
                self.call_from_thread(on_done, result)
            return result

        return self.run_worker(
            job, name=description, group=group, thread=True, exclusive=exclusive, exit_on_error=False
        )

    def save_file(
        self,
        name: str,
        make: Callable[[], bytes],
        *,
        folder: str | None = None,
        mime_type: str = "application/octet-stream",
        on_saved: Callable[[str], None] | None = None,
    ) -> None:
        """Make a file's bytes in a worker and give it to the user.

        Served in a browser, it becomes a download (`deliver_binary`). In a terminal it is written to
        `folder` (created if needed) or the Downloads folder, directly from the worker: Textual 8.2's
        terminal `deliver_binary` opens the target in text mode for a BytesIO, so it cannot be used
        for PDFs. Nothing goes through a temporary file.
        """

        def job() -> str:
            data = make()
            if self.is_web:
                self.call_from_thread(self._deliver_web, name, data, mime_type)
                return name
            if folder:
                target_dir = Path(folder).expanduser()
            else:
                target_dir = platformdirs.user_downloads_path()
            from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

            private_dir(target_dir)
            target = target_dir / name
            atomic_write(target, data)
            return str(target)

        def saved(where: str) -> None:
            if not self.is_web:
                self.notify(where, title="Saved")
            if on_saved is not None:
                on_saved(where)

        self.run_blocking(job, on_done=saved, description=f"saving {name}", group="files")

    def open_link(self, url: str, on_result: Callable[[bool | None], None]) -> None:
        """Ask the system to open `url` (a mailto: or web link), then call `on_result` with what is known.

        In a terminal this does what App.open_url does (webbrowser.open) but keeps its answer, in a
        worker since a launcher may take a moment: True only means a program was started to open the
        link (xdg-open, open, a browser), never that a mail program or page actually showed; False
        means nothing could be started. Served in a browser, the page is asked and nothing comes back:
        None. Callers word what they say accordingly.
        """
        if self.is_web:
            self.open_url(url)
            on_result(None)
            return
        self.run_blocking(
            self.open_with_system, url, on_done=on_result, description="asking your system to open a link",
            group="open-link",
        )

    def open_with_system(self, url: str) -> bool:
        """webbrowser.open (Textual's terminal open_url); tests replace it so nothing is launched."""
        import webbrowser  # lazy: keeps start-up light (only a link needs it)

        return bool(webbrowser.open(url))

    def _deliver_web(self, name: str, data: bytes, mime_type: str) -> None:
        self.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=mime_type, name=name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error, title=f"Could not finish: {event.worker.name}")


def describe_error(error: BaseException | str) -> tuple[str, str]:
    """(message, hint) for the modal: our own errors speak for themselves; others get a generic line."""
    if isinstance(error, str):
        return error, ""
    if isinstance(error, YdmError):
        return error.message, error.hint or ""
    if isinstance(error, OSError):
        return (
            f"The computer refused: {error.strerror or error}",
            "Check the folder exists and you may write to it.",
        )
    return (
        f"An unexpected {type(error).__name__} happened.",
        "Your saved requests are untouched. Please report this.",
    )
