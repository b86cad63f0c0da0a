"""The letters: the erasure letter's complaint routes, the ICO complaint's address block
and the copies it offers, and the date a follow-up thanks them for."""

from __future__ import annotations

from datetime import date

import pytest

from ydm import tracker
from ydm.letters import render as letters
from ydm.model import Channel, Event, EventKind, Person, Request
from ydm.orgs import contacts
from ydm.store.db import SqliteStore

E = EventKind
ME = Person(name="Zebedee Quartermaine", address=("7 Quiet Lane", "London"), postcode="SW1A 1AA",
            email="zebedee@example.org")
SENT = [(E.DRAFTED, "2026-09-01"), (E.SENT, "2026-09-01")]


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


@pytest.fixture
def st(tmp_path):
    s = SqliteStore(tmp_path / "s.db")
    s.save_profile(ME)
    yield s
    s.close()


def make(events) -> Request:
    return Request(ref="YDM-TTTTT", kind="access", org_id="reform-uk", org_name="Reform UK", channel=Channel.EMAIL,
                   events=[Event(k, date.fromisoformat(on)) for k, on in events])


@pytest.mark.parametrize("on, cites, not_cited", [
    (date(2026, 3, 10), "I may complain to you and then to the Information Commissioner's Office", "164A"),
    (date(2026, 6, 19), "I may complain to you under section 164A of the Data Protection Act 2018 and then to the"
                        " Information Commissioner's Office", None),
])
def test_erasure_letter_names_the_complaint_routes_for_its_date(directory, on, cites, not_cited):
    text = letters.render("erasure", ME, directory.get("libdems"), today=on).text
    assert cites in " ".join(text.split())
    if not_cited:
        assert not_cited not in text


def test_ico_address_block_starts_with_the_commissioner_not_a_salutation(directory):
    lines, missing = letters.recipient_block(directory.get("ico"))
    assert not missing
    assert lines[0] == "Information Commissioner's Office" and "Sir or Madam" not in lines
    assert lines[-1] == "SK9 5AF"
    # Other organisations keep their addressee line.
    assert letters.recipient_block(directory.get("reform-uk"))[0][0] == "Data Protection Officer"


def test_ico_complaint_encloses_only_the_papers_that_exist(st, directory):
    st.add(make(SENT + [(E.REMINDER_SENT, "2026-10-05"), (E.COMPLAINT_SENT, "2026-10-26")]))
    step = tracker.next_letter(st, "YDM-TTTTT", today=date(2026, 12, 1), directory=directory)
    assert step.kind.value == "ico-complaint"
    assert step.letter.recipient_lines[0] == "Information Commissioner's Office"
    text = " ".join(step.letter.text.split())
    assert "Dear Sir or Madam" in text
    # Enclosed and listed, not offered (issue 16 finding 12).
    assert "I can provide copies" not in text
    assert text.endswith("Copies sent with this complaint: - My request - My reminder - My complaint to them")
    assert "Timeline of my request:" in text and "replies" not in text


def test_ico_complaint_mentions_replies_when_there_were_some(st, directory):
    st.add(make(SENT + [(E.ACKNOWLEDGED, "2026-09-03"), (E.RESPONSE_INCOMPLETE, "2026-09-25"),
                        (E.COMPLAINT_SENT, "2026-10-26")]))
    step = tracker.next_letter(st, "YDM-TTTTT", today=date(2026, 12, 1), directory=directory,
                               kind="ico-complaint")
    text = " ".join(step.letter.text.split())
    assert text.endswith("Copies sent with this complaint: - My request - My complaint to them - The organisation's replies")
    assert "Timeline of my request and the organisation's replies:" in text


def test_follow_up_thanks_them_for_the_response_on_the_day_it_arrived(st, directory):
    st.add(make(SENT + [(E.RESPONSE_RECEIVED, "2026-09-20"), (E.RESPONSE_INCOMPLETE, "2026-09-21")]))
    step = tracker.next_letter(st, "YDM-TTTTT", today=date(2026, 9, 25), directory=directory, missing=["c"])
    assert step.kind.value == "follow-up"
    assert "Thank you for your response dated 20 September 2026" in step.letter.body
    assert "21 September 2026" not in step.letter.body.split("\n\n")[1]


def test_follow_up_with_only_the_incomplete_mark_uses_that_date(st, directory):
    st.add(make(SENT + [(E.RESPONSE_INCOMPLETE, "2026-09-21")]))
    step = tracker.next_letter(st, "YDM-TTTTT", today=date(2026, 9, 25), directory=directory, missing=["c"])
    assert "Thank you for your response dated 21 September 2026" in step.letter.body


def test_response_date_pairs_the_verdict_with_its_own_reply():
    from ydm.tracker.next_step import response_date

    # An old reply, a follow-up letter, then a new reply judged incomplete the day after it came.
    r = make(SENT + [(E.RESPONSE_RECEIVED, "2026-09-10"), (E.RESPONSE_INCOMPLETE, "2026-09-11"),
                     (E.SENT, "2026-09-15"), (E.RESPONSE_RECEIVED, "2026-10-01"), (E.RESPONSE_INCOMPLETE, "2026-10-03")])
    assert response_date(r) == date(2026, 10, 1)
    r2 = make(SENT + [(E.RESPONSE_RECEIVED, "2026-09-10"), (E.SENT, "2026-09-15"),
                      (E.RESPONSE_INCOMPLETE, "2026-10-03")])
    assert response_date(r2) == date(2026, 10, 3)


@pytest.mark.parametrize("name, first_lines", [
    # The office's own name carries the role: it is not said twice (QA3, seen in the session and TUI).
    ("Fife Council Electoral Registration Officer", ("Fife Council Electoral Registration Officer", "Fife House")),
    # A plain council name gets the role above it.
    ("Fife Council", ("Electoral Registration Officer", "Fife Council", "Fife House")),
])
def test_a_registration_office_named_with_its_role_is_not_given_it_twice(name, first_lines):
    from ydm.adapters.lookup import manual_office, office_as_organisation

    office = manual_office(name, ["Fife House", "North Street", "Glenrothes", "KY7 5LT"], today=date(2026, 11, 26))
    lines, missing = letters.recipient_block(office_as_organisation(office))
    assert not missing
    assert lines[: len(first_lines)] == first_lines
    assert sum("electoral registration officer" in ln.casefold() for ln in lines) == 1
