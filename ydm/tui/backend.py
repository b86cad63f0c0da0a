"""The one door from the TUI to the core: screens call this, this calls ydm.service / tracker / core.

It holds no workflow of its own. It opens the store once, caches the organisation directory, and
turns core answers into the small row objects the screens display. Calls that touch the disk,
keyring or network are meant to run in thread workers (`app.run_blocking`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ydm.model import Channel, Event, EventKind, Organisation, Person, Request, RequestKind

# Status levels the screens style; the words themselves come from ydm.escalation.
LEVELS = ("late", "soon", "waiting", "done", "draft")


@dataclass(frozen=True)
class RequestRow:
    """A request as the dashboard shows it: nothing here is computed by the TUI itself."""

    request: Request
    org_name: str
    sent: date | None
    due: date | None
    days_left: int | None
    status: str
    level: str
    next_kind: RequestKind | None = None
    next_reason: str = ""
    due_steps: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return self.request.ref


@dataclass
class Draft:
    """One letter in the wizard: its organisation, kind, rendered letter and chosen channel."""

    org: Organisation
    kind: RequestKind
    letter: Any  # ydm.letters.Letter
    channel: Channel = Channel.EMAIL
    related_ref: str = ""  # for a follow-up letter on an existing request
    delivered: list[str] = field(default_factory=list)


class Backend:
    """Facade over the core for the TUI. One per app; safe to call from one worker at a time."""

    def __init__(self, *, store: Any = None, directory: Any = None) -> None:
        self._store = store
        self._directory = directory
