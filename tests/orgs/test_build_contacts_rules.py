"""The rules scripts/build_contacts.py applies when it rebuilds party_contacts.toml, on small made-up
data (not the shipped example): listed seat changes applied by date, the default among several
addresses, and later checks merged over the researched draft."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_contacts_rules", ROOT / "scripts" / "build_contacts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chamber(rows, changes, confirmed=None):
    body = {"party": rows, "change": changes}
    if confirmed is not None:
        body["current_composition_confirmed"] = confirmed
    return {"senedd": body}


def rows_of(result):
    return {(r.get("id") or r["name"]): r for r in result["senedd"]["party"]}


def test_changes_after_a_count_are_added_and_those_before_it_are_already_in_it(build):
    data = chamber(
        [{"id": "red", "name": "Red", "seats": 10, "date": "2020-01-01", "status": "confirmed"},
         {"id": "blue", "name": "Blue", "seats": 5, "date": "2021-06-01", "status": "confirmed"}],
        [{"date": "2021-03-01", "seats": {"red": -1, "blue": 1}},   # before Blue's count: Blue has it already
         {"date": "2022-02-02", "seats": {"red": 2, "blue": -2}}],
    )
    got = rows_of(build.apply_changes(data))
    assert got["red"]["seats"] == 10 - 1 + 2 and got["red"]["date"] == "2022-02-02"
    assert got["blue"]["seats"] == 5 - 2
    assert got["red"]["basis"].startswith("10 on 2020-01-01, then -1 on 2021-03-01, then +2 on 2022-02-02")
    assert got["red"]["status"] == "confirmed"  # the chamber does not say its list is incomplete
    assert data["senedd"]["party"][0]["seats"] == 10  # the input is not changed


def test_a_change_dated_the_same_day_as_the_count_is_not_counted_twice(build):
    data = chamber([{"id": "red", "name": "Red", "seats": 3, "date": "2024-07-10"},
                    {"id": "", "name": "Independents", "seats": 1, "date": "2024-07-10"}],
                   [{"date": "2024-07-10", "seats": {"red": 1, "independents": -1}}])
    got = rows_of(build.apply_changes(data))
    assert got["red"]["seats"] == 3 and "basis" not in got["red"]


def test_an_incomplete_list_of_changes_makes_changed_counts_unconfirmed(build):
    data = chamber([{"id": "red", "name": "Red", "seats": 4, "date": "2024-01-01", "status": "confirmed"},
                    {"id": "green", "name": "Green", "seats": 2, "date": "2024-01-01", "status": "confirmed"}],
                   [{"date": "2025-01-01", "seats": {"red": -1, "green": 1}}], confirmed=False)
    got = rows_of(build.apply_changes(data))
    assert (got["green"]["seats"], got["green"]["status"]) == (3, "unconfirmed")


def test_a_party_with_no_seats_on_the_basis_gets_them_and_one_that_loses_all_drops_out(build):
    data = chamber([{"id": "old", "name": "Old", "seats": 2, "date": "2024-01-01"},
                    {"id": "", "name": "Independents", "seats": 3, "date": "2024-01-01"}],
                   [{"date": "2025-05-05", "seats": {"new": 4, "independents": -2, "old": -2}}])
    result = build.apply_changes(data)
    got = rows_of(result)
    assert got["new"]["seats"] == 4 and got["Independents"]["seats"] == 1
    seats = build.seats_by_party(result)
    assert "new" in seats and "old" not in seats  # "parties with elected representatives" is current


@pytest.mark.parametrize("changes, message", [
    ([{"date": "2025-01-01", "seats": {"red": 1}}], "do not add up to 0"),
    ([{"date": "2025-01-01", "seats": {"red": -5, "blue": 5}}], "would have -3 seats"),
    ([{"date": "soon", "seats": {"red": -1, "blue": 1}}], "has no date"),
])
def test_changes_that_do_not_fit_stop_the_build(build, changes, message):
    data = chamber([{"id": "red", "name": "Red", "seats": 2, "date": "2024-01-01"}], changes)
    with pytest.raises(build.BuildError, match=message):
        build.apply_changes(data)


def test_a_seat_change_needs_a_listed_sourced_change_of_the_same_date(build):
    data = {"senedd": {"party": [], "change": [{"date": "2025-01-01", "what": "x", "sources": ["s"]}]}}
    moved = build.attach_seat_changes(data, [{"legislature": "senedd", "date": "2025-01-01", "seats": {"a": 1}}])
    assert moved["senedd"]["change"][0]["seats"] == {"a": 1} and "seats" not in data["senedd"]["change"][0]
    with pytest.raises(build.BuildError, match="no change of that date"):
        build.attach_seat_changes(data, [{"legislature": "senedd", "date": "2025-02-02", "seats": {"a": 1}}])


def test_the_newest_dated_address_is_the_default_and_an_undated_one_never_displaces_a_dated_one(build):
    undated = {"postal_address": ["1 Old Road"], "postal_address_date": "2021-01-15",
               "other_addresses": [{"lines": ["PO Box 1"], "date": "undated", "source": "s"}]}
    assert build.default_address_first(undated)["postal_address"] == ["1 Old Road"]
    newer = dict(undated, other_addresses=[{"lines": ["PO Box 1"], "date": "2025-03-01 (policy)", "source": "s"}])
    got = build.default_address_first(newer)
    assert got["postal_address"] == ["PO Box 1"] and got["postal_address_date"].startswith("2025-03-01")
    assert got["other_addresses"][0]["lines"] == ["1 Old Road"]  # the older one stays, with its date
    assert got["other_addresses"][0]["date"] == "2021-01-15"


def test_later_checks_replace_fields_append_sources_and_add_organisations(build):
    draft = {"organisation": [{"id": "a", "email": "x@a.example", "notes": "old", "sources": [{"ref": "r1"}]}]}
    updates = [{"checked": "2027-01", "update": [{"id": "a", "email": "", "notes_add": "new",
                                                  "sources_add": [{"ref": "r2"}]}],
                "organisation": [{"id": "b", "display_name": "B", "category": "campaigner"}]}]
    got = build.merge_updates(draft, updates)
    a, b = got["organisation"]
    assert a["email"] == "" and a["notes"] == "old | new" and [s["ref"] for s in a["sources"]] == ["r1", "r2"]
    assert a["last_verified"] == b["last_verified"] == "2027-01" and draft["organisation"][0]["email"]
    with pytest.raises(build.BuildError, match="unknown organisation"):
        build.merge_updates(draft, [{"update": [{"id": "zz"}]}])
    with pytest.raises(build.BuildError, match="already in the draft"):
        build.merge_updates(draft, [{"organisation": [{"id": "a"}]}])


SHARED = next((d for d in (ROOT.parent / "shared" / "contacts", ROOT.parent.parent / "shared" / "contacts")
               if (d / "contacts-draft.toml").exists()), ROOT / "no-shared-contacts")


@pytest.mark.skipif(not (SHARED / "contacts-draft.toml").exists(), reason="the researched facts are not here")
def test_the_shipped_file_is_the_build_of_the_researched_facts(build):
    """party_contacts.toml is exactly what the build makes of shared/contacts and the updates files."""
    built = build.build(SHARED)
    assert tomllib.loads(built) == tomllib.loads((ROOT / "party_contacts.toml").read_text(encoding="utf-8"))
