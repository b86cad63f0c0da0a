"""A second identical request: the same kind of letter to the same organisation while an earlier one
is still open. Every face warns before writing one (the CLI on stderr, the app in a question), from
this one rule.

Asking twice is not wrong in law, but it rarely helps: the organisation answers the first, and a
repeat may be treated as "manifestly unfounded or excessive" (UK GDPR Art 12(5), e.g. repetitive
requests), and it gives the tracker two clocks for one question. A request that is finished
(answered, withdrawn, closed) is no duplicate: asking again later, for a fresh copy, is ordinary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ydm.model import Organisation, RequestKind
from ydm.tracker import list_requests


@dataclass(frozen=True)
class Duplicate:
    ref: str
    org_name: str
    kind: RequestKind
    sent: date | None  # None: recorded as a draft
    status: str  # the tracker's words for people, e.g. "WAITING", "DRAFT"

    @property
    def words(self) -> str:
        when = f"sent on {self.sent:%-d %B %Y}" if self.sent else "kept as a draft"
        article = "an" if self.kind.value[0] in "aeiou" else "a"
        return (f"you already have {article} {self.kind.value} request to {self.org_name} ({self.ref}, {when}, "
                f"{self.status}) that is still open")


def open_duplicates(store, pairs: Iterable[tuple[Organisation | str, RequestKind]], *, today: date) -> list[Duplicate]:
    """Open requests of the same kind to the same organisation as any of `pairs` (organisation or
    its id, kind), one per pair at most, in the order of `pairs`."""
    wanted = [(org if isinstance(org, str) else org.id, RequestKind(kind)) for org, kind in pairs]
    if not wanted or store is None:
        return []
    open_ones: dict[tuple[str, RequestKind], Duplicate] = {}
    for v in list_requests(store, today=today):
        r = v.request
        if v.done or (r.org_id, r.kind) in open_ones:
            continue
        sent = next((e.on for e in r.events if e.kind.value == "sent"), None)
        open_ones[(r.org_id, r.kind)] = Duplicate(r.ref, r.org_name or r.org_id, r.kind, sent, v.label or v.status)
    found, seen = [], set()
    for key in wanted:
        if key in open_ones and key not in seen:
            seen.add(key)
            found.append(open_ones[key])
    return found
