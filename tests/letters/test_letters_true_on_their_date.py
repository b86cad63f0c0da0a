"""Issue 16: every letter is true on the day it is dated and fits the organisation it goes to. Each
class of finding is tested on organisations and dates other than the issue's examples, for letters
dated before 5 Feb 2026, between then and 19 Jun 2026, and after."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ydm.errors import InputError
from ydm.law import commencement
from ydm.letters import render as letters
from ydm.letters.details import for_letter
from ydm.model import INITIAL_KINDS, Category, Organisation, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person

BEFORE, BETWEEN, AFTER = date(2026, 1, 19), date(2026, 4, 14), date(2026, 10, 6)
PERSON = make_person(name="Rhiannon Price", address="3 Stryd Fawr, Aberystwyth", postcode="SY23 1DE",
                     email="rhiannon@example.org", date_of_birth="1984-07-09", electoral_number="WA-77")
ERO_SCOTLAND = Organisation(id="ero-highland", display_name="Highland and Western Isles Valuation Joint Board",
                            category=Category.ERO, postal_address=("Electoral Registration Officer", "Inverness",
                                                                   "IV3 5NX"))
ERO_WALES = Organisation(id="ero-ceredigion", display_name="Electoral Registration Officer, Ceredigion",
                         category=Category.ERO, postal_address=("Canolfan Rheidol", "Aberystwyth", "SY23 3UE"))
ERO_NI = Organisation(id="eoni", display_name="Electoral Office for Northern Ireland", category=Category.ERO,
                      postal_address=("St Anne's House", "15 Church Street", "Belfast", "BT1 1ER"))


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def text_of(kind, org, on, **kw) -> str:
    return " ".join(letters.render(kind, PERSON, org, today=on, reference="YDM-DATES", **kw).text.split())


def orgs_for(kind, directory):
    if kind is RequestKind.OPEN_REGISTER:
        return [ERO_SCOTLAND, ERO_WALES, ERO_NI]
    return [directory.get(i) for i in ("green-ew", "alliance-ni", "greenpeace-uk", "equifax", "tiktok")]


# --- finding 3: one commencement table; no provision cited before it was in force ----------------------

# (a pattern that cites the provision, the commencement key that must be in force)
CITES = [
    (r"Article 12A|Articles 12\(3\) and 12A", "art12a"),
    (r"6\(1\)\(ea\)|\(e\), \(ea\)", "art6_1_ea"),
    (r"section 164A", "s164a"),
    (r"section 165 of the Data Protection Act", "s165"),
]


@pytest.mark.parametrize("on", [BEFORE, BETWEEN, AFTER], ids=["before-5-feb", "between", "after-19-jun"])
@pytest.mark.parametrize("kind", INITIAL_KINDS, ids=lambda k: k.value)
def test_no_letter_cites_a_provision_before_it_commenced(directory, kind, on):
    for org in orgs_for(kind, directory):
        text = text_of(kind, org, on)
        for pattern, key in CITES:
            if re.search(pattern, text):
                assert commencement.in_force(key, on), (kind.value, org.id, on, pattern)


def test_the_time_limit_and_the_recognised_legitimate_interest_follow_the_date(directory):
    org = directory.get("scottish-greens")
    before = text_of(RequestKind.OBJECT_PROCESSING, org, BEFORE)
    between = text_of(RequestKind.OBJECT_PROCESSING, org, BETWEEN)
    assert "6(1)(ea)" not in before and "Article 12(3) UK GDPR" in before
    assert "Article 6(1)(ea) (recognised legitimate interests)" in between and "Articles 12(3) and 12A" in between
    assert "Article 12A" not in text_of(RequestKind.OPEN_REGISTER, ERO_WALES, BEFORE)
    assert "Articles 12(3) and 12A" in text_of(RequestKind.OPEN_REGISTER, ERO_WALES, AFTER)


def test_every_commencement_has_a_source_and_the_deadline_rules_read_the_same_table():
    from ydm.law import deadline_rules

    assert all(c.source and c.provision for c in commencement.TABLE.values())
    assert deadline_rules.ARTICLE_12A_FROM == commencement.TABLE["art12a"].in_force == date(2026, 2, 5)
    assert deadline_rules.S164A_FROM == commencement.TABLE["s164a"].in_force == date(2026, 6, 19)
    assert letters.ico_route(date(2026, 6, 18)) == "Article 77 of the UK GDPR"
    assert letters.ico_route(date(2026, 6, 19)).startswith("section 165")


# --- finding 2: the lawful basis is never claimed as a right of access -----------------------------------


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_the_access_letter_asks_for_the_lawful_basis_as_article_13_14_information(directory, on):
    for org_id in ("dup", "unite", "transunion", "google"):
        text = text_of(RequestKind.ACCESS, directory.get(org_id), on)
        assert "(a) the purposes of the processing;" in text
        assert "This is not part of my right of access, but information you must give me under Articles 13(1)(c) and 14(1)(c)" in text
        assert not re.search(r"lawful basis[^.;]*Article 15", text)


# --- finding 6: a broker is asked to stop supplying data for others' marketing ---------------------------


@pytest.mark.parametrize("org_id", ["equifax", "acxiom", "dlg"])
def test_a_broker_objection_asks_it_to_stop_selling_and_supplying(directory, org_id):
    text = text_of(RequestKind.OBJECT_MARKETING, directory.get(org_id), BETWEEN)
    assert "stop selling, licensing, renting or otherwise supplying my personal data" in text
    assert "which organisations you have supplied my data to" in text
    assert "stop selling" not in text_of(RequestKind.OBJECT_MARKETING, directory.get("snp"), BETWEEN)


# --- finding 7: the open register rests on electoral law, by nation, and copies sold are said ------------


@pytest.mark.parametrize(("ero", "regs"), [
    (ERO_WALES, "regulation 93 of the Representation of the People (England and Wales) Regulations 2001"),
    (ERO_SCOTLAND, "the Representation of the People (Scotland) Regulations 2001"),
    (ERO_NI, "the Representation of the People (Northern Ireland) Regulations 2008"),
])
def test_the_open_register_letter_cites_electoral_law_for_the_ero_nation(ero, regs):
    text = text_of(RequestKind.OPEN_REGISTER, ero, AFTER)
    assert "paragraph 10 of Schedule 2 to the Representation of the People Act 1983" in text and regs in text
    assert "copies of the open register already sold or supplied cannot be changed" in text
    assert "also an objection under Article 21" in text


@pytest.mark.parametrize("org_id", ["labour", "plaid-cymru", "uup"])
def test_the_freepost_sentence_is_no_wider_than_rpa_section_91(directory, org_id):
    text = text_of(RequestKind.OBJECT_MARKETING, directory.get(org_id), BEFORE)
    assert "a candidate at a UK Parliamentary election may send each elector one election communication" in text
    assert "candidates at an election have" not in text


# --- finding 8: the party SAR asks for the key to its codes ---------------------------------------------


@pytest.mark.parametrize("org_id", ["sdlp", "libdems", "hope-not-hate", "caci"])
def test_political_and_broker_access_letters_ask_for_a_key_to_codes(directory, org_id):
    assert "a key to every code" in text_of(RequestKind.ACCESS, directory.get(org_id), BETWEEN)


# --- finding 9: words for the category; numbers for "don't call me"; ad targeting --------------------------


@pytest.mark.parametrize("org_id", ["gbg", "x-twitter", "snap"])
def test_the_particular_situation_is_worded_for_non_political_organisations(directory, org_id):
    text = text_of(RequestKind.OBJECT_PROCESSING, directory.get(org_id), AFTER)
    situation = text.split("My particular situation: ")[1].split(" You must stop")[0]
    assert "political opinions and how I might vote" not in situation


def test_dont_call_me_names_the_number_or_asks_for_them(directory):
    with_phone = make_person(name="Rhiannon Price", email="r@example.org", phone="01970 123456")
    text = " ".join(letters.render(RequestKind.OBJECT_MARKETING, with_phone, directory.get("reform-uk"),
                                   today=BETWEEN).text.split())
    assert "not to call me on 01970 123456 or any other telephone number you hold for me" in text
    without = text_of(RequestKind.OBJECT_MARKETING, directory.get("equifax"), BETWEEN)
    assert "please tell me which numbers you hold" in without


@pytest.mark.parametrize("org_id", ["google", "tiktok", "meta"])
def test_a_platform_objection_names_ad_targeting(directory, org_id):
    text = text_of(RequestKind.OBJECT_MARKETING, directory.get(org_id), AFTER)
    assert "stop using my data to select me for, or target me with, adverts" in text


# --- finding 10: less data to an organisation the person is trying to limit -------------------------------


def test_the_date_of_birth_is_left_out_of_political_letters_by_default_and_each_detail_says_why(directory):
    party = text_of(RequestKind.ACCESS, directory.get("alba"), BETWEEN)
    broker = text_of(RequestKind.ACCESS, directory.get("tracesmart"), BETWEEN)
    assert "1984" not in party and "Date of birth (to tell me apart from others with my name): 9 July 1984" in broker
    assert "Email (to reply to me): rhiannon@example.org" in party
    given = text_of(RequestKind.ACCESS, directory.get("alba"), BETWEEN, leave_out=["none"])
    assert "9 July 1984" in given
    no_email = text_of(RequestKind.ACCESS, directory.get("tracesmart"), BETWEEN, leave_out=["email", "dob"])
    assert "Email (to reply to me)" not in no_email and "1984" not in no_email


def test_leaving_out_the_only_way_to_reply_or_an_unknown_detail_is_refused(directory):
    email_only = make_person(name="Rhiannon Price", email="r@example.org")
    with pytest.raises(InputError, match="only way to reply"):
        for_letter(email_only, directory.get("equifax"), ["email"])
    with pytest.raises(InputError, match="unknown detail"):
        for_letter(PERSON, directory.get("equifax"), ["shoe-size"])


# --- finding 11 and issue 14 item 6: the campaigner variant ----------------------------------------------


@pytest.mark.parametrize("org_id", ["gmb", "greenpeace-uk"])
def test_campaigners_are_asked_their_article_9_condition_and_about_party_data(directory, org_id):
    org = directory.get(org_id)
    access = text_of(RequestKind.ACCESS, org, BETWEEN)
    assert "which condition in Article 9(2) of the UK GDPR" in access and "so it cannot cover you" in access
    assert "a membership list used in a leadership or selection contest" in access
    assert "referendum, an election or an issue campaign" in access
    objection = text_of(RequestKind.OBJECT_PROCESSING, org, AFTER)
    assert "You are not a registered political party, so paragraph 22 of Schedule 1" in objection
    assert "notice in writing under paragraph 22(3)" not in objection


def test_a_party_is_asked_about_leadership_contests_and_not_told_para_22_is_closed(directory):
    text = text_of(RequestKind.ACCESS, directory.get("conservatives"), AFTER)
    assert "leadership or selection contest" in text and "cannot cover you" not in text
    assert "notice in writing under paragraph 22(3)" in text_of(RequestKind.OBJECT_PROCESSING,
                                                               directory.get("conservatives"), AFTER)


# --- finding 12: the article before names that need it ----------------------------------------------


@pytest.mark.parametrize(("name", "said"), [
    ("Green Party of England and Wales", "the Green Party of England and Wales"),
    ("Liberal Democrats", "the Liberal Democrats"),
    ("Women's Equality Party", "the Women's Equality Party"),
    ("Workers Party of Britain", "the Workers Party of Britain"),
    ("The Electoral Commission", "the Electoral Commission"),
    ("Reform UK", "Reform UK"), ("Sinn Féin", "Sinn Féin"), ("Your Party", "Your Party"),
    ("Plaid Cymru – The Party of Wales", "Plaid Cymru – The Party of Wales"), ("Experian", "Experian"),
])
def test_the_article_goes_where_english_needs_it(name, said):
    assert letters.with_article(name) == said


def test_an_objection_to_a_party_reads_with_its_article(directory):
    assert "I object to the Scottish Green Party processing" in text_of(
        RequestKind.OBJECT_MARKETING, directory.get("scottish-greens"), BEFORE)
    assert "I object to Restore Britain processing" in text_of(
        RequestKind.OBJECT_MARKETING, directory.get("restore-britain"), BEFORE)
