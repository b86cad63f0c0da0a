"""Letters as email messages (stdlib `email`): an .eml file to open in a mail program, or what SMTP sends.

The message is plain text, UTF-8, quoted-printable (readable in any editor, safe on any server),
with the reference in the subject so replies can be matched. An .eml file is marked `X-Unsent: 1`,
which makes Outlook (and Thunderbird's "Edit as new") open it as a draft ready to send, instead of
as a received message.
"""

from __future__ import annotations

import email.policy
import re
from datetime import UTC, datetime, time
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from ydm import clock
from ydm.errors import InputError
from ydm.letters.letter import Letter

# RFC 5322 lines are limited to 998 octets and should be <= 78 characters: policy.SMTP folds the
# headers, quoted-printable wraps the body; both use CRLF as the wire format wants.
POLICY = email.policy.SMTP


def subject_with_reference(subject: str, reference: str) -> str:
    """The subject, with the reference added if it is not in it already."""
    subject = " ".join(subject.split())
    if reference and reference.upper() not in subject.upper():
        subject = f"{subject} [{reference}]" if subject else reference
    return subject


def email_body(letter: Letter) -> str:
    """What goes in the email: the letter from the salutation to the name (addresses and date are in
    the headers; the person's details for identification are in the body already)."""
    body = letter.body.replace("\r\n", "\n").strip("\n")
    return re.sub(r"\n{4,}", "\n\n\n", body) + "\n"


def _domain(address: str) -> str:
    """Message-ID domain from the sender's address, never this computer's host name."""
    _, _, domain = address.rpartition("@")
    return domain if re.fullmatch(r"[A-Za-z0-9.-]+", domain or "") else "ydm.invalid"


def build_message(letter: Letter, *, sender: str = "", when: datetime | None = None,
                  draft: bool = False) -> EmailMessage:
    """The letter as an email. `sender` overrides the From address (an SMTP account's own address);
    `when` is the Date header (default now; a draft without `when` is dated on the letter's date)."""
    msg = EmailMessage(policy=POLICY)
    person = letter.person
    from_addr = sender or person.email
    try:
        if from_addr:
            msg["From"] = formataddr((person.name, from_addr))
        if letter.recipient_email:
            msg["To"] = formataddr((letter.org.display_name, letter.recipient_email))
        if person.email and sender and sender.lower() != person.email.lower():
            msg["Reply-To"] = formataddr((person.name, person.email))
    except (ValueError, TypeError) as exc:  # an address the email library cannot encode
        raise InputError(f"cannot use that email address in a message: {exc}") from None
    msg["Subject"] = subject_with_reference(letter.subject, letter.reference)
    if when is None:
        when = (datetime.combine(letter.on, time(9, 0), tzinfo=UTC) if draft
                else clock.now())
    msg["Date"] = format_datetime(when if when.tzinfo else when.replace(tzinfo=UTC))
    msg["Message-ID"] = make_msgid(idstring=letter.reference or None, domain=_domain(from_addr))
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(email_body(letter), charset="utf-8", cte="quoted-printable")
    return msg


def render(letter: Letter) -> bytes:
    """An .eml file (a draft: open it in your mail program and press send)."""
    return build_message(letter, draft=True).as_bytes(policy=POLICY)
