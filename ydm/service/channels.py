"""Which way a letter goes, and whether it can have gone a given way (see ydm.service.sending for
why there is one rule for every face). Needs only the letter: no store, no mail."""

from __future__ import annotations

import dataclasses
import re

from ydm.errors import InputError
from ydm.letters.letter import Letter
from ydm.letters.render import recipient_block
from ydm.model import Channel

POST = (Channel.FIRST_CLASS, Channel.SECOND_CLASS, Channel.HAND)


def ways_to_send(letter: Letter) -> list[Channel]:
    """Every way this letter can travel, in the order offered: email and web form where the
    organisation takes them, then post (always possible: the person may write an address on it)."""
    return [*([Channel.EMAIL] if letter.recipient_email else []),
            *([Channel.WEBFORM] if letter.recipient_webform else []), *POST]


def choose_channel(letter: Letter, usual: Channel | None = None) -> Channel:
    """The way to send a letter unless the person says otherwise: `usual` (e.g. how the request's
    first letter went) when the letter can go that way; else email where an address is known, else
    first-class post where a postal address is known (a paper trail, and the law's deemed receipt),
    else the web form, else first-class post to an address the person must write in."""
    if usual is not None and _possible(letter, usual):
        return usual
    if letter.recipient_email:
        return Channel.EMAIL
    if letter.recipient_webform and letter.address_missing:
        return Channel.WEBFORM
    return Channel.FIRST_CLASS


# The form a letter was written out in says how it went: a PDF is printed and posted, an .eml is
# emailed. Text and Markdown can go either way, so they follow choose_channel.
FORMAT_CHANNELS = {"pdf": Channel.FIRST_CLASS, "eml": Channel.EMAIL}


def channel_for_output(letter: Letter, fmt: str) -> Channel:
    """The way a letter written out as `fmt` went unless the person says otherwise (`ydm letter
    --format pdf --record` records post, not the email the organisation also has)."""
    return FORMAT_CHANNELS.get(fmt) or choose_channel(letter)


def other_ways(letter: Letter, channel: Channel) -> list[Channel]:
    """When the letter cannot have gone by `channel` (a PDF to an organisation with no postal
    address): the ways it can have gone, to ask the person about. Empty when `channel` is possible."""
    if possible(letter, channel):
        return []
    return [way for way in ways_to_send(letter) if possible(letter, way)]


def possible(letter: Letter, channel: Channel) -> bool:
    """Whether the letter can have gone by `channel` (post needs its postal address, email its email)."""
    return _possible(letter, channel)


def _possible(letter: Letter, channel: Channel) -> bool:
    if channel is Channel.EMAIL:
        return bool(letter.recipient_email)
    if channel is Channel.WEBFORM:
        return bool(letter.recipient_webform)
    return not letter.address_missing


def check_sent_by(letter: Letter, channel: Channel | str) -> None:
    """Refuse to record as *sent* a letter that cannot have gone that way: by post with the
    "[ADDRESS NEEDED" placeholder where the address goes, or by email with no email address.
    (A draft may have gaps: the person fills them in before sending.) The error names the
    organisation and what to give instead."""
    name = letter.org.display_name
    channel = str(channel)
    if channel in POST and letter.address_missing:
        ways = []
        if letter.recipient_email:
            ways.append(f"--via email (their address is {letter.recipient_email})")
        if letter.recipient_webform:
            ways.append("--via webform (their web form)")
        ways.append("--address-to 'line, line, postcode' (the address you posted it to)")
        raise InputError(f"cannot record the letter to {name} as sent by {Channel(channel).words}: no postal address "
                         "is known for it (the letter has an [ADDRESS NEEDED] placeholder); give " + " or ".join(ways))
    if channel == "email" and not letter.recipient_email:
        ways = ["--email-to ADDRESS (the address you emailed)"]
        if letter.recipient_webform:
            ways.append("--via webform (their web form)")
        if not letter.address_missing:
            ways.append("--via first-class (their postal address is known)")
        raise InputError(f"cannot record the letter to {name} as sent by email: no email address is known for "
                         "it; give " + " or ".join(ways))


def cannot_go(letter: Letter, channel: Channel) -> str:
    """Why the letter cannot go by `channel`, in words for any face, with the ways it can; "" when it
    can. The same rule as check_sent_by (which words it as the CLI's flags): no post without a
    postal address, no email without an email address."""
    if possible(letter, channel):
        return ""
    name = letter.org.display_name
    others = []
    if letter.recipient_email and channel is not Channel.EMAIL:
        others.append(f"send it by email to {letter.recipient_email}")
    if letter.recipient_webform and channel is not Channel.WEBFORM:
        others.append("use their web form")
    if channel in POST:
        return (f"No postal address is known for {name}: type the address you will post it to"
                + "".join(f", or {way}" for way in others) + ".")
    return f"No email address is known for {name}" + (": " + " or ".join(others) if others else "") + "."


def with_postal_address(letter: Letter, address: str) -> Letter:
    """The letter addressed to the postal address the person typed (lines separated by commas or
    new lines), as `ydm letter --address-to` does; at least two lines, or an InputError."""
    lines = tuple(part.strip() for part in re.split(r"[,\n]", address) if part.strip())
    if len(lines) < 2:
        raise InputError("write the whole postal address, its lines separated by commas "
                         "(e.g. Data Protection Officer, 1 High Street, Cardiff, CF10 1AA)")
    org = dataclasses.replace(letter.org, postal_address=lines)
    recipient_lines, missing = recipient_block(org)
    return dataclasses.replace(letter, recipient_lines=recipient_lines, address_missing=missing, address_to=lines)
