"""The rules every face shares about how a letter goes and what may be recorded (ydm.service.channels,
ydm.service.sending), checked once here against real letters and a real encrypted store; the faces'
own tests check that they use them (tests/tui/test_mark_sent.py, tests/cli/test_letter_record_checks.py)."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.errors import InputError
from ydm.letters.render import render
from ydm.model import Category, Channel, EventKind, Organisation, Person, RequestKind
from ydm.service import channels, sending
from ydm.store.db import open_store

TODAY = date(2026, 11, 26)
ME = Person(name="Alex Example", address=("1 High Street", "Exampletown"), postcode="EX1 2AB",
            email="alex@example.org")
ADDRESS = ("Data Protection Officer", "1 Party Street", "London", "SW1A 1AA")


def org(**kw) -> Organisation:
    return Organisation(id=kw.pop("id", "example"), display_name=kw.pop("name", "Example Party"),
                        category=Category.PARTY, **kw)


def letter_to(**kw):
    return render(RequestKind.ACCESS, ME, org(**kw), today=TODAY)


@pytest.mark.parametrize(("facts", "expected"), [
    ({"email": "dpo@example.org", "postal_address": ADDRESS, "webform": "https://example.org/form"}, Channel.EMAIL),
    ({"postal_address": ADDRESS, "webform": "https://example.org/form"}, Channel.FIRST_CLASS),
    ({"webform": "https://example.org/form"}, Channel.WEBFORM),
    ({"postal_address": ADDRESS}, Channel.FIRST_CLASS),
    ({}, Channel.FIRST_CLASS),  # nothing known: a letter the person must address themselves
])
def test_one_channel_rule(facts, expected):
    letter = letter_to(**facts)
    assert channels.choose_channel(letter) is expected
    assert expected in channels.ways_to_send(letter)


def test_the_usual_channel_wins_only_where_the_letter_can_go_that_way():
    both = letter_to(email="dpo@example.org", postal_address=ADDRESS)
    assert channels.choose_channel(both, Channel.SECOND_CLASS) is Channel.SECOND_CLASS
    email_only = letter_to(email="dpo@example.org")
    assert channels.choose_channel(email_only, Channel.FIRST_CLASS) is Channel.EMAIL  # no postal address


def test_ways_to_send_offer_what_the_organisation_takes_then_post():
    assert channels.ways_to_send(letter_to(webform="https://example.org/form")) == [
        Channel.WEBFORM, Channel.FIRST_CLASS, Channel.SECOND_CLASS, Channel.HAND]


def test_never_recorded_as_posted_without_an_address_nor_emailed_without_one():
    web_only = letter_to(webform="https://example.org/form")
    with pytest.raises(InputError, match="no postal address is known"):
        channels.check_sent_by(web_only, Channel.FIRST_CLASS)
    with pytest.raises(InputError, match="no email address is known"):
        channels.check_sent_by(web_only, Channel.EMAIL)
    channels.check_sent_by(web_only, Channel.WEBFORM)  # fine


def test_a_batch_is_checked_whole_then_recorded_in_one_go():
    posted = letter_to(id="posted", postal_address=ADDRESS)
    web_only = letter_to(id="web", webform="https://example.org/form")
    with open_store() as store:
        with pytest.raises(InputError, match="no postal address"):
            sending.record_letters(store, [posted, web_only], [Channel.FIRST_CLASS, Channel.FIRST_CLASS],
                                   [TODAY, TODAY], today=TODAY)
        assert store.count() == 0  # nothing of the batch is kept
        stored = sending.record_letters(store, [posted, web_only], [Channel.FIRST_CLASS, Channel.WEBFORM],
                                        [TODAY, None], today=TODAY)
        assert [r.channel for r in stored] == [Channel.FIRST_CLASS, Channel.WEBFORM]
        assert [[e.kind for e in r.events] for r in stored] == [[EventKind.DRAFTED, EventKind.SENT],
                                                                [EventKind.DRAFTED]]


def test_a_draft_is_marked_sent_once_and_never_posted_without_an_address():
    web_only = letter_to(id="web", webform="https://example.org/form")
    posted = letter_to(id="posted", postal_address=ADDRESS)
    with open_store() as store:
        draft, other = sending.record_letters(store, [web_only, posted], [Channel.WEBFORM, Channel.FIRST_CLASS],
                                              None, today=TODAY)
        with pytest.raises(InputError, match="has no postal address"):
            sending.mark_sent(store, draft.ref, on=TODAY, today=TODAY, channel=Channel.FIRST_CLASS)
        view = sending.mark_sent(store, draft.ref, on=TODAY, today=TODAY, channel=Channel.WEBFORM)
        assert view.request.channel is Channel.WEBFORM
        with pytest.raises(InputError, match="already recorded as sent"):
            sending.mark_sent(store, draft.ref, on=TODAY, today=TODAY)
        sending.mark_sent(store, other.ref, on=TODAY, today=TODAY)  # posted: its address is known
        assert [e.kind for e in store.get(other.ref).events] == [EventKind.DRAFTED, EventKind.SENT]


def test_a_follow_up_after_an_incomplete_reply_is_marked_sent_again():
    posted = letter_to(id="posted", postal_address=ADDRESS)
    with open_store() as store:
        (request,) = sending.record_letters(store, [posted], [Channel.FIRST_CLASS], [date(2026, 10, 1)], today=TODAY)
        from ydm import tracker

        tracker.mark(store, request.ref, EventKind.RESPONSE_RECEIVED, today=TODAY, on=date(2026, 10, 20))
        tracker.mark(store, request.ref, EventKind.RESPONSE_INCOMPLETE, today=TODAY, on=date(2026, 10, 21))
        sending.mark_sent(store, request.ref, on=TODAY, today=TODAY)  # the follow-up went
        assert [e.kind for e in store.get(request.ref).events].count(EventKind.SENT) == 2
        with pytest.raises(InputError, match="already recorded as sent"):
            sending.mark_sent(store, request.ref, on=TODAY, today=TODAY)
