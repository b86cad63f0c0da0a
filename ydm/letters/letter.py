"""A rendered letter, in parts (`Letter`), and its plain-text layout as posted.

The type every format (text, md, pdf, eml, mailto) lays out; its own module so that formats and the
renderer both stand on it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ydm.model import Organisation, Person, RequestKind


@dataclass(frozen=True)
class Letter:
    """One rendered letter, in parts, so each format (text, md, pdf, eml) can lay it out its own way.

    `body` runs from the salutation to the signature line; `text` is the whole plain-text letter
    (sender block, date, recipient block, subject, body) as it would be posted.
    """

    kind: RequestKind
    reference: str
    on: date
    subject: str
    body: str
    person: Person
    org: Organisation
    recipient_lines: tuple[str, ...]  # addressee + postal address, or the placeholder line
    recipient_email: str = ""
    recipient_webform: str = ""
    address_missing: bool = False
    # The postal address the person gave (`--address-to`, or typed in the app), kept with the request so
    # that its later letters go to the same place. Empty: the organisation's researched address.
    address_to: tuple[str, ...] = ()

    @property
    def sender_lines(self) -> tuple[str, ...]:
        lines = (self.person.name, *self.person.address_block)
        return lines + ((self.person.email,) if self.person.email else ())

    @property
    def text(self) -> str:
        return render_text(self)

    @property
    def has_channel(self) -> bool:
        return bool(not self.address_missing or self.recipient_email or self.recipient_webform)


def long_date(d) -> str:
    """`26 November 2026`: the UK letter style, no leading zero."""
    return f"{d.day} {d:%B %Y}"


def render_text(letter: Letter) -> str:
    parts = [
        "\n".join(letter.sender_lines),
        "",
        long_date(letter.on),
        "",
        "\n".join(letter.recipient_lines),
    ]
    if letter.recipient_email:
        parts.append(f"By email: {letter.recipient_email}")
    elif letter.recipient_webform:
        parts.append(f"Via web form: {letter.recipient_webform}")
    parts += ["", f"Subject: {letter.subject}", "", letter.body.rstrip(), ""]
    return "\n".join(parts)
