"""What the screens display and pass around: a request's row, a letter being written, a next step.

Plain data, filled from core answers by `ydm.tui.backend`; nothing here computes a date or a status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ydm.model import Channel, EventKind, Organisation, Person, Request, RequestKind


@dataclass(frozen=True)
class RequestRow:
    """A request as the screens show it; every date and word here comes from the core."""

    request: Request
    org_name: str
    sent: date | None
    due: date | None
    days_left: int | None
    status: str  # the tracker's words for people, e.g. "DUE IN 5 DAYS", "OVERDUE"
    level: str  # late | act | soon | waiting | done | draft: picks a symbol and colour, never alone
    next_kind: RequestKind | None = None
    next_reason: str = ""
    due_steps: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    due_label: str = ""  # what is due: "answer", "acknowledge your complaint", … (from escalation)
    due_now: str = ""  # with no date owed by them: what is due now (tracker.RequestView.due_now)
    later_letters: tuple[Any, ...] = ()  # store_codec.StoredLetter: reminders, complaints, follow-ups
    overdue: bool = False  # tracker.RequestView.overdue: has a due date, it has passed, not finished
    due_this_week: bool = False  # has a due date within the next 7 days (today included), not finished

    @property
    def ref(self) -> str:
        return self.request.ref


@dataclass
class Draft:
    """One letter in the wizard: its organisation, kind, rendered letter and chosen channel."""

    org: Organisation
    kind: RequestKind
    letter: Any  # ydm.letters.render.Letter
    channel: Channel = Channel.EMAIL
    delivered: list[str] = field(default_factory=list)  # what was done with it at the Send step, in words
    emailed: bool = False  # sent over SMTP from the app ("Send now"): the only sending ydm itself saw
    emailed_on: date | None = None  # the day it went (the app's today when the server took it)
    emailed_at: str = ""  # the wall-clock time it went, "14:32", to show the person
    # The letter as drafted when no postal address was known, and the address the person typed for
    # posting it (ydm.service.channels.with_postal_address); None/"" when none was needed.
    unaddressed: Any = None
    typed_address: str = ""

    @property
    def sent_by_ydm(self) -> bool:
        """Sent by the app itself. Saving a PDF, copying the text or handing it to the mail program
        is not sending: the person may post it tomorrow, or never, so the Record step does not
        start those ticked (a deadline would run from a day the letter did not go)."""
        return self.emailed


@dataclass(frozen=True)
class NextPlan:
    """What to write next for a request (from the tracker), with what the wizard needs to write it."""

    ref: str
    kind: RequestKind | None
    reason: str
    org: Organisation | None
    person: Person | None


def row_from_view(view: Any, letters: Any = (), *, steps: bool = True) -> RequestRow:
    """Pack a tracker.RequestView (and the request's later letters, if given) into a RequestRow.
    `steps=False` leaves out how the due date was counted (the costly part of a view, which the
    dashboard's table never shows: its rows are read again, with the steps, when one is opened)."""
    request: Request = view.request
    sent = min((e.on for e in request.events if e.kind is EventKind.SENT), default=None)
    # ydm.law.escalation gives the words ("DUE IN 5 DAYS") and the level; the TUI only adds "act" for a
    # request that is not late but where a letter from you is the next step (an incomplete answer).
    level = view.level or "waiting"
    if view.next_kind is not None and level in ("waiting", "soon"):
        level = "act"
    status = view.label or view.status.upper()
    return RequestRow(
        request=request,
        org_name=request.org_name or request.org_id,
        sent=sent,
        due=view.due,
        days_left=view.days_left if level not in ("done", "draft") else None,
        status=status,
        level=level,
        next_kind=view.next_kind,
        next_reason=view.next_reason,
        due_steps=tuple(view.explanation) if steps else (),
        warnings=tuple(view.warnings),
        due_label=view.due_label,
        due_now=view.due_now,
        later_letters=tuple(letters),
        overdue=bool(view.overdue),
        due_this_week=view.due is not None and not view.done and 0 <= (view.due - view.today).days <= 7,
    )
