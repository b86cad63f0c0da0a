"""`ydm replies add`: read every file first, match each reply to its request, check its date against
the request's log, and only then store them all (encrypted) in one transaction, with the
`response-received` event that moves the request's status and due dates on.

Nothing is stored when anything fails (a cap, an unreadable file, an unknown reference, a date
before the request was sent): the store is as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ydm import clock
from ydm.errors import InputError
from ydm.model import Event, EventKind
from ydm.tracker.order import impossible
from ydm.tracker.replies import formats, match, unpack


@dataclass
class Taken:
    """One reply as stored (or, with `skipped`, found already stored)."""

    ref: str
    org: str
    on: date
    dated_by: str
    matched: str
    files: list[str]
    event_added: bool
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)


def _read_parts(inc: unpack.Incoming) -> list[tuple[dict, bytes]]:
    out = []
    for part in inc.parts:
        meta, warnings = formats.read(part.name, part.data, part.kind)
        meta["sha256"] = hashlib.sha256(part.data).hexdigest()
        inc.warnings += warnings
        out.append((meta, part.data))
    return out


def add_replies(store, paths: list[str], *, today: date, directory, ref: str | None = None,
                on: date | None = None, choose: Callable[[match.NeedRef], str] | None = None,
                incoming: list[unpack.Incoming] | None = None) -> list[Taken]:
    """Take in the replies in `paths` (or the `incoming` already read: fetched messages). `choose`
    answers a `NeedRef` (a terminal's question); without it the NeedRef goes up, naming what to give."""
    if on is not None and on > today:
        raise InputError(f"--on {on.isoformat()} is in the future (today is {today.isoformat()})")
    incoming = unpack.read_inputs(paths) if incoming is None else incoming
    if not incoming:
        raise InputError("nothing to take in: give the reply's files (.eml, .mbox, a Maildir, PDF, CSV, ...)")
    batch, taken = [], []
    events: dict[str, list[date]] = {}
    for inc in incoming:
        parts = _read_parts(inc)
        texts = [m["name"] + "\n" + m["text"][:20000] for m, _ in parts]
        try:
            found, how = match.match(store, subject=inc.subject, sender=inc.sender, texts=texts,
                                     source=inc.source, directory=directory, ref=ref)
        except match.NeedRef as need:
            if choose is None:
                raise
            found, how = store.get(choose(need)).ref, "chosen"
        r = store.get(found)
        when, dated_by = (on, "given") if on else (inc.on or today, inc.dated_by or "today")
        if when > today and dated_by == "file":  # a file copied or saved later than "today" says nothing
            when, dated_by = today, "today"
        if when > today:
            raise InputError(f"{inc.source} is dated {when.isoformat()}, in the future; give --on DATE")
        known = {p.get("sha256") for rep in store.replies(r.ref) for p in rep["parts"]}
        known |= {m["sha256"] for item in batch if item[0] == r.ref for m, _ in item[2]}
        names = [m["name"] for m, _ in parts]
        if parts and all(m["sha256"] in known for m, _ in parts):
            taken.append(Taken(r.ref, r.org_name or r.org_id, when, dated_by, how, names, False, skipped=True,
                               warnings=[f"{inc.source}: already taken in for {r.ref}; not stored again"]))
            continue
        event = Event(EventKind.RESPONSE_RECEIVED, when, note=f"reply taken in ({len(parts)} file(s))",
                      data={"reply": True})
        seen = events.setdefault(r.ref, [e.on for e in r.events if e.kind is EventKind.RESPONSE_RECEIVED])
        add_event = when not in seen
        if add_event:
            problem = impossible(r, event)
            if problem:
                raise InputError(f"{inc.source}: {problem}; nothing was stored",
                                 hint="check the date, or give --on DATE")
            seen.append(when)
        head = {"received": when.isoformat(), "dated_by": dated_by, "subject": inc.subject, "sender": inc.sender,
                "source": inc.source, "matched": how, "added": clock.now().isoformat(timespec="seconds")}
        batch.append((r.ref, head, parts, event if add_event else None))
        taken.append(Taken(r.ref, r.org_name or r.org_id, when, dated_by, how, names, add_event,
                           warnings=inc.warnings))
    if batch:
        store.add_replies(batch)
    return taken
