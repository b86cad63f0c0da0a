"""Letters as email messages (stdlib `email`): an .eml file to open in a mail program, or what SMTP sends.

The message is plain text, UTF-8, quoted-printable (readable in any editor, safe on any server),
with the reference in the subject so replies can be matched.

Address headers (From, To, Reply-To) are built as `email.headerregistry.Address` objects, never
pasted strings, so a display name is always one phrase (RFC 5322 §3.4): quoted when it holds specials
("O'Brien (Dublin)", `<`, `@`, `,`), RFC 2047-encoded as a whole when it is not ASCII ("王小明 (Wang
Xiaoming)" keeps its brackets instead of their becoming a comment that clients drop). Python's header
folder (3.11-3.13) drops the quotes of a long quoted display name when it folds it, so an 82-character
name holding `<attacker@evil.org>` became the From address (issue 18 item 7): address headers are
therefore not folded (RFC 5322 §2.1.1 allows 998 octets a line; only the SHOULD of 78 is given up for
them), and every address header is parsed back before the message leaves `build_message`: if it does
not read back as exactly the name and address put in, the message is refused. An .eml file is marked `X-Unsent: 1`,
which makes Outlook (and Thunderbird's "Edit as new") open it as a draft ready to send, instead of
as a received message.
"""

from __future__ import annotations

import email.policy
import re
from datetime import UTC, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ydm import clock
from ydm.errors import InputError
from ydm.letters.letter import Letter

ADDRESS_HEADERS = frozenset({"from", "to", "reply-to", "cc", "bcc", "sender"})
MAX_LINE = 998  # RFC 5322 §2.1.1: the hard limit of a line, CRLF excluded


class _Policy(email.policy.EmailPolicy):
    """policy.SMTP (CRLF, folding at 78), except that address headers are not folded (see above)."""

    def _unfolded(self):
        return email.policy.EmailPolicy.clone(self, max_line_length=MAX_LINE)

    def fold(self, name, value):
        if name.lower() in ADDRESS_HEADERS:
            return email.policy.EmailPolicy.fold(self._unfolded(), name, value)
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower() in ADDRESS_HEADERS:
            return email.policy.EmailPolicy.fold_binary(self._unfolded(), name, value)
        return super().fold_binary(name, value)


# RFC 5322 lines are limited to 998 octets and should be <= 78 characters: the policy folds the other
# headers, quoted-printable wraps the body; both use CRLF as the wire format wants.
POLICY = _Policy(linesep="\r\n")


def _address(name: str, addr: str) -> Address:
    try:
        return Address(display_name=" ".join(name.split()), addr_spec=addr.strip())
    except (ValueError, TypeError, IndexError) as exc:  # an address the email library cannot parse
        raise InputError(f"cannot use the email address '{addr}' in a message: {exc}") from None


def _check_addresses(msg: EmailMessage, put: dict[str, Address]) -> None:
    """Each address header, as a mail program will parse it, is exactly the one name and address put in."""
    from email import message_from_bytes

    head = msg.as_bytes(policy=POLICY).split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    parsed = message_from_bytes(head, policy=email.policy.default)
    for name, want in put.items():
        got = parsed[name].addresses if parsed[name] is not None else ()
        if len(got) != 1 or (got[0].display_name, got[0].addr_spec) != (want.display_name, want.addr_spec):
            raise InputError(f"the {name} header would not read back as {want.display_name!r} <{want.addr_spec}>"
                             " (a name too long or too odd for an email header)", hint="shorten the name")


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
    put: dict[str, Address] = {}
    if from_addr:
        put["From"] = _address(person.name, from_addr)
    if letter.recipient_email:
        put["To"] = _address(letter.org.display_name, letter.recipient_email)
    if person.email and sender and sender.lower() != person.email.lower():
        put["Reply-To"] = _address(person.name, person.email)
    try:
        for name, address in put.items():
            msg[name] = address
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
    _check_addresses(msg, put)
    return msg


def render(letter: Letter) -> bytes:
    """An .eml file (a draft: open it in your mail program and press send)."""
    return build_message(letter, draft=True).as_bytes(policy=POLICY)
