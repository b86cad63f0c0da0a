"""The shipped facts after the 2026-12 verification (shared/contacts/verification-2026-12.md), as the
person meets them: two addresses with dates, consumer channels, registration numbers, local parties
as separate controllers, and seat counts with the listed changes applied."""

from __future__ import annotations

import pytest

from ydm.letters.render import render
from ydm.model import Category, Person
from ydm.orgs import contacts

PERSON = Person(name="Alex Example", address=("1 Road", "Town"), postcode="SW1A 1AA", email="alex@example.org")


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def test_green_party_shows_both_addresses_with_dates_and_keeps_the_dated_one_as_default(directory):
    green = directory.get("green-ew")
    first, second = green.address_options
    assert "100 Clements Road" in first.lines and first.date == "2021-01-15"
    assert second.lines == ("PO Box 78066", "London", "SE16 9GQ") and second.date == "undated"
    assert "greenparty.org.uk/members/data-protection-policy" in second.source
    assert green.electoral_commission_id == "PP63"
    # Letters use the dated address unless the person chooses the other one.
    assert "100 Clements Road" in render("access", PERSON, green, today=_today()).text
    chosen = green.with_address(1)
    text = render("access", PERSON, chosen, today=_today()).text
    assert "PO Box 78066" in text and "Clements Road" not in text
    assert [a.date for a in chosen.address_options] == ["undated", "2021-01-15"]  # the other stays offered


def test_experian_letters_go_to_its_consumer_channels(directory):
    experian = directory.get("experian")
    assert experian.email == ""  # the DPO address of its business pages is not the consumer route
    assert "UK.DPOBusinessEnquiries@Experian.com" in experian.alt_emails
    assert experian.webform == "https://ins.experian.co.uk/contact"
    letter = render("access", PERSON, experian, today=_today())
    assert letter.recipient_email == "" and "PO Box 9000" in letter.text and not letter.address_missing
    assert "Data Access Request page" in experian.notes


def test_snap_has_its_postal_address_with_its_old_date(directory):
    snap = directory.get("snap")
    assert snap.postal_address[:2] == ("Snap Inc.", "3000 31st Street")
    assert snap.postal_address_date.startswith("2020") and snap.confidence["postal_address"] == "low"
    assert snap.email  # email stays the first channel


def test_tactical_voting_coalition_is_a_registered_non_party_campaigner(directory):
    tvc = directory.search("tactical vote")[0]
    assert tvc.id == "tactical-voting-coalition" and tvc.category is Category.CAMPAIGNER
    assert (tvc.electoral_commission_id, tvc.company_number, tvc.email) == ("TP17370", "14858033",
                                                                              "feedback@tactical.vote")
    assert "non-party campaigner" in tvc.notes and tvc.sources[0].ref == "https://www.tactical.vote/privacy"
    assert tvc in directory.in_category("campaigner")


@pytest.mark.parametrize("org_id, ec, ico", [
    ("conservatives", "PP52", "Z5909711"), ("labour", "", "Z5487928"), ("reform-uk", "PP7931", "ZB934331"),
    ("green-ew", "PP63", ""), ("alba", "PP12700", ""), ("tactical-voting-coalition", "TP17370", ""),
])
def test_registration_numbers_where_the_sources_show_them(directory, org_id, ec, ico):
    org = directory.get(org_id)
    assert (org.electoral_commission_id, org.ico_registration) == (ec, ico)


@pytest.mark.parametrize("org_id, words", [
    ("labour", "local Labour Party"), ("conservatives", "Conservative association"), ("reform-uk", "branch"),
])
def test_local_parties_are_separate_controllers_with_a_source(directory, org_id, words):
    local = directory.get(org_id).local_controllers
    assert local is not None and "separate controllers" in local.summary
    assert words in local.advice and local.source.startswith("https://") and local.date


def test_parties_whose_sources_say_nothing_of_local_controllers_carry_no_such_note(directory):
    assert all(directory.get(o).local_controllers is None for o in ("libdems", "snp", "green-ew", "dup"))


def _seats(org, legislature):
    return [s for s in org.seats if s.legislature == legislature]


def test_seat_counts_apply_the_listed_changes(directory):
    green = _seats(directory.get("green-ew"), "house_of_commons")[0]
    assert (green.seats, green.date) == (5, "2026-02-27") and "+1 on 2026-02-27" in green.basis
    labour = _seats(directory.get("labour"), "house_of_commons")[0]
    assert labour.seats == 408 and labour.basis.startswith("411 on 2024-07-04") and labour.status == "unconfirmed"
    assert _seats(directory.get("reform-uk"), "house_of_commons")[0].seats == 8  # as The Independent, 2026-01-26
    assert _seats(directory.get("conservatives"), "house_of_commons")[0].seats == 117
    dup = _seats(directory.get("dup"), "ni_assembly")[0]
    assert (dup.seats, dup.date) == (26, "2024-07-10")
    assert _seats(directory.get("your-party"), "house_of_commons")[0].seats == 4


def test_a_shipped_second_address_without_its_source_is_refused(tmp_path):
    shipped = tmp_path / "party_contacts.toml"
    shipped.write_text(
        '[[organisation]]\nid = "p"\ndisplay_name = "P"\ncategory = "party"\n'
        'postal_address = ["1 Road", "AB1 2CD"]\n[[organisation.sources]]\nref = "https://p.example"\n'
        '[[organisation.other_addresses]]\nlines = ["PO Box 1", "AB1 2CD"]\ndate = "undated"\n',
        encoding="utf-8",
    )
    with pytest.raises(contacts.DataError, match="needs its source"):
        contacts.load(shipped, user=tmp_path / "none.toml")


def _today():
    from datetime import date

    return date(2026, 12, 1)


def test_acxiom_offers_its_2018_uk_address_and_its_current_international_one(directory):
    first, second = directory.get("acxiom").address_options
    assert "17 Hatfields" in first.lines and first.date == "2018-09-18"
    assert second.lines[0] == "Acxiom LLC" and second.date == "undated" and "international-privacy-notice" in second.source
