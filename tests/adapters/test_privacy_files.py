"""QA2 C14: what ydm keeps on disk about where someone lives is readable by them alone, and the
person's own organisations (a remembered registration office reveals their area) are never copied
into the cache, where they would outlive the person deleting my_contacts.toml."""

from __future__ import annotations

import stat

from tests.adapters import samples
from tests.adapters.conftest import Reply
from tests.adapters.test_lookup import DC, cardiff_office, find
from ydm.adapters import lookup
from ydm.orgs import contacts


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_postcode_answers_in_the_http_cache_are_0600(api_server, dc_key, isolated_home):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    find("CF10 1AA")
    folder = isolated_home / "cache" / "http"
    (entry,) = folder.glob("*.json")
    assert mode(entry) == 0o600 and mode(folder) == 0o700


def test_remembered_office_is_not_copied_into_the_contacts_cache(isolated_home):
    from ydm.paths import user_contacts_file

    org = lookup.remember_office(cardiff_office())
    assert mode(user_contacts_file()) == 0o600
    directory = contacts.load()
    assert directory.get(org.id).origin == "user"
    cached = list((isolated_home / "cache").glob("contacts-*.json"))
    assert cached, "the shipped file is still cached"
    for copy in cached:
        assert mode(copy) == 0o600
        assert org.id not in copy.read_text(encoding="utf-8") and "electoralservices@cardiff" not in copy.read_text()


def test_stale_contacts_copies_are_dropped_when_the_cache_is_rebuilt(isolated_home):
    cache = isolated_home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    left_over = cache / "contacts-0123456789abcdef01234567.json"
    left_over.write_text('{"organisation": [{"id": "ero-cardiff-council"}]}')
    contacts.load()
    assert not left_over.exists()
