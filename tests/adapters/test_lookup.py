"""ydm.adapters.lookup against a real server on 127.0.0.1 serving answers shaped like the two APIs."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.adapters import samples
from tests.adapters.conftest import Reply
from ydm.adapters import lookup
from ydm.adapters.http import HttpClient
from ydm.errors import InputError, NetworkError, NotFoundError
from ydm.model import Category, Nation

TODAY = date(2026, 11, 26)
DC = "/dc/api/v1"
EC = "/ec/api/v1"


@pytest.fixture(autouse=True)
def on_test_day(wall_clock):
    """The HTTP cache stamps answers with the wall clock, and a cached office is dated the day it was
    fetched: the clock is moved to TODAY so that both agree with the date the tests pass in."""
    wall_clock(TODAY)


def find(postcode, **kw):
    kw.setdefault("today", TODAY)
    return lookup.find_office(postcode, **kw)


def test_found_uses_registration_contact(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    result = find("cf10 1aa")
    office = result.office
    assert result.postcode == "CF10 1AA" and not result.needs_address and result.provider == "democracy-club"
    assert office.name == "Cardiff Council"
    assert office.address == ("Electoral Registration Officer", "City of Cardiff Council", "County Hall Atlantic Wharf")
    assert office.postcode == "CF10 4UW" and office.email == "electoralservices@cardiff.gov.uk"
    assert (office.nation, office.contact, office.source) == ("wales", "registration", "democracy-club")
    assert office.council_id == "CRF"


def test_only_the_postcode_and_token_are_sent(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    find("CF10 1AA")
    (seen,) = api_server.seen
    assert seen.method == "GET" and seen.path == f"{DC}/postcode/CF101AA/"
    assert seen.query == {"auth_token": [dc_key]}
    assert seen.body == b""
    allowed = {"host", "user-agent", "accept", "accept-encoding", "connection"}
    assert set(seen.headers) <= allowed, set(seen.headers) - allowed
    assert "cookie" not in seen.headers and "authorization" not in seen.headers


def test_electoral_commission_uses_token_param(api_server, ec_key):
    api_server.route(f"{EC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    result = find("CF10 1AA", provider="electoral-commission")
    assert result.office.source == "electoral-commission"
    assert api_server.seen[0].query == {"token": [ec_key]}


def test_provider_preference_from_config(api_server, dc_key, ec_key, isolated_home):
    (isolated_home / "config").mkdir()
    (isolated_home / "config" / "lookup.toml").write_text('provider = "electoral-commission"\n')
    api_server.route(f"{EC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    assert find("CF10 1AA").provider == "electoral-commission"


def test_scotland_separate_registration_body(api_server, dc_key):
    api_server.route(f"{DC}/postcode/EH11YJ/", Reply(200, samples.EDINBURGH))
    office = find("EH1 1YJ").office
    assert office.name == "Lothian Valuation Joint Board"
    assert office.email == "ero@lothian-vjb.gov.uk" and office.postcode == "EH12 9FL"
    assert office.nation == "scotland" and office.contact == "registration"


def test_registration_null_falls_back_to_electoral_services(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.NO_REGISTRATION))
    office = find("CF10 1AA").office
    assert office.contact == "electoral_services" and office.name == "Cardiff Council"


def test_split_postcode_offers_choices_then_address(api_server, dc_key):
    api_server.route(f"{DC}/postcode/WV148TU/", Reply(200, samples.SPLIT))
    api_server.route(f"{DC}/address/10035187882/", Reply(200, samples.DUDLEY))
    result = find("WV14 8TU")
    assert result.needs_address and result.office is None
    assert [c.slug for c in result.choices] == ["10035187881", "10035187882"]
    assert result.choices[1].address == "2 Example Road, Coseley, Bilston"
    data = result.as_dict()
    assert data["status"] == "choose-address" and data["addresses"][1]["number"] == 2
    slug = lookup.choice_slug(result, 2)
    office = find("WV14 8TU", address=slug).office
    assert office.name == "Dudley Metropolitan Borough Council" and office.contact == "electoral_services"
    assert api_server.seen[-1].path == f"{DC}/address/10035187882/"
    assert api_server.seen[-1].query == {"auth_token": [dc_key]}
    with pytest.raises(InputError):
        lookup.choice_slug(result, 3)


def test_bad_address_slug_is_refused_before_sending(api_server, dc_key):
    with pytest.raises(InputError):
        find("WV14 8TU", address="../../etc")
    assert api_server.seen == []


def test_unknown_postcode(api_server, dc_key):
    api_server.route(f"{DC}/postcode/AB999ZZ/", Reply(400, samples.NOT_FOUND))
    with pytest.raises(NotFoundError) as err:
        find("AB99 9ZZ")
    assert str(err.value) == "Democracy Club does not know the postcode AB99 9ZZ (Could not geocode from any source)"


def test_refused_key(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(403, {"message": "Forbidden"}))
    with pytest.raises(InputError) as err:
        find("CF10 1AA")
    assert "ydm config set-key democracy-club" in str(err.value)
    assert dc_key not in str(err.value)


def test_500_then_success(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(500, {"detail": "oops"}), Reply(200, samples.CARDIFF))
    assert find("CF10 1AA").office.name == "Cardiff Council"
    assert len(api_server.seen) == 2


def test_slow_server_gives_network_error(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF, delay=1.0))
    with HttpClient(timeout=0.2, retries=0) as c, pytest.raises(NetworkError) as err:
        find("CF10 1AA", client=c)
    assert "did not answer within 0.2 s" in str(err.value)


@pytest.mark.parametrize("body", [b"{not json", b"", b"<html>Bad gateway</html>"])
def test_malformed_json(api_server, dc_key, body):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, body))
    with pytest.raises(NetworkError) as err:
        find("CF10 1AA")
    assert "not valid JSON" in str(err.value)


@pytest.mark.parametrize("body", [[1, 2], {"detail": "?"}, {"address_picker": False, "registration": "x"},
                                  {"address_picker": True, "addresses": "nope"}])
def test_wrong_shape(api_server, dc_key, body):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, body))
    with pytest.raises(NetworkError) as err:
        find("CF10 1AA")
    assert "cannot read" in str(err.value)


def test_no_contact_at_all_is_not_found(api_server, dc_key):
    body = dict(samples.SPLIT, address_picker=False, addresses=[])
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, body))
    with pytest.raises(NotFoundError):
        find("CF10 1AA")


def test_northern_ireland_is_eoni_without_any_request(api_server):
    result = find("BT1 1AA")  # no key set: none needed
    assert result.office.source == "eoni" and result.office.nation == "northern-ireland"
    assert result.office.checked_on == "2026-11-26"
    assert api_server.seen == []


def test_northern_ireland_answer_from_api_is_eoni(api_server, dc_key):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.NORTHERN_IRELAND))
    assert find("CF10 1AA").office.council_id == "EONI"


def test_no_key_explains_how_to_get_one(api_server):
    with pytest.raises(lookup.MissingKeyError) as err:
        find("CF10 1AA")
    assert "ydm config set-key democracy-club" in str(err.value)
    assert "YDM_DEMOCRACY_CLUB_KEY" in str(err.value)  # the way on a computer without a keyring
    assert "--manual" in str(err.value)
    assert api_server.seen == []


def test_a_key_from_the_environment_is_used_without_a_keyring(api_server, monkeypatch):
    monkeypatch.setenv("YDM_DEMOCRACY_CLUB_KEY", "env-key-123")
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.NORTHERN_IRELAND))
    assert find("CF10 1AA").office.council_id == "EONI"
    assert len(api_server.seen) == 1


def test_unknown_provider():
    with pytest.raises(InputError):
        find("CF10 1AA", provider="wheredoivote")


def test_malformed_postcode_is_refused_before_sending(api_server, dc_key):
    with pytest.raises(InputError) as err:
        find("CF10 1A")
    assert "not a UK postcode" in str(err.value)
    assert api_server.seen == []


def test_cache_is_trimmed_token_free_and_used(api_server, dc_key, isolated_home):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF_WITH_BALLOT))
    first = find("CF10 1AA")
    second = find("CF10 1AA")
    assert second.from_cache and second.office == first.office
    assert len(api_server.seen) == 1
    (entry,) = (isolated_home / "cache" / "http").glob("*.json")
    text = entry.read_text()
    for absent in (dc_key, "CF101AA", "candidates", "Candidate Example", "coordinates", "postcode_location"):
        assert absent not in text


def test_offline_uses_an_expired_cached_answer(api_server, dc_key, isolated_home):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    find("CF10 1AA")
    (entry,) = (isolated_home / "cache" / "http").glob("*.json")
    stored = json.loads(entry.read_text())
    stored["stored_at"] -= 3 * 86400
    entry.write_text(json.dumps(stored))
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(503, ""))
    result = find("CF10 1AA")
    assert result.stale and result.office.name == "Cardiff Council"
    assert result.notes and result.notes[0].startswith("Offline")


def test_offline_without_cache_is_a_network_error(dead_url, dc_key):
    with pytest.raises(NetworkError) as err:
        find("CF10 1AA")
    assert "could not connect" in str(err.value)


def test_broken_keyring_means_no_key(monkeypatch):
    from keyring.errors import KeyringError

    def broken(*_):
        raise KeyringError("no backend")

    monkeypatch.setattr("ydm.adapters.secrets.get_secret", broken)
    assert lookup.api_key("democracy-club") is None


# --- offices as organisations ------------------------------------------------------------------


def cardiff_office():
    return lookup.parse_answer(samples.CARDIFF, "democracy-club", today=TODAY)[0]


def test_office_as_organisation():
    org = lookup.office_as_organisation(cardiff_office())
    assert org.id == "ero-cardiff-council" and org.category is Category.ERO
    assert org.display_name == "Cardiff Council" and "ero" in org.aliases
    assert org.postal_address[-1] == "CF10 4UW" and org.postal_address[0] == "Electoral Registration Officer"
    assert org.email == "electoralservices@cardiff.gov.uk" and org.phone == "029 2087 2034"
    assert org.nations == ("wales",) and org.has_channel
    assert org.sources[0].date == "2026-11-26" and "Democracy Club" in org.sources[0].ref
    assert org.last_verified == "2026-11-26"


def test_scottish_office_has_scottish_calendar():
    office = lookup.parse_answer(samples.EDINBURGH, "democracy-club", today=TODAY)[0]
    org = lookup.office_as_organisation(office)
    assert org.home_nation is Nation.SCOTLAND
    assert org.postal_address[0] == "Lothian Valuation Joint Board"


def test_letter_is_addressed_to_the_officer():
    from ydm.letters.render import recipient_block

    office = lookup.manual_office("Cardiff Council", ["County Hall", "Atlantic Wharf", "Cardiff CF10 4UW"])
    org = lookup.office_as_organisation(office)
    assert org.postal_address == ("County Hall", "Atlantic Wharf", "Cardiff", "CF10 4UW")
    lines, missing = recipient_block(org)
    assert not missing and lines[:2] == ("Electoral Registration Officer", "Cardiff Council")
    lines, _ = recipient_block(lookup.office_as_organisation(cardiff_office()))
    assert lines[0] == "Electoral Registration Officer" and lines.count("Electoral Registration Officer") == 1


def test_eoni_as_organisation():
    org = lookup.office_as_organisation(find("BT7 1NN").office)
    assert org.id == "ero-eoni" and org.home_nation is Nation.NORTHERN_IRELAND
    assert org.sources and org.sources[0].ref.startswith("http://www.eoni.org.uk/Utility/About-EONI")
    assert "15 Church Street" in org.postal_address and org.email == "info@eoni.org.uk"


def test_bad_email_from_api_is_dropped():
    from dataclasses import replace

    org = lookup.office_as_organisation(replace(cardiff_office(), email="call us"))
    assert org.email == "" and org.has_channel


def test_remember_office_writes_a_loadable_user_organisation(isolated_home):
    from ydm.orgs import contacts
    from ydm.paths import user_contacts_file

    org = lookup.remember_office(cardiff_office())
    text = user_contacts_file().read_text()
    assert "CF10 1AA" not in text  # the person's postcode never goes in
    orgs, problems = contacts.parse_file(user_contacts_file(), "user")
    assert problems == [] and [o.id for o in orgs] == [org.id]
    assert orgs[0].category is Category.ERO and orgs[0].postal_address == org.postal_address
    assert orgs[0].sources == org.sources
    assert lookup.remembered_offices()[0].id == org.id
    directory = contacts.load()
    assert directory.get(org.id).origin == "user"


def test_remember_replaces_same_id_and_keeps_other_entries(isolated_home):
    from dataclasses import replace

    from ydm.paths import user_contacts_file

    path = user_contacts_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        '# my own list\n\n[[organisation]]\nid = "my-gym"\ndisplay_name = "My Gym"\ncategory = "other"\n'
        'email = "dpo@gym.example"\n'
    )
    lookup.remember_office(cardiff_office())
    lookup.remember_office(replace(cardiff_office(), email="new@cardiff.gov.uk"))
    text = path.read_text()
    assert text.startswith("# my own list") and text.count("[[organisation]]") == 2
    ids = [o.id for o in lookup.remembered_offices()]
    assert ids == ["ero-cardiff-council"]
    assert lookup.remembered_offices()[0].email == "new@cardiff.gov.uk"
    assert 'id = "my-gym"' in text


def test_remember_refuses_to_damage_a_broken_file(isolated_home):
    from ydm.errors import DataError
    from ydm.paths import user_contacts_file

    path = user_contacts_file()
    path.parent.mkdir(parents=True)
    path.write_text("this is = = not toml\n")
    with pytest.raises(DataError):
        lookup.remember_office(cardiff_office())
    assert path.read_text() == "this is = = not toml\n"
    assert list(path.parent.glob(".my_contacts.*")) == []


def test_manual_office():
    office = lookup.manual_office(
        "Lothian Valuation Joint Board", ["Electoral Registration Officer", "17A South Gyle Crescent",
                                          "Edinburgh", "eh12 9fl"], email="ero@lothian-vjb.gov.uk", today=TODAY)
    assert office.postcode == "EH12 9FL" and office.address[-1] == "Edinburgh"
    assert office.nation == "scotland" and office.source == "user" and office.checked_on == "2026-11-26"
    org = lookup.office_as_organisation(office)
    assert org.sources[0].ref == "typed in by the user" and org.home_nation is Nation.SCOTLAND


@pytest.mark.parametrize("name, lines, email", [("", ["1 Road"], ""), ("X", [" "], ""), ("X", ["1 Road"], "nope")])
def test_manual_office_needs_name_address_and_a_real_email(name, lines, email):
    with pytest.raises(InputError):
        lookup.manual_office(name, lines, email=email)


def test_address_lines_with_escaped_newlines():
    body = dict(samples.CARDIFF, registration=dict(samples.CARDIFF["registration"],
                                                   address="Electoral Registration Officer\\nCounty Hall"))
    office = lookup.parse_answer(body, "democracy-club", today=TODAY)[0]
    assert office.address == ("Electoral Registration Officer", "County Hall")


def test_use_cache_false_writes_nothing(api_server, dc_key, isolated_home):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    assert find("CF10 1AA", use_cache=False).office.name == "Cardiff Council"
    assert find("CF10 1AA", use_cache=False).from_cache is False
    assert len(api_server.seen) == 2
    assert not (isolated_home / "cache").exists()


def test_picker_for_polling_districts_within_one_council_needs_no_address(api_server, dc_key):
    body = dict(samples.SPLIT, electoral_services=samples.CARDIFF_ES, registration=None)
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, body))
    result = find("CF10 1AA")
    assert not result.needs_address and result.office.name == "Cardiff Council" and result.choices == ()
