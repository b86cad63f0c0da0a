"""The registration-office lookup inside a session: real HTTP server on 127.0.0.1, in-memory keyring,
and the answer for the patron's postcode never cached on disk."""

from __future__ import annotations

from tests.adapters import samples
from tests.adapters.conftest import Reply, api_server, dc_key, memory_keyring  # noqa: F401 - fixtures
from ydm import paths
from ydm.session.flow import Session, default_lookup

from .conftest import PATRON, TODAY, scan

DC = "/dc/api/v1"


def test_found_office_is_offered_and_nothing_is_cached(api_server, dc_key, fresh_dirs):  # noqa: F811
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    s = Session(today=TODAY)  # the real lookup
    s.answer("goal", "stop-sold")
    for qid, value in (("name", PATRON), ("postcode", "CF10 1AA"), ("address", "1 Quay St, Cardiff"),
                       ("email", "")):
        s.answer(qid, value)
    assert s.needs_lookup()
    s.look_up_office()
    q = s.current()
    assert q.id == "office" and "Cardiff Council" in q.options[0].label
    s.answer("office", "found")
    (seen,) = api_server.seen
    assert seen.path == f"{DC}/postcode/CF101AA/"  # only the postcode went out
    assert not (paths.cache_dir() / "http").exists()
    assert scan(fresh_dirs.values(), needles=(PATRON, "CF10 1AA", "CF101AA")) == []


def test_offline_or_no_key_falls_back_to_typing_the_address(api_server, fresh_dirs):  # noqa: F811
    s = Session(today=TODAY)
    s.answer("goal", "stop-sold")
    for qid, value in (("name", PATRON), ("postcode", "CF10 1AA"), ("address", "1 Quay St, Cardiff"),
                       ("email", "")):
        s.answer(qid, value)
    s.look_up_office()  # no key in the keyring: the manual path
    assert s.current().id == "office_name"
    assert api_server.seen == []


def test_default_lookup_returns_an_organisation(api_server, dc_key):  # noqa: F811
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    org = default_lookup("CF10 1AA")
    assert org.category.value == "ero" and "CF10 4UW" in org.postal_address


def _to_office_question(s: Session, postcode: str) -> None:
    s.answer("goal", "stop-sold")
    for qid, value in (("name", PATRON), ("postcode", postcode), ("address", "2 Example Road, Coseley"),
                       ("email", "")):
        s.answer(qid, value)


def test_split_postcode_asks_which_address_then_looks_that_up(api_server, dc_key, fresh_dirs):  # noqa: F811
    api_server.route(f"{DC}/postcode/WV148TU/", Reply(200, samples.SPLIT))
    api_server.route(f"{DC}/address/10035187882/", Reply(200, samples.DUDLEY))
    s = Session(today=TODAY)
    _to_office_question(s, "WV14 8TU")
    s.look_up_office()
    q = s.current()
    assert q.id == "office_pick" and [o.label for o in q.options][:2] == [
        "1 Example Road, Coseley, Bilston", "2 Example Road, Coseley, Bilston"]
    s.answer("office_pick", "10035187882")
    assert s.needs_lookup()
    s.look_up_office()
    assert not s.needs_lookup()
    q = s.current()
    assert q.id == "office" and "Dudley" in q.options[0].label
    assert [seen.path for seen in api_server.seen] == [f"{DC}/postcode/WV148TU/", f"{DC}/address/10035187882/"]
    s.back()  # changing the address choice forgets the office found for it
    assert s.current().id == "office_pick" and s.office is None
    s.answer("office_pick", "manual")
    assert not s.needs_lookup() and s.current().id == "office_name"
    assert not (paths.cache_dir() / "http").exists()
