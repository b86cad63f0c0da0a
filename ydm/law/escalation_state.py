"""The vocabulary of an assessment: the states a request can be in, the result `assess` returns, and
ydm's own yardsticks for when to escalate.

Kept apart from the engine (`ydm.law.escalation`) because every face reads these types (the TUI's colour
levels, the tracker's views, the tests) without needing the rules that produce them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from ydm.law.deadlines import Deadline
from ydm.model import RequestKind

# ydm's yardstick, not law: how long a reminder may go unanswered before we suggest a complaint.
# Two weeks is ample for a request that is already late; ICO asks people to chase before escalating.
REMINDER_GRACE_DAYS = 14
DUE_SOON_DAYS = 7  # "DUE IN n DAYS" from this many days out; "WAITING" before
ICO_WINDOW_MONTHS = 3  # ICO: complain "within three months of your last contact with the organisation"


class State(StrEnum):
    DRAFT = "draft"
    WAITING = "waiting"  # the clock runs, more than DUE_SOON_DAYS left
    DUE_SOON = "due-soon"
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"
    ID_REQUESTED = "id-requested"  # the clock has not started: they wait for your ID (Art 12(6))
    FEE_REQUESTED = "fee-requested"
    PAUSED = "paused"  # Art 12A(5): they asked what you meant; the clock stops until they have your answer
    ANSWERED = "answered"
    INCOMPLETE = "incomplete"
    REMINDED = "reminded"
    COMPLAINED = "complained"
    COMPLAINT_OVERDUE = "complaint-overdue"
    WITH_ICO = "with-ico"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


# The TUI's colour levels (ydm.tui.backend.LEVELS): late, soon, waiting, done, draft.
LEVEL = {
    State.DRAFT: "draft", State.WAITING: "waiting", State.DUE_SOON: "soon", State.DUE_TODAY: "soon",
    State.OVERDUE: "late", State.ID_REQUESTED: "soon", State.FEE_REQUESTED: "soon", State.PAUSED: "soon",
    State.ANSWERED: "done", State.INCOMPLETE: "soon", State.REMINDED: "late", State.COMPLAINED: "waiting",
    State.COMPLAINT_OVERDUE: "late", State.WITH_ICO: "waiting", State.CLOSED: "done", State.WITHDRAWN: "done",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next. `kind` is the letter to write (None when the step is not a new letter)."""

    kind: RequestKind | None
    reason: str
    on_or_after: date | None = None  # the first day it makes sense; None = now


class Assessment(NamedTuple):
    """Everything a face needs to show one request. `due` is the end of that day.

    A NamedTuple (like `Deadline`): just as immutable as a frozen dataclass, and several times cheaper
    to build, which shows when a listing assesses 10,000 requests.
    """

    ref: str
    state: State
    status: str  # words for people: "DUE IN 5 DAYS", "OVERDUE", ...
    level: str  # late | soon | waiting | done | draft
    due: date | None = None
    due_label: str = ""  # what is due: "answer", "acknowledge your complaint", ...
    deadline: Deadline | None = None  # the statutory count behind `due`, with its steps
    answer_deadline: Deadline | None = None  # the original request's answer deadline
    days_left: int | None = None
    next_step: NextStep | None = None
    sent: date | None = None
    received: date | None = None
    last_contact: date | None = None
    ico_by: date | None = None
    warnings: tuple[str, ...] = ()


_STATUS_WORDS = {state: state.value.replace("-", " ").upper() for state in State} | {
    State.INCOMPLETE: "INCOMPLETE ANSWER",
    State.COMPLAINT_OVERDUE: "COMPLAINT UNANSWERED",
    State.WITH_ICO: "WITH THE ICO",
}  # built once: `_status` runs for every request in a listing


def _status(state: State, days_left: int | None) -> str:
    if state is State.DUE_SOON and days_left is not None:
        return "DUE TOMORROW" if days_left == 1 else f"DUE IN {days_left} DAYS"
    return _STATUS_WORDS[state]
