"""The Send step offers and picks channels by the rule every face shares (ydm.service.channels): for an
organisation with a web form and a postal address but no email (Meta), first-class post, as the CLI's
`--record` does (tests/cli/test_cli_letter.py); the web form is still offered."""

from __future__ import annotations

from tests.tui.conftest import JANE, TODAY
from ydm.letters.render import render
from ydm.model import Channel, RequestKind
from ydm.orgs import contacts
from ydm.profile import make_person
from ydm.tui.rows import Draft
from ydm.tui.screens.write.send import channels_for, default_channel


def draft_to(org_id: str) -> Draft:
    org = contacts.load().get(org_id)
    return Draft(org=org, kind=RequestKind.ACCESS, letter=render(RequestKind.ACCESS, make_person(**JANE), org,
                                                                   today=TODAY))


def test_web_form_and_postal_address_without_email_goes_by_post():
    meta = draft_to("meta")
    assert default_channel(meta) is Channel.FIRST_CLASS
    assert channels_for(meta)[:2] == [Channel.WEBFORM, Channel.FIRST_CLASS]


def test_email_first_where_an_address_is_known_and_post_where_only_that_is():
    assert default_channel(draft_to("libdems")) is Channel.EMAIL
    reform = draft_to("reform-uk")  # post only
    assert default_channel(reform) is Channel.FIRST_CLASS and Channel.EMAIL not in channels_for(reform)
