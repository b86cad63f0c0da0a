"""Handing a letter to the person's own mail program (`mailto:` link) or to an organisation's web form.

Both return plain data (a URL and the text to paste) for the TUI, the CLI and the guided session
to show; nothing here opens a browser or records anything. Recording "sent" happens when the
person confirms (tracker, `ydm requests mark REF sent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ydm.letters.formats.eml import email_body, subject_with_reference
from ydm.letters.formats.text import long_date
from ydm.letters.letter import Letter

# RFC 6068 sets no length limit for mailto: URLs, but the programs that pass them on do: Internet
# Explorer and the Windows shell stop at 2,083 characters (Microsoft KB 208427, "Maximum URL length
# is 2,083 characters in Internet Explorer"), some mail clients truncate sooner, and ~2,000 is the
# commonly quoted safe length. Longer letters get a link with the address and subject only, and
# the body is shown for copying.
MAILTO_SAFE_LENGTH = 2000

# RFC 6068 section 2: in hfvalues everything outside unreserved + some-delims must be
# percent-encoded; encoding all but unreserved characters is always correct. Line breaks in the
# body MUST be %0D%0A (section 5).
_UNRESERVED = "-._~"


def _enc(value: str) -> str:
    return quote(value, safe=_UNRESERVED)


def mailto_url(to: str, subject: str = "", body: str = "") -> str:
    """A correctly encoded `mailto:` URL (UTF-8, percent-encoded, CRLF line breaks)."""
    # In the address "@" stays literal; anything else unusual ("+" too: some programs read it as a
    # space) is percent-encoded, which RFC 6068 section 2 allows everywhere.
    url = "mailto:" + quote(to.strip(), safe="@" + _UNRESERVED)
    fields = []
    if subject:
        fields.append("subject=" + _enc(subject))
    if body:
        crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
        fields.append("body=" + _enc(crlf))
    return url + ("?" + "&".join(fields) if fields else "")


@dataclass(frozen=True)
class MailtoLink:
    """What to show for "send it from my own email": a link, and the text to copy if it is not in it."""

    url: str  # always usable: with the body if it fits, else address + subject only
    to: str
    subject: str
    body: str
    body_in_link: bool  # False: tell the person to paste `body` into the message

    @property
    def copy_text(self) -> str:
        """Text to paste into the new message ('' when the link carries the body)."""
        return "" if self.body_in_link else self.body


def mailto_link(letter: Letter, *, limit: int = MAILTO_SAFE_LENGTH) -> MailtoLink:
    """A `mailto:` link for the letter, falling back to "copy the text" when too long for mail programs."""
    if not letter.recipient_email:
        from ydm.errors import InputError

        raise InputError(f"no email address is known for {letter.org.display_name}",
                         hint="post the letter (PDF) or use their web form")
    subject = subject_with_reference(letter.subject, letter.reference)
    body = email_body(letter)
    full = mailto_url(letter.recipient_email, subject, body)
    if len(full) <= limit:
        return MailtoLink(full, letter.recipient_email, subject, body, True)
    return MailtoLink(mailto_url(letter.recipient_email, subject), letter.recipient_email, subject, body, False)


@dataclass(frozen=True)
class WebFormHandover:
    """Everything to paste into an organisation's web form, field by field."""

    url: str
    subject: str
    text: str  # the letter (message box)
    reference: str
    fields: tuple[tuple[str, str], ...]  # (label, value): name, email, address, postcode, date

    def as_text(self) -> str:
        """One block for a terminal or a printout: where to go, then what to paste."""
        lines = [f"Open: {self.url}", "", "Fill in:"]
        lines += [f"  {label}: {value}" for label, value in self.fields if value]
        lines += [f"  Subject: {self.subject}", "", "Message (paste all of it):", "", self.text.rstrip(), ""]
        return "\n".join(lines)


def webform_handover(letter: Letter) -> WebFormHandover:
    """The web form's address and the text to paste. Recorded as sent only when the person confirms."""
    if not letter.recipient_webform:
        from ydm.errors import InputError

        raise InputError(f"no web form is known for {letter.org.display_name}",
                         hint="email or post the letter instead")
    person = letter.person
    fields = (
        ("Name", person.name),
        ("Email", person.email),
        ("Address", ", ".join(person.address)),
        ("Postcode", person.postcode),
        ("Date of the request", long_date(letter.on)),
        ("Reference", letter.reference),
    )
    return WebFormHandover(
        url=letter.recipient_webform,
        subject=subject_with_reference(letter.subject, letter.reference),
        text=email_body(letter),
        reference=letter.reference,
        fields=fields,
    )
