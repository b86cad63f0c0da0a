"""Adapter: one request + today -> the tracker's view of it, via `ydm.escalation` (the law lives there).

Adds what only the tracker knows: the organisation's home nation (bank holidays) from the contacts
directory, and a few extra consistency warnings (an answer to a question that was never asked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ydm.model import EventKind as K
from ydm.model import Nation, Request, RequestKind

DONE_STATES = frozenset({"answered", "closed", "withdrawn"})


@dataclass
class Assessment:
    status: str  # escalation State value: draft, waiting, due-soon, overdue, reminded, complained, ...
    label: str = ""  # the words for people: "DUE IN 5 DAYS"
    level: str = ""  # late | soon | waiting | done | draft (TUI colours)
    due: date | None = None
    due_label: str = ""
    explanation: list[str] = field(default_factory=list)
    next_kind: RequestKind | None = None  # a letter to write now
    next_on: date | None = None  # a letter that will be due from this day
    next_later: RequestKind | None = None
    next_reason: str = ""
    ico_by: date | None = None
    warnings: list[str] = field(default_factory=list)


_NEEDS = {
    K.ID_PROVIDED: K.ID_REQUESTED,
    K.FEE_PAID: K.FEE_REQUESTED,
}


def extra_warnings(request: Request) -> list[str]:
    """Consistency checks escalation does not make: a reply to a request that was never made."""
    out = []
    seen: dict[K, date] = {}
    for e in sorted(request.events, key=lambda e: e.on):
        need = _NEEDS.get(e.kind)
        if need is not None and (need not in seen or seen[need] > e.on):
            out.append(f"{e.kind.value} on {e.on.isoformat()}, but no {need.value} is recorded before it")
        seen.setdefault(e.kind, e.on)
    return out


@lru_cache(maxsize=1)
def _home_nations() -> dict[str, Nation]:
    """org id -> home nation, from the contacts directory (loaded once per process)."""
    try:
        from ydm import contacts

        return {o.id: o.home_nation for o in contacts.load()}
    except Exception:  # noqa: BLE001 - a broken contacts file must not break the tracker: default calendar
        return {}


def nation_of(request: Request) -> Nation:
    return request.nation or _home_nations().get(request.org_id, Nation.ENGLAND_AND_WALES)


def assess(request: Request, today: date) -> Assessment:
    from ydm import escalation

    a = escalation.assess(request, today, nation=nation_of(request))
    step = a.next_step
    now = step is not None and step.kind is not None and not step.kind.is_initial and (
        step.on_or_after is None or step.on_or_after <= today)
    later = step is not None and step.kind is not None and not step.kind.is_initial and not now
    return Assessment(
        status=a.state.value,
        label=a.status,
        level=a.level,
        due=a.due,
        due_label=a.due_label,
        explanation=list(a.deadline.steps) if a.deadline is not None else [],
        next_kind=step.kind if now else None,
        next_on=step.on_or_after if later else None,
        next_later=step.kind if later else None,
        next_reason=step.reason if step else "",
        ico_by=a.ico_by,
        warnings=[*a.warnings, *extra_warnings(request)],
    )
