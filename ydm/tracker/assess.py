"""What the tracker adds to `ydm.law.escalation` (where the law lives): the organisation's home nation
(bank holidays) from the contacts directory, and a few extra consistency warnings.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ydm.model import EventKind as K
from ydm.model import Nation, Request

DONE_STATES = frozenset({"answered", "closed", "withdrawn"})


_NEEDS = {
    K.ID_PROVIDED: K.ID_REQUESTED,
    K.FEE_PAID: K.FEE_REQUESTED,
}


def extra_warnings(request: Request) -> list[str]:
    """Consistency checks escalation does not make: a reply to a request that was never made."""
    if not any(e.kind in _NEEDS for e in request.events):
        return []
    out = []
    seen: dict[K, date] = {}
    for e in sorted(request.events, key=lambda e: e.on):
        need = _NEEDS.get(e.kind)
        if need is not None and (need not in seen or seen[need] > e.on):
            out.append(f"{e.kind.value} on {e.on.isoformat()}, but no {need.value} is recorded before it")
        seen.setdefault(e.kind, e.on)
    return out


@lru_cache(maxsize=4)
def _home_nations_for(user_file: str, mtime: float) -> dict[str, Nation]:
    try:
        from ydm.orgs import contacts

        return {o.id: o.home_nation for o in contacts.load()}
    except Exception:  # noqa: BLE001 - a broken contacts file must not break the tracker: default calendar
        return {}


def home_nations() -> dict[str, Nation]:
    """org id -> home nation, from the contacts directory (loaded once per process and user file)."""
    from ydm import paths

    user = paths.user_contacts_file()
    try:
        mtime = user.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _home_nations_for(str(user), mtime)


def nation_of(request: Request) -> Nation:
    return request.nation or home_nations().get(request.org_id, Nation.ENGLAND_AND_WALES)


_home_nations = home_nations  # the old private name (bench/bench_store.py uses it)
