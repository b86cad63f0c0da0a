"""Loading, validating, merging and searching organisations."""

from __future__ import annotations

import tomllib

import pytest

from ydm import paths
from ydm.errors import DataError, NotFoundError
from ydm.model import Category
from ydm.orgs import contacts


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def test_every_researched_organisation_is_shipped(directory):
    draft = paths.shipped("party_contacts.toml")
    ids = [o["id"] for o in tomllib.loads(draft.read_text(encoding="utf-8"))["organisation"]]
    assert len(directory) == len(ids) >= 40
    assert {o.category for o in directory} >= {Category.PARTY, Category.BROKER, Category.PLATFORM, Category.REGULATOR,
                                               Category.CAMPAIGNER}


def test_facts_come_with_sources_and_confidence(directory):
    libdems = directory.get("libdems")
    assert libdems.email and libdems.postal_address
    assert libdems.sources and all(s.ref for s in libdems.sources)
    assert libdems.confidence.get("email") in {"high", "medium", "low"}
    assert libdems.last_verified


@pytest.mark.parametrize("query, expected", [
    ("sinn fein", "sinn-fein"), ("SINN FÉIN", "sinn-fein"), ("Sinn Féin", "sinn-fein"), ("lib dems", "libdems"),
    ("tories", "conservatives"), ("plaid", "plaid-cymru"), ("facebook", "meta"), ("emmas diary", "lifecycle-emmas-diary"),
    ("experian", "experian"),
])
def test_search_is_case_and_accent_insensitive(directory, query, expected):
    assert directory.search(query)[0].id == expected


def test_search_filters_by_category(directory):
    brokers = directory.search("", Category.BROKER)
    assert brokers and all(o.category is Category.BROKER for o in brokers)
    assert not directory.search("labour", "broker")


def test_unknown_organisation_suggests_closest(directory):
    with pytest.raises(NotFoundError) as err:
        directory.get("labur")
    assert "labour" in str(err.value)


def test_parties_elected_in_each_nation(directory):
    ni = {o.id for o in directory.parties_elected_in("northern-ireland")}
    assert {"sinn-fein", "dup", "alliance-ni", "sdlp", "uup"} <= ni
    assert "conservatives" not in ni and "snp" not in ni
    assert "snp" in {o.id for o in directory.parties_elected_in("scotland")}
    assert "plaid-cymru" in {o.id for o in directory.parties_elected_in("wales")}
    england = {o.id for o in directory.parties_elected_in("england")}
    assert {"labour", "conservatives", "libdems"} <= england and "snp" not in england


def test_user_file_is_merged_over_shipped(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[organisation]]\nid = "local-campaign"\ndisplay_name = "Save Our Park Campaign"\ncategory = "campaigner"\n'
        'postal_address = ["1 Park Lane", "Leeds", "LS1 1AA"]\n'
        '[[organisation]]\nid = "libdems"\ndisplay_name = "Liberal Democrats (my contact)"\ncategory = "party"\n'
        'email = "me-found-this@libdems.example"\n',
        encoding="utf-8",
    )
    directory = contacts.load(user=user)
    assert directory.get("local-campaign").origin == "user"
    assert directory.get("libdems").email == "me-found-this@libdems.example"
    assert directory.search("save our park")[0].id == "local-campaign"


def test_validation_names_file_organisation_and_field(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[organisation]]\nid = "Bad Id"\ndisplay_name = "X"\ncategory = "party"\n'
        '[[organisation]]\nid = "shop"\ndisplay_name = "Shop"\ncategory = "retailer"\nemail = "not-an-email"\n'
        'webform = "ftp://x"\nnations = ["england", "mars"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        contacts.load(user=bad)
    text = str(err.value)
    assert "bad.toml: organisation 'Bad Id': field 'id'" in text
    assert "organisation 'shop': field 'category'" in text
    assert "organisation 'shop': field 'email'" in text
    assert "organisation 'shop': field 'webform'" in text
    assert "'mars'" in text


def test_broken_toml_is_a_clear_error(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[[organisation]\nid=", encoding="utf-8")
    with pytest.raises(DataError, match="broken.toml is not valid TOML"):
        contacts.load(user=bad)


def test_no_invented_addresses_for_unknown_channels(directory):
    """Organisations the research found no contact for stay without one."""
    for org_id in ("sinn-fein", "caci", "sagacity"):
        org = directory.get(org_id)
        assert not org.has_channel


def test_parties_with_seats_but_no_researched_contact_are_listed_without_inventing_one(directory):
    """People Before Profit holds an NI Assembly seat (representation.toml) but has no contact record:
    it is listed, so "all elected parties in Northern Ireland" is complete, with every channel empty."""
    pbp = directory.get("people-before-profit")
    assert pbp.category is Category.PARTY
    assert not (pbp.postal_address or pbp.email or pbp.webform)
    assert pbp.sources and pbp.seats and "not researched" in pbp.notes
    assert "people-before-profit" in {o.id for o in directory.parties_elected_in("northern-ireland")}
    assert directory.search("pbp")[0].id == "people-before-profit"


def test_the_build_script_lists_only_parties_not_people(tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_contacts.py"
    spec = importlib.util.spec_from_file_location("build_contacts", script)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    representation = {"ni_assembly": {"party": [
        {"id": "", "name": "People Before Profit", "seats": 1, "source": "ark.ac.uk", "date": "2022-05-05"},
        {"id": "", "name": "Independents (two)", "seats": 2},
        {"id": "sinn-fein", "name": "Sinn Féin", "seats": 27},
        {"id": "", "name": "Gone Party", "seats": 0},
    ]}, "house_of_commons": {"party": [{"id": "", "name": "Speaker", "seats": 1}]}}
    found = build.unresearched_parties(representation)
    assert [p["id"] for p in found] == ["people-before-profit"]
    assert found[0]["nations"] == ["northern-ireland"] and found[0]["seats"][0]["seats"] == 1
