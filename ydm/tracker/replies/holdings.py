"""What they hold about me: read out of each request's replies (the checklist's evidence, the tables'
columns and values) and its log (sent, due, answered), per organisation and across all of them.

Inferences about political opinions are special-category data (UK GDPR Art 9(1): "personal data
revealing ... political opinions"); the report lists each one with where it was found. Whether a reply
came in time is judged against the due date the request had on the day the reply came (the tracker's
own count: Art 12(3), and Art 12A from 19 Jun 2026), not against today's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from ydm.model import EventKind, Request, RequestKind
from ydm.tracker.replies.check import FOUND, POLITICAL, rule_lines
from ydm.tracker.replies.rules import COMPILED
from ydm.tracker.views import view

_RESPONSES = (EventKind.RESPONSE_RECEIVED, EventKind.RESPONSE_INCOMPLETE)
MAX_ITEMS = 12


@dataclass
class Holdings:
    ref: str
    org: str
    kind: str
    sent: date | None
    due: date | None
    replied: date | None
    timeliness: str  # "on time", "late", "not answered", "waiting"
    days_late: int = 0
    replies: int = 0
    files: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    inferences: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    retention: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        d = dataclasses.asdict(self)
        for k in ("sent", "due", "replied"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def _first(r: Request, kind: EventKind) -> date | None:
    days = [e.on for e in r.events if e.kind is kind]
    return min(days) if days else None


def timeliness(r: Request, today: date) -> tuple[date | None, date | None, str, int]:
    """(due, first reply, on time | late | not answered | waiting, days late)."""
    replied = min((e.on for e in r.events if e.kind in _RESPONSES), default=None)
    if replied is None:
        v = view(r, today)
        if v.due and v.due < today:
            return v.due, None, "not answered", (today - v.due).days
        return v.due, None, "waiting", 0
    before = dataclasses.replace(r, events=[e for e in r.events if e.on <= replied and e.kind not in _RESPONSES])
    due = view(before, replied).due
    if due and replied > due:
        return due, replied, "late", (replied - due).days
    return due, replied, "on time", 0


def _table_columns(parts: list[dict]) -> list[str]:
    out = []
    for p in parts:
        for t in p.get("tables", ()):
            out += [c for c in t["columns"] if c and c not in out]
    return out


def _inferences(parts: list[dict]) -> list[str]:
    """Each column whose name reads as an inference (score, intention, segment...), with its first value."""
    rx = COMPILED["pol:inferred"][2]
    out = []
    for p in parts:
        for t in p.get("tables", ()):
            for col in t["columns"]:
                if col and rx.search(col.lower()):
                    s = t["samples"].get(col)
                    out.append(f"{col}: {s[0]} ({p['name']} row {s[1]})" if s else f"{col} ({p['name']}, empty)")
    return out


def holdings_of(store, ref: str, *, today: date | None = None, directory=None, request: Request | None = None
                ) -> Holdings:
    from ydm import clock
    from ydm.orgs import contacts
    from ydm.tracker.replies.check import _political

    today = today or clock.today()
    r = request or store.get(ref)
    stored = store.replies(r.ref)
    parts = [p for rep in stored for p in rep["parts"]]
    due, replied, when, late = timeliness(r, today)
    h = Holdings(r.ref, r.org_name or r.org_id, r.kind.value, _first(r, EventKind.SENT), due, replied, when, late,
                 replies=len(stored), files=[p["name"] for p in parts])
    if not stored:
        return h
    directory = directory or contacts.load()
    lines, notes = rule_lines(parts, _political(directory, r.org_id))
    corrections = store.load_check(r.ref)
    by = {x.code: x for x in lines}
    evidence = {code: (x.evidence if x.status == FOUND else []) for code, x in by.items()}
    h.categories = _table_columns(parts)[:40] or evidence.get("15(1)(b)", [])
    h.inferences = (_inferences(parts) + [e for e in evidence.get("pol:inferred", []) if " column " not in e])[:MAX_ITEMS]
    h.sources = list(dict.fromkeys(evidence.get("15(1)(g)", []) + evidence.get("pol:register", [])
                                   + evidence.get("pol:bought", [])))[:MAX_ITEMS]
    h.recipients = list(dict.fromkeys(evidence.get("15(1)(c)", []) + evidence.get("pol:recipients", [])
                                      + evidence.get("pol:audiences", [])))[:MAX_ITEMS]
    h.retention = list(dict.fromkeys(evidence.get("15(1)(d)", []) + evidence.get("pol:retention", [])))[:MAX_ITEMS]
    h.missing = [x.code for x in lines if corrections.get(x.code, x.status) != FOUND]
    h.notes = notes
    return h


def all_holdings(store, *, today: date, directory=None) -> list[Holdings]:
    """Every access request that went out (and any other with a reply), oldest first."""
    from ydm.orgs import contacts

    directory = directory or contacts.load()
    counts = store.reply_refs() if hasattr(store, "reply_refs") else {}
    out = []
    for r in store.list():
        if _first(r, EventKind.SENT) is None:
            continue
        if r.kind is not RequestKind.ACCESS and not counts.get(r.id):
            continue
        out.append(holdings_of(store, r.ref, today=today, directory=directory, request=r))
    return out


__all__ = ["POLITICAL", "Holdings", "all_holdings", "holdings_of", "timeliness"]
