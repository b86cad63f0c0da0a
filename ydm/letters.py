"""Letters: jinja2 templates from letter_templates/ filled with a person and an organisation.

(Interface first; rendering lands in the next commit.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ydm.model import Organisation, Person, RequestKind

ADDRESS_PLACEHOLDER = "[ADDRESS NEEDED: we have no postal address for this organisation; write it here]"


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

    @property
    def sender_lines(self) -> tuple[str, ...]:
        lines = (self.person.name, *self.person.address_block)
        return lines + ((self.person.email,) if self.person.email else ())

    @property
    def text(self) -> str:
        from ydm.formats.text import render_text

        return render_text(self)
