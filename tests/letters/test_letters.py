"""Every letter kind renders for every category, with the person, the address, the law and the reference."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.errors import InputError
from ydm.letters import render as letters
from ydm.model import INITIAL_KINDS, Category, Organisation, Person, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person

TODAY = date(2026, 11, 26)
PERSON = make_person(
    name="Siân Ó Súilleabháin", address="4 Heol y Castell, Caerdydd", postcode="cf10 1aa",
    email="sian@example.org", other_names=["Siân Jones"], previous_addresses=["9 Old Road, Bristol, BS1 4DJ"],
    date_of_birth="1979-02-28", electoral_number="AB-123",
)
ARTICLES = {
    RequestKind.ACCESS: ["Article 15", "(a)", "(h)", "Article 15(2)"],
    RequestKind.OBJECT_MARKETING: ["Article 21(2)", "Article 21(3)", "regulation 21", "regulation 22"],
    RequestKind.OBJECT_PROCESSING: ["Article 21(1)", "Article 6(1)(e)", "Article 6(1)(ea)", "Article 6(1)(f)"],
    RequestKind.OPEN_REGISTER: ["open register", "Article 21"],
    RequestKind.ERASURE: ["Article 17", "Article 19"],
}


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


def sample_orgs(directory):
    """One organisation per category, plus an electoral registration office."""
    picked = {o.category: o for o in reversed(list(directory)) if o.has_channel}
    picked[Category.ERO] = Organisation(
        id="ero-cardiff", display_name="Electoral Registration Officer, Cardiff", category=Category.ERO,
        postal_address=("Electoral Services", "City Hall", "Cardiff", "CF10 3ND"),
    )
    return list(picked.values())


@pytest.mark.parametrize("kind", INITIAL_KINDS, ids=lambda k: k.value)
def test_every_kind_renders_for_every_category(directory, kind):
    for org in sample_orgs(directory):
        if kind == RequestKind.OPEN_REGISTER and org.category != Category.ERO:
            with pytest.raises(InputError, match="electoral registration office"):
                letters.render(kind, PERSON, org, today=TODAY)
            continue
        letter = letters.render(kind, PERSON, org, today=TODAY, reference="YDM-TEST1")
        text = letter.text
        assert "Siân Ó Súilleabháin" in text and "CF10 1AA" in text and "sian@example.org" in text
        assert "26 November 2026" in text
        assert "YDM-TEST1" in letter.subject and "YDM-TEST1" in letter.body
        for line in org.postal_address:
            assert line in text
        for words in ARTICLES[kind]:
            assert words in text, (kind, org.id, words)
        assert "one month" in text
        assert "{{" not in text and "{%" not in text


def test_access_letter_for_a_party_asks_the_political_questions(directory):
    text = letters.render("access", PERSON, directory.get("reform-uk"), today=TODAY).text
    for words in ("electoral register", "data brokers", "political opinions", "custom or lookalike audience",
                  "segments", "profiling", "recipients", "how long you keep", "Data (Use and Access) Act 2025"):
        assert words in text


def test_access_letter_for_a_broker_asks_who_bought_the_data(directory):
    text = letters.render("access", PERSON, directory.get("experian"), today=TODAY).text
    assert "open (edited) electoral register" in text and "sold, licensed or disclosed" in text
    assert "custom or lookalike audience" not in text


def test_party_objection_is_also_schedule_1_notice(directory):
    text = letters.render("object-processing", PERSON, directory.get("snp"), today=TODAY).text
    assert "paragraph 22(3) of Schedule 1" in text and "democratic engagement" in text
    broker = letters.render("object-processing", PERSON, directory.get("experian"), today=TODAY).text
    assert "Schedule 1" not in broker


def test_missing_address_is_said_never_invented(directory):
    letter = letters.render("access", PERSON, directory.get("sinn-fein"), today=TODAY)
    assert letter.address_missing and not letter.has_channel
    assert letters.ADDRESS_PLACEHOLDER in letter.text


def test_address_and_email_can_be_supplied(directory):
    letter = letters.render("access", PERSON, directory.get("sinn-fein"), today=TODAY,
                            address_to=("Sinn Féin", "1 Example Street", "Belfast", "BT1 1AA"),
                            email_to="privacy@sf.example")
    assert not letter.address_missing and "BT1 1AA" in letter.text and "privacy@sf.example" in letter.text


def test_person_text_is_data_not_template(directory):
    sneaky = make_person(name="{{ 7 * 7 }} {% raw %}", email="x@example.org")
    letter = letters.render("access", sneaky, directory.get("libdems"), today=TODAY,
                            extra_text="Please include {{ org.email }} records.")
    assert "{{ 7 * 7 }} {% raw %}" in letter.text and "49" not in letter.text
    assert "Please include {{ org.email }} records." in letter.text


ERO = Organisation(id="ero-leeds", display_name="Electoral Registration Officer, Leeds", category=Category.ERO,
                   postal_address=("Electoral Services", "Civic Hall", "Leeds", "LS1 1UR"))


def test_open_register_needs_the_registered_address():
    with pytest.raises(InputError, match="address you are registered"):
        letters.render("open-register", Person(name="A B", email="a@example.org"), ERO, today=TODAY)


def test_open_register_lists_register_details_and_contact_apart():
    text = letters.render("open-register", PERSON, ERO, today=TODAY).text
    register = text[text.index("as they appear on the electoral register"):text.index("To contact me")]
    assert "Registered address: 4 Heol y Castell, Caerdydd, CF10 1AA" in register and "AB-123" in register
    assert "Date of birth" not in text and "sian@example.org" in text[text.index("To contact me"):]
    assert "Dear Electoral Registration Officer" in text


@pytest.mark.parametrize("on, cites, not_cited", [
    (date(2026, 1, 10), ["Article 12(3) UK GDPR", "I may complain to you and then"], ["12A", "164A"]),
    (date(2026, 3, 10), ["Articles 12(3) and 12A", "Data (Use and Access) Act 2025"], ["164A"]),
    (date(2026, 6, 19), ["Articles 12(3) and 12A", "section 164A of the Data Protection Act 2018"], []),
])
def test_the_law_cited_follows_the_letter_date(directory, on, cites, not_cited):
    text = letters.render("access", PERSON, directory.get("libdems"), today=on).text
    for words in cites:
        assert words in text
    for words in not_cited:
        assert words not in text


def test_object_processing_states_grounds(directory):
    default = letters.render("object-processing", PERSON, directory.get("experian"), today=TODAY).text
    # A broker's default reasons are a broker's, not a party's (issue 16 finding 9).
    situation = default.split("My particular situation: ")[1].split("\n")[0]
    assert situation.startswith("I have no relationship with you") and "political" not in situation
    assert "not a request to stop any credit referencing" in default
    own = letters.render("object-processing", PERSON, directory.get("reform-uk"), today=TODAY,
                         grounds="I am a  civil servant and must be seen as politically neutral.").text
    assert "My particular situation: I am a civil servant and must be seen as politically neutral." in own
    assert "credit referencing" not in own


def test_erasure_claims_grounds_only_where_they_apply(directory):
    text = letters.render("erasure", PERSON, directory.get("experian"), today=TODAY).text
    assert "to the extent that it applies" in text and "Article 17(3)" in text


def test_a_letter_needs_a_name_and_a_way_to_reply(directory):
    with pytest.raises(InputError, match="name"):
        letters.render("access", Person(name=" ", email="a@example.org"), directory.get("libdems"), today=TODAY)
    with pytest.raises(InputError, match="address or an email"):
        letters.render("access", Person(name="A B"), directory.get("libdems"), today=TODAY)


def test_unknown_kind(directory):
    with pytest.raises(InputError, match="unknown letter kind 'acess'"):
        letters.render("acess", PERSON, directory.get("libdems"), today=TODAY)


def test_references_are_unique_and_readable(directory):
    refs = {letters.render("access", PERSON, directory.get("libdems"), today=TODAY).reference for _ in range(50)}
    assert len(refs) == 50
    assert all(r.startswith("YDM-") and len(r) == 9 and not set(r[4:]) & set("01IO") for r in refs)
