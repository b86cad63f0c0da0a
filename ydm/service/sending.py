"""How a letter goes out, and what may be recorded about it: the rules every face shares.

Before these modules the CLI and the TUI each had their own: the CLI sent a letter to an organisation
with a web form and a postal address by post while the TUI picked the web form, the CLI refused to
record "sent by post" for a letter with no address while the TUI recorded it, the TUI refused a
second "sent" that the CLI allowed. Here is one rule for each, the safer one, and the faces call it:

- `channels.choose_channel`: email where an address is known; else post where a postal address is
  known (a paper trail, and the law's deemed receipt); else the web form. `ways_to_send` lists them.
- `channels.check_sent_by`: never "sent by post" without a postal address, nor "by email" without one.
- `sending.record_letters`: a batch goes into the store in one transaction, each letter checked first.
- `sending.mark_sent`: a draft is marked sent once, by a way it can have gone.
- `sending.send_letter`: email one letter over the person's SMTP account (ydm.adapters.mail).

`channels` needs only the letter, so `ydm letter` without --record loads nothing of the store.
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from datetime import date
from email.message import EmailMessage

from ydm import tracker
from ydm.adapters import mail
from ydm.errors import InputError
from ydm.letters.formats.eml import build_message
from ydm.letters.letter import Letter
from ydm.letters.render import ADDRESS_PLACEHOLDER
from ydm.model import Channel, EventKind, Request
from ydm.service.channels import POST, check_sent_by
from ydm.tracker.views import RequestView


def record_letters(store, letters: Sequence[Letter], channels: Sequence[Channel],
                   sent_on: Sequence[date | None] | date | None, *, today: date) -> list[Request]:
    """Record a batch of letters, each by its channel, sent on its date (None: kept as a draft), in
    one store transaction, after checking that each letter can have gone the way it is recorded."""
    dates = list(sent_on) if isinstance(sent_on, Sequence) else [sent_on] * len(letters)
    for letter, channel, day in zip(letters, channels, dates, strict=True):
        if day is not None:
            check_sent_by(letter, channel)
    return tracker.record_letters(letters, channels=channels, sent_dates=dates, store=store, today=today)


def mark_sent(store, ref: str, *, today: date, on: date | None = None, channel: Channel | str | None = None,
              note: str = "") -> RequestView:
    """Mark a drafted request as sent on `on` (by `channel`, when given): once, or again for the
    follow-up to a reply marked incomplete (its own fresh month), and never by post when its letter
    has no postal address."""
    request = store.get(ref)
    sends = [i for i, e in enumerate(request.events) if e.kind is EventKind.SENT]
    follow_up_due = bool(sends) and any(e.kind is EventKind.RESPONSE_INCOMPLETE
                                        for e in request.events[sends[-1] + 1:])
    if sends and not follow_up_due:
        first = request.events[sends[0]]
        raise InputError(f"{request.ref} is already recorded as sent (on {first.on.isoformat()})",
                         hint="a later letter is recorded with its own event, e.g. reminder-sent; a follow-up "
                              "after an incomplete reply is recorded as sent again")
    way = Channel(channel) if channel is not None else request.channel
    if way in POST and ADDRESS_PLACEHOLDER in (request.letter_text or ""):
        raise InputError(f"cannot record {request.ref} as sent by {way.words}: its letter has no postal address "
                         "(an [ADDRESS NEEDED] placeholder)", hint="record how it really went, e.g. --via email")
    return tracker.mark_sent(store, ref, today=today, on=on, channel=channel, note=note)


def send_letter(letter: Letter, settings: mail.SmtpSettings | None = None, *, password: str | None = None,
                ssl_context: ssl.SSLContext | None = None) -> EmailMessage:
    """Email a letter. Settings default to smtp.toml, the password to the keyring. Returns what was sent."""
    if not letter.recipient_email:
        raise InputError(f"no email address is known for {letter.org.display_name}",
                         hint="post the letter (ydm letter --format pdf) or use their web form")
    settings = settings or mail.load_settings()
    msg = message_for(letter, settings)
    if password is None and settings.user:
        password = mail.get_password()
    mail.send_message(msg, settings, password=password, ssl_context=ssl_context)
    return msg


def message_for(letter: Letter, settings: mail.SmtpSettings | None) -> EmailMessage:
    """The message `send_letter` hands to the server, and what `ydm send --dry-run` shows: one builder
    for both. From is the SMTP account's address (servers refuse others), Reply-To the person's own
    when it differs; without settings (sending not set up yet) the person's address is the From."""
    if not letter.recipient_email:
        raise InputError(f"no email address is known for {letter.org.display_name}",
                         hint="post the letter (ydm letter --format pdf) or use their web form")
    msg = build_message(letter, sender=settings.sender if settings else "")
    if "From" not in msg:
        raise InputError("no sender address: give your email in your details or set --from with ydm send --setup")
    return msg
