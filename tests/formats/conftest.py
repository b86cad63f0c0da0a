"""Letters built directly from the dataclass, so format tests do not depend on the templates."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.letters import Letter
from ydm.model import Category, Organisation, Person, RequestKind

BODY = """Dear Data Protection Officer,

SUBJECT ACCESS REQUEST under Article 15 of the UK GDPR

I am making a subject access request under Article 15 of the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018.

Please confirm whether you process personal data about me and, if you do, send me a copy of it together with:

  (a) the purposes of the processing, and the lawful basis you rely on for each purpose;
  (b) the categories of personal data concerned, including any special category data such as data revealing political opinions;
  (c) the recipients or categories of recipient to whom my data has been or will be disclosed;
  - every source of my data: the full or marked electoral register, canvassing, petitions and data bought from brokers;

Please quote the reference {ref} in your reply, so that it can be matched to this letter.

Yours faithfully,



{name}"""


def make_letter(
    *,
    name: str = "Zoë Example",
    address: tuple[str, ...] = ("1 High Street", "Exampletown"),
    postcode: str = "EX1 2AB",
    email: str = "zoe@example.org",
    ref: str = "YDM-7K3P9",
    org_id: str = "example-party",
    org_name: str = "Example Party",
    recipient_lines: tuple[str, ...] | None = None,
    recipient_email: str = "dpo@example-party.org.uk",
    recipient_webform: str = "",
    address_missing: bool = False,
    body: str | None = None,
    subject: str | None = None,
    on: date = date(2026, 11, 26),
) -> Letter:
    person = Person(name=name, address=address, postcode=postcode, email=email)
    org = Organisation(
        id=org_id,
        display_name=org_name,
        category=Category.PARTY,
        postal_address=("Data Protection Officer", "10 Party House", "London", "SW1A 1AA"),
        email=recipient_email,
        webform=recipient_webform,
    )
    if recipient_lines is None:
        recipient_lines = (org_name, *org.postal_address)
    return Letter(
        kind=RequestKind.ACCESS,
        reference=ref,
        on=on,
        subject=subject or f"Subject access request — {ref}",
        body=body if body is not None else BODY.format(ref=ref, name=name),
        person=person,
        org=org,
        recipient_lines=recipient_lines,
        recipient_email=recipient_email,
        recipient_webform=recipient_webform,
        address_missing=address_missing,
    )


@pytest.fixture
def letter() -> Letter:
    return make_letter()
