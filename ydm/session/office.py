"""The registration-office lookup as the guided session makes it: only the postcode leaves the machine,
and nothing about it reaches the disk.

Kept apart from `session` (the question flow) because this is the one place a patron's detail (the
postcode, or the chosen address id) goes over the network, so what is sent and what is cached can be
checked in one short file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ydm import clock
from ydm.model import Organisation

Lookup = Callable[..., Organisation | list[tuple[str, str]] | None]  # (postcode[, address id])


def named_once(office: Organisation) -> Organisation:
    """The office with its name as the first address line when the name already says "registration
    officer" (typed as "Fife Council Electoral Registration Officer", say): `letters.recipient_block`
    then adds neither the role nor the name again, so the block does not read "Electoral
    Registration Officer, Fife Council Electoral Registration Officer"."""
    name = office.display_name
    if "registration officer" not in name.casefold() or any(
            name.casefold() in line.casefold() for line in office.postal_address):
        return office
    return replace(office, postal_address=(name, *office.postal_address))


def default_lookup(postcode: str, address: str | None = None):
    """The registration office for a postcode (an Organisation), or for a postcode split between
    councils the (slug, address) choices. The HTTP cache is kept in memory: nothing reaches the disk."""
    from ydm.adapters import lookup
    from ydm.adapters.http import HttpClient

    with HttpClient(cache=MemoryCache()) as client:
        result = lookup.find_office(postcode, address=address, client=client)
    if result.office:
        return lookup.office_as_organisation(result.office)
    return [(c.slug, c.address) for c in result.choices] or None


class MemoryCache:
    """Stands in for `ydm.adapters.http.Cache`: the answer for a patron's postcode must not reach the disk."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[Any, float]] = {}

    def get(self, url: str, ttl: float, *, now: float | None = None, allow_stale: bool = False):
        hit = self._data.get(url)
        return None if hit is None else (hit[0], hit[1], False)

    def put(self, url: str, data: Any, *, now: float | None = None) -> None:
        self._data[url] = (data, clock.timestamp() if now is None else now)

    def prune(self, max_age: float | None = None) -> None:
        pass

    def clear(self) -> int:
        count = len(self._data)
        self._data.clear()
        return count
