"""`ydm orgs` and `ydm letter` with the 2026-12 facts: several published addresses shown with their
dates and chosen with --address-to; local parties as separate controllers; registration numbers in
--json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ydm.cli import main

ME = str(Path(__file__).resolve().parents[2] / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-12-04")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_orgs_shows_both_green_addresses_with_their_dates_and_how_to_choose(capsys):
    code, out, _ = run(capsys, "orgs", "green-ew")
    assert code == 0
    assert "address 1: Data Protection Officer, The Biscuit Factory" in out and "(2021-01-15; letters use this)" in out
    assert "address 2: PO Box 78066, London, SE16 9GQ (undated)" in out
    assert "--address-to 'PO Box 78066, London, SE16 9GQ'" in out


@pytest.mark.parametrize("org_id", ["labour", "conservatives", "reform-uk"])
def test_orgs_says_the_local_party_is_a_separate_controller_with_its_source(capsys, org_id):
    _, out, _ = run(capsys, "orgs", org_id)
    assert "local parties:" in out and "separate controllers" in out and "(source: https://" in out


def test_orgs_for_a_party_without_such_a_note_is_one_line(capsys):
    _, out, _ = run(capsys, "orgs", "libdems")
    assert len(out.strip().splitlines()) == 1


def test_orgs_json_carries_registration_numbers_addresses_and_local_controllers(capsys):
    _, out, _ = run(capsys, "orgs", "--json")
    orgs = {o["id"]: o for o in json.loads(out)["organisations"]}
    assert orgs["green-ew"]["electoral_commission_id"] == "PP63"
    assert orgs["reform-uk"]["ico_registration"] == "ZB934331" and orgs["reform-uk"]["company_number"] == "16260766"
    assert orgs["tactical-voting-coalition"]["electoral_commission_id"] == "TP17370"
    assert [a["date"] for a in orgs["green-ew"]["postal_addresses"]] == ["2021-01-15", "undated"]
    assert orgs["labour"]["local_controllers"]["source"].startswith("https://labour.org.uk/")
    assert orgs["libdems"]["local_controllers"] is None and len(orgs["libdems"]["postal_addresses"]) == 1


def test_letter_to_the_greens_names_the_address_used_and_the_other_one(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "green-ew", "--me", ME)
    assert code == 0 and "100 Clements Road" in out
    assert "publishes 2 postal addresses" in err and "'PO Box 78066, London, SE16 9GQ' (undated)" in err


def test_letter_to_the_other_green_address_when_the_person_chooses_it(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "green-ew", "--me", ME,
                         "--address-to", "PO Box 78066, London, SE16 9GQ")
    assert code == 0 and "PO Box 78066" in out and "Clements Road" not in out
    assert "postal addresses" not in err and "ydm: error" not in err  # the choice made, no note of the other


def test_letter_to_labour_says_to_write_to_the_local_party_too(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "labour", "--me", ME)
    assert code == 0 and "ydm: note: Local Labour Parties" in err and "Write to your local Labour Party too" in err
