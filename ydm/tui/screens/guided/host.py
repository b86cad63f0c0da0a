"""What the guided screens use of the app that shows them, as a Protocol: SessionApp fits it.

The screens do not import SessionApp. The app imports every screen (to show the welcome, the next
question, the letters, ...), so an import back, even one for type hints only, closed a loop. They
are typed against this instead, and ask the app to move on: only the app knows the order of the
session, so no screen imports another to show it next.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from ydm.session.flow import Session


class GuidedHost(Protocol):
    """The patron's session, the app's services and the moves through the session."""

    session: Session  # the current patron's answers, in memory only
    run_command: Callable[..., subprocess.CompletedProcess]  # runs the print command (tests replace it)

    @property
    def today(self) -> date: ...

    def run_blocking(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `fn` off the UI thread; `on_done(result)` back on it (YdmAppBase.run_blocking)."""
        ...

    def start(self) -> None:
        """Wipe anything left over and ask the first question."""
        ...

    def next_step(self) -> None:
        """The next unanswered question, or the letters when all are answered."""
        ...

    def go_back(self) -> None:
        """The question before, or the welcome."""
        ...

    def show_letters(self) -> None:
        """The letters written from the answers (read-only)."""
        ...

    def show_outputs(self) -> None:
        """The choices of what to take away: print, save, email text, the take-home sheet."""
        ...

    def show_finish(self) -> None:
        """The list of what was saved or printed, before wiping."""
        ...

    def clear_clipboard(self) -> bool | None:
        """Overwrite what was copied: None if nothing was, else whether the terminal could be told."""
        ...

    def finish(self, note: str = "") -> None:
        """Wipe everything and return to the welcome, saying `note` (what was deleted) there."""
        ...
