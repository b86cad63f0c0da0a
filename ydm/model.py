"""The nouns of ydm: people, organisations, request kinds, requests and their events.

Plain dataclasses and enums, no I/O. Status, due date and next step of a request are never stored:
they are derived from its events by `deadlines` and `escalation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from ydm.nations import Nation
from ydm.postcodes import nation_of_address


class RequestKind(StrEnum):
    """What a letter asks for. Values are the CLI names (`ydm letter KIND`)."""

    ACCESS = "access"  # UK GDPR Art 15
    OBJECT_MARKETING = "object-marketing"  # Art 21(2)-(3); PECR regs 21-22
    OBJECT_PROCESSING = "object-processing"  # Art 21(1); DPA 2018 Sch 1 para 22(3)
    OPEN_REGISTER = "open-register"  # opt out of the open (edited) register; also Art 21
    ERASURE = "erasure"  # Art 17
    REMINDER = "reminder"  # the deadline passed
    COMPLAINT = "complaint"  # DPA 2018 s.164A complaint to the controller
    ICO_COMPLAINT = "ico-complaint"  # DPA 2018 s.165 complaint to the Commissioner
    FOLLOW_UP = "follow-up"  # a reply that misses Art 15(1) items
    # A report to the Electoral Commission of online political material without a digital imprint
    # (Elections Act 2022 Part 6). Not a request: no deadline, nothing to track (docs/law-letters.md).
    IMPRINT_REPORT = "imprint-report"

    @property
    def is_initial(self) -> bool:
        """True for the kinds that open a request; the others continue one."""
        return self in INITIAL_KINDS


INITIAL_KINDS = (
    RequestKind.ACCESS,
    RequestKind.OBJECT_MARKETING,
    RequestKind.OBJECT_PROCESSING,
    RequestKind.OPEN_REGISTER,
    RequestKind.ERASURE,
)

# Letters that report to a regulator rather than ask a controller: written by `ydm letter`, never tracked.
REPORT_KINDS = (RequestKind.IMPRINT_REPORT,)

KIND_SUMMARIES = {
    RequestKind.ACCESS: "Ask for a copy of everything they hold about you, where it came from and who they shared it with.",
    RequestKind.OBJECT_MARKETING: "Tell them to stop sending you political or marketing messages by post, phone, text or email.",
    RequestKind.OBJECT_PROCESSING: "Tell them to stop profiling you, scoring you or using your data to model how you vote.",
    RequestKind.OPEN_REGISTER: "Ask your electoral registration office to take you off the open register that anyone can buy.",
    RequestKind.ERASURE: "Ask them to delete the personal data they hold about you.",
    RequestKind.REMINDER: "Remind them that the time to answer has passed.",
    RequestKind.COMPLAINT: "Complain to the organisation itself about how it handled your request.",
    RequestKind.ICO_COMPLAINT: "Complain to the Information Commissioner's Office.",
    RequestKind.FOLLOW_UP: "Ask for the parts of your request that their reply left out.",
    RequestKind.IMPRINT_REPORT: "Tell the Electoral Commission about a political advert you saw online that does not say who is behind it.",
}


class Category(StrEnum):
    """What an organisation is, for filtering and for the questions a letter asks."""

    PARTY = "party"
    CAMPAIGNER = "campaigner"
    BROKER = "broker"
    PLATFORM = "platform"
    REGULATOR = "regulator"
    ERO = "ero"  # electoral registration officer / office
    OTHER = "other"

    @property
    def is_political(self) -> bool:
        return self in (Category.PARTY, Category.CAMPAIGNER)


class Channel(StrEnum):
    """How a letter travels. Receipt dates depend on it (see `deadlines`)."""

    EMAIL = "email"
    WEBFORM = "webform"
    FIRST_CLASS = "first-class"
    SECOND_CLASS = "second-class"
    HAND = "hand"

    @property
    def words(self) -> str:
        """For "sent by …": 'email', 'web form', 'first-class post', 'second-class post', 'hand'."""
        return {"webform": "web form", "first-class": "first-class post",
                "second-class": "second-class post"}.get(self.value, self.value)


class EventKind(StrEnum):
    """Things that happen to a request. The order here is the usual order of life."""

    DRAFTED = "drafted"
    SENT = "sent"
    RECEIVED = "received"  # the organisation's actual receipt date, when known
    ACKNOWLEDGED = "acknowledged"
    ID_REQUESTED = "id-requested"
    ID_PROVIDED = "id-provided"
    FEE_REQUESTED = "fee-requested"
    FEE_PAID = "fee-paid"
    CLARIFICATION_REQUESTED = "clarification-requested"
    CLARIFICATION_PROVIDED = "clarification-provided"
    EXTENDED = "extended"
    RESPONSE_RECEIVED = "response-received"
    RESPONSE_INCOMPLETE = "response-incomplete"
    REMINDER_SENT = "reminder-sent"
    COMPLAINT_SENT = "complaint-sent"
    COMPLAINT_ACKNOWLEDGED = "complaint-acknowledged"
    ICO_COMPLAINT_SENT = "ico-complaint-sent"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


@dataclass(frozen=True)
class Source:
    ref: str
    date: str = ""
    supports: str = ""


@dataclass(frozen=True)
class Seat:
    """Seats a party holds in one legislature, with the date and status of the count."""

    legislature: str  # house_of_commons | scottish_parliament | senedd | ni_assembly
    name: str
    seats: int
    status: str = ""
    date: str = ""
    source: str = ""
    basis: str = ""  # how a count that applies listed changes was reached, e.g. "4 on 2024-07-04, then +1 on …"


@dataclass(frozen=True)
class PostalAddress:
    """One published postal address of an organisation, with the date of the source that gives it
    ("undated" when the source prints none) and that source."""

    lines: tuple[str, ...]
    date: str = ""
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class LocalControllers:
    """The organisation's own sources say its local bodies (associations, constituency parties,
    branches) are controllers in their own right: what they are, what the person can do, and where
    that is said."""

    summary: str
    advice: str = ""
    source: str = ""
    date: str = ""


@dataclass(frozen=True)
class Organisation:
    """A controller a letter can go to. Every fact comes from party_contacts.toml with its source."""

    id: str
    display_name: str
    category: Category
    legal_name: str = ""
    aliases: tuple[str, ...] = ()
    nations: tuple[str, ...] = ()  # england | scotland | wales | northern-ireland: where it operates
    postal_address: tuple[str, ...] = ()
    postal_address_date: str = ""  # the date of the source giving postal_address, and that source
    postal_address_source: str = ""
    other_addresses: tuple[PostalAddress, ...] = ()  # further published addresses, until a register settles it
    local_controllers: LocalControllers | None = None
    email: str = ""
    alt_emails: tuple[str, ...] = ()
    webform: str = ""
    privacy_notice: str = ""
    ico_registration: str = ""
    electoral_commission_id: str = ""
    company_number: str = ""
    phone: str = ""
    notes: str = ""
    sources: tuple[Source, ...] = ()
    seats: tuple[Seat, ...] = ()
    confidence: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    last_verified: str = ""
    origin: str = "shipped"  # "shipped" or "user"

    @property
    def has_channel(self) -> bool:
        """Whether we know at least one way to send it a letter."""
        return bool(self.postal_address or self.email or self.webform)

    @property
    def address_options(self) -> tuple[PostalAddress, ...]:
        """Every published postal address, the one letters use by default first."""
        if not self.postal_address:
            return self.other_addresses
        return (PostalAddress(self.postal_address, self.postal_address_date, self.postal_address_source),
                *self.other_addresses)

    def with_address(self, index: int) -> Organisation:
        """This organisation with address_options[index] as the address letters use; the others
        stay listed, so the person can change their mind."""
        options = self.address_options
        chosen = options[index]
        rest = tuple(o for i, o in enumerate(options) if i != index)
        return replace(self, postal_address=chosen.lines, postal_address_date=chosen.date,
                       postal_address_source=chosen.source, other_addresses=rest)

    @property
    def home_nation(self) -> Nation:
        """The bank-holiday calendar of the controller, from its postcode (default England & Wales)."""
        return nation_of_address(self.postal_address)


@dataclass(frozen=True)
class Person:
    """The person writing. Everything here is personal data: never log it, never store it in plain text."""

    name: str
    address: tuple[str, ...] = ()  # lines, without the postcode
    postcode: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: str = ""
    other_names: tuple[str, ...] = ()
    previous_addresses: tuple[str, ...] = ()  # one line each
    electoral_number: str = ""
    account_refs: tuple[str, ...] = ()
    reply_format: str = "electronic"  # "electronic" or "paper"

    @property
    def address_block(self) -> tuple[str, ...]:
        return tuple(self.address) + ((self.postcode,) if self.postcode else ())


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened to a request, on a day. With slots: a listing of 100,000 requests holds
    some 300,000 of these, a quarter of the size of a dict-backed instance (issue 21: memory at 100k)."""

    kind: EventKind
    on: date
    note: str = ""
    data: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Request:
    """One letter's life: an initial request to one organisation and everything after it."""

    ref: str
    kind: RequestKind
    org_id: str
    channel: Channel = Channel.EMAIL
    nation: Nation | None = None  # bank holidays; None = the organisation's home nation
    events: list[Event] = field(default_factory=list)
    letter_text: str = ""
    org_name: str = ""
    id: int | None = None  # store row id
    # Who signed the letter: a fact of this request, so later letters (reminder, complaint) go out
    # under the same name even if the stored profile changes or belongs to someone else (an import).
    # None for requests recorded before ydm kept it: then the stored profile is used.
    sender: Person | None = None
    # Where the letter went when the person gave the address themselves (`--address-to`/`--email-to`,
    # or the address typed in the app for an organisation with none known): later letters go there too,
    # never to a placeholder. Empty: the organisation's researched contact.
    address_to: tuple[str, ...] = ()
    email_to: str = ""


_REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read out on the phone


def new_reference() -> str:
    """A short reference for the subject line, e.g. `YDM-7K3P9`, so replies can be matched."""
    # The OS's random source, what `secrets.choice` uses, without the hmac and base64 modules that
    # importing `secrets` adds to every letter's start-up (random is loaded by then anyway).
    from random import SystemRandom

    pick = SystemRandom().choice
    return "YDM-" + "".join(pick(_REF_ALPHABET) for _ in range(5))


# The one pattern for a reference, wherever one comes in (`ydm letter --reference`, a REF typed for
# `ydm requests`, an imported export): it goes into subject lines and mail headers, file names and
# listings, so no line breaks or control characters (a header could be forged), no `/` or `..` (a
# file could land outside its folder), ASCII only, and short enough for a subject line.
REFERENCE_MAX = 48
_REFERENCE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?")


def check_reference(text: str, where: str = "the reference") -> str:
    """`text` if it is a usable reference, else InputError saying what one may contain."""
    from ydm.errors import InputError

    if not isinstance(text, str) or len(text) > REFERENCE_MAX or not _REFERENCE.fullmatch(text) or ".." in text:
        shown = repr(text if not isinstance(text, str) or len(text) <= 60 else text[:60] + "…")
        raise InputError(f"{where} {shown} is not a reference: use up to {REFERENCE_MAX} letters, digits, "
                         "'-', '_', '.' or spaces, starting and ending with a letter or digit (e.g. YDM-7K3P9)")
    return text
