"""The organisations half of the TUI's door to the core (`Backend` inherits it): the one search, register
cautions, elected parties and the person's own organisations. Kept apart so each file stays about one thing;
it relies on `Backend` for `directory`, `_directory` and `_lock`."""

from __future__ import annotations

from datetime import date
from typing import Any

from ydm.model import Category, Organisation

# With no search words, parties and campaigners come first: they are what this app is about.
CATEGORY_ORDER = {
    category: rank
    for rank, category in enumerate(
        (
            Category.PARTY,
            Category.CAMPAIGNER,
            Category.BROKER,
            Category.PLATFORM,
            Category.ERO,
            Category.REGULATOR,
            Category.OTHER,
        )
    )
}


class OrganisationsDoor:
    _directory: Any
    _lock: Any
    directory: Any

    def search_orgs(self, query: str = "", category: str | Category | None = None) -> list[Organisation]:
        """The one search (shipped, own, register entries; typos forgiven); no query: parties first."""
        found = self.find_orgs(query, category).orgs  # sorted() is stable: name order kept within a kind
        return found if query.strip() else sorted(found, key=lambda o: CATEGORY_ORDER.get(o.category, 99))

    def find_orgs(self, query: str = "", category: str | Category | None = None) -> Any:
        """`ydm.orgs.search.Result`: the hits, and `message` saying a typo was forgiven or what to try."""
        from ydm.orgs.search import search

        return search(self.directory, query, category)

    def register_cautions(self, orgs: list[Organisation], today: date) -> list[str]:
        """Lapsed registrations and old register files among these recipients (none for shipped ones)."""
        from ydm.service import registers

        return registers.cautions(orgs, today) if any(o.origin in ("ico", "ec") for o in orgs) else []

    def local_parties_near(self, party_id: str, person: Any) -> Any:
        """A party's local units from the imported Electoral Commission register, those whose names match
        the person's town first (`service.registers.LocalParties`). Matched here on the person's own
        address lines: no postcode is sent anywhere to find the constituency (`ydm orgs --local-to
        PARTY --postcode` can, when asked)."""
        from ydm.service import registers

        lines = tuple(person.address) if person is not None else ()
        town = " ".join(lines[1:] if len(lines) > 1 else lines)
        return registers.local_parties(self.directory, party_id, area=town)

    def parties_elected_in(self, nation: str) -> list[Organisation]:
        return self.directory.parties_elected_in(nation)

    def get_org(self, org_id: str) -> Organisation:
        return self.directory.get(org_id)

    def add_organisation(self, **fields: Any) -> Organisation:
        from ydm.orgs import user_contacts

        org = user_contacts.add(
            fields.get("display_name", ""), fields.get("category", "other"), email=fields.get("email", ""),
            postal_address=fields.get("postal_address", ()), webform=fields.get("webform", ""),
        )
        with self._lock:
            self._directory = None  # reload with the new one merged in
        return self.directory.get(org.id)

