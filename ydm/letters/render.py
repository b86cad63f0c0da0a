"""Letters: jinja2 templates from letter_templates/ filled with a person and an organisation.

The environment uses StrictUndefined, so a template that asks for something we did not give fails
loudly instead of printing a blank. The person's own words (free text, names, addresses) are passed
as data and never compiled as template source, so `{{ ... }}` typed by a user prints as typed.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ydm.errors import DataError, InputError
from ydm.law.commencement import citations, in_force
from ydm.letters.letter import Letter
from ydm.model import Category, Organisation, Person, RequestKind, check_reference, new_reference
from ydm.postcodes import nation_of_address
from ydm.profile import clean_text

ADDRESS_PLACEHOLDER = "[ADDRESS NEEDED: we have no postal address for this organisation; write it here]"

SUBJECTS = {
    RequestKind.ACCESS: "Subject access request (UK GDPR Article 15)",
    RequestKind.OBJECT_MARKETING: "Objection to direct marketing (UK GDPR Article 21(2))",
    RequestKind.OBJECT_PROCESSING: "Objection to processing and profiling (UK GDPR Article 21(1))",
    RequestKind.OPEN_REGISTER: "Please remove me from the open register",
    RequestKind.ERASURE: "Request to erase personal data (UK GDPR Article 17)",
    RequestKind.REMINDER: "Reminder: my request is overdue",
    RequestKind.COMPLAINT: "Complaint under section 164A of the Data Protection Act 2018",
    RequestKind.ICO_COMPLAINT: "Data protection complaint",
    RequestKind.FOLLOW_UP: "Your reply to my subject access request is incomplete",
    RequestKind.IMPRINT_REPORT: "Report: political material online without a digital imprint (Elections Act 2022 Part 6)",
}

# The one recipient of a report about a missing digital imprint (Elections Act 2022 s.50: the Commission
# or the police enforce; the Commission passes on what is the police's, docs/law-letters.md).
ELECTORAL_COMMISSION = "electoral-commission"
# What the Commission needs to look into a report (the advert, where and when it was seen, who is behind
# it: issue 16; docs/law-letters.md), every key always present for the template.
REPORT_FIELDS = {"advert": "", "where": "", "seen_on": "", "url": "", "promoter": "", "paid": False,
                 "targeted": False, "screenshot": False}

# What each kind needs from the person before a letter can be valid.
_NEEDS_ADDRESS = {RequestKind.OPEN_REGISTER}  # the ERO must find the registered address
_ADDRESSEE_WORDS = ("data protection", "privacy", "dpo", "electoral", "registration", "information rights", "legal")


@lru_cache(maxsize=1)
def environment():
    """The one jinja2 Environment over letter_templates/ (cached: building it costs a few ms)."""
    import jinja2

    from ydm import paths
    from ydm.letters.template_cache import bytecode_cache

    # Compiled templates (no personal data), loaded only from a folder no one else can write.
    bytecode = bytecode_cache(paths.cache_dir() / "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.templates_dir())),
        bytecode_cache=bytecode,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text letters; formats escape for their own medium
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["the"] = with_article
    env.filters["capfirst"] = capfirst
    return env


def ico_route(on: date) -> str:
    """The law under which a complaint to the ICO is made on `on`: Art 77 UK GDPR until DUAA s.103 and
    Sch 10 para 2 replaced it with DPA 2018 s.165 on 19 Jun 2026, the day s.164A began (law.md R31, §4;
    SI 2026/82 regs 3 and 7): the date is the commencement table's (ydm.law.commencement)."""
    return "section 165 of the Data Protection Act 2018" if in_force("s165", on) else "Article 77 of the UK GDPR"


# English puts "the" before a name that is a common noun phrase ("the Labour Party", "the Liberal
# Democrats", "the Information Commissioner's Office", "the Electoral Registration Officer, Cardiff"),
# not before a proper name ("Reform UK", "Plaid Cymru", "Experian", "Your Party"). Issue 16 finding 12.
_THE_NOUNS = frozenset({"party", "democrats", "greens", "office", "commission", "officer", "coalition",
                        "conservatives", "unionists"})
_NO_ARTICLE_FIRST = frozenset({"your", "our", "my", "their"})


def with_article(name: str) -> str:
    """`name` as it reads inside a sentence: "the Labour Party", "the Electoral Commission" (a leading
    "The" is lower-cased), "Reform UK" unchanged."""
    import re

    name = (name or "").strip()
    if not name:
        return name
    if name[:4].casefold() == "the ":
        return "the " + name[4:]
    base = re.split(r" \(| – | - |,", name)[0].strip()
    words = base.split()
    if not words or words[0].casefold() in _NO_ARTICLE_FIRST:
        return name
    if words[-1].casefold() in _THE_NOUNS or re.search(r"\bParty of\b", base):
        return "the " + name
    return name


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def salutation(org: Organisation) -> str:
    if org.category == Category.ERO:
        return "Electoral Registration Officer"
    if org.category == Category.REGULATOR:
        return "Sir or Madam"
    return "Data Protection Officer"


def recipient_block(org: Organisation, address_to: tuple[str, ...] | None = None) -> tuple[tuple[str, ...], bool]:
    """The recipient's address lines, and whether the address is missing.

    Addressed to the data protection officer where the researched address names no team (the ICO
    advises sending requests to the DPO); the organisation's name is added if no line carries it.
    Never invents an address: with none known, the block says one must be written in.
    """
    lines = tuple(address_to) if address_to else tuple(org.postal_address)
    name = org.legal_name or org.display_name
    # An addressee line names a role (the DPO, the ERO); a regulator has none, and "Sir or Madam" is a
    # salutation, not an addressee, so the ICO's block starts with its own name.
    role = (salutation(org),) if org.category != Category.REGULATOR else ()
    if not lines:
        return (*role, name, ADDRESS_PLACEHOLDER), True
    folded = " ".join(lines).casefold()
    name_line: tuple[str, ...] = ()
    if not any(part.casefold() in folded for part in {org.display_name, name} if part):
        first_word = name.split(" (")[0].casefold().removeprefix("the ")
        if first_word not in folded:
            name_line = (name,)
    # The role goes first unless a line, or the name added below it, already names one: "Fife Council
    # Electoral Registration Officer" needs no "Electoral Registration Officer" above it.
    named = any(role and role[0].casefold() in line.casefold() for line in name_line)
    head = role if role and not named and not any(word in folded for word in _ADDRESSEE_WORDS) else ()
    return (*head, *name_line, *lines), False


def check_recipient(kind: RequestKind, org: Organisation) -> None:
    """An open-register opt-out only means something to an electoral registration officer."""
    if kind == RequestKind.IMPRINT_REPORT and org.id != ELECTORAL_COMMISSION:
        raise InputError(
            f"a report about a missing digital imprint goes to the Electoral Commission, not to {org.display_name}: "
            "leave out --to (or give --to electoral-commission) and name who you think is behind it with --promoter"
        )
    if kind == RequestKind.OPEN_REGISTER and org.category != Category.ERO:
        raise InputError(
            f"an open-register letter goes to your electoral registration office, not to {org.display_name}: "
            "find yours with 'ydm lookup POSTCODE --remember' (or type it in with 'ydm lookup POSTCODE --manual') "
            "and use the id it prints with --to"
        )


def check_person(kind: RequestKind, person: Person) -> None:
    """Refuse a letter that an organisation could not act on, saying exactly what is missing."""
    if not person.name.strip():
        raise InputError("your name is needed (--name, or 'name' in the profile)")
    if kind in _NEEDS_ADDRESS and not (person.address and person.postcode):
        raise InputError(
            f"the {kind.value} letter needs the address you are registered to vote at, with its postcode "
            "(--address and --postcode, or 'address' and 'postcode' in the profile)"
        )
    if not (person.address or person.email):
        raise InputError("an address or an email is needed so the organisation can reply to you")


def render(
    kind: RequestKind | str,
    person: Person,
    org: Organisation,
    *,
    today: date,
    reference: str | None = None,
    extra_text: str = "",
    grounds: str = "",
    address_to: tuple[str, ...] | None = None,
    email_to: str | None = None,
    context: dict | None = None,
    leave_out=None,
) -> Letter:
    """Fill the template for `kind` for one organisation. `context` feeds the escalation letters."""
    import jinja2

    try:
        kind = RequestKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in RequestKind)
        raise InputError(f"unknown letter kind '{kind}' (one of {allowed})") from None
    check_person(kind, person)
    check_recipient(kind, org)
    from ydm.letters.details import for_letter

    # Only what the organisation needs to find the person: their choice, else the category's default.
    person = for_letter(person, org, leave_out)
    reference = check_reference(reference, "--reference") if reference else new_reference()
    recipient_lines, missing = recipient_block(org, address_to)
    values = {
        "person": person,
        "org": org,
        "kind": kind.value,
        "category": org.category.value,
        "political": org.category.is_political,
        "ref": reference,
        "today": today,
        "recipient_salutation": salutation(org),
        # The person's own words: the same invisible-character rule as their details (ydm.profile).
        "extra_text": clean_text(extra_text or "", keep_newlines=True).strip(),
        "grounds": " ".join(clean_text(grounds or "").split()),
        # Which law the letter cites depends on its date, from the one commencement table
        # (ydm.law.commencement; SI 2026/82 regs 2-4 and 7): `law.art12a`, `law.art6_1_ea`, ...
        "law": citations(today),
        "article_12a": in_force("art12a", today),
        "s164a": in_force("s164a", today),
        "ico_law": ico_route(today),  # the route to the ICO on the letter's date (law.md R31)
        "person_nation": nation_of_address(person.address_block).value,
        **(context or {}),
    }
    values["report"] = {key: " ".join(clean_text(value).split()) if isinstance(value, str) else bool(value)
                        for key, value in {**REPORT_FIELDS, **values.get("report", {})}.items()}
    try:
        template = environment().get_template(f"{kind.value}.txt.j2")
        body = template.render(values)
    except jinja2.TemplateNotFound:
        raise DataError(f"no letter template for '{kind.value}' in {environment().loader.searchpath[0]}") from None
    except jinja2.UndefinedError as exc:
        raise DataError(f"letter template '{kind.value}' needs something that was not given: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise DataError(f"letter template '{kind.value}' is broken: {exc}") from None
    return Letter(
        kind=kind,
        reference=reference,
        on=today,
        subject=f"{SUBJECTS[kind]} - ref {reference}",
        body=_tidy(body),
        person=person,
        org=org,
        recipient_lines=recipient_lines,
        recipient_email=email_to if email_to is not None else org.email,
        recipient_webform="" if email_to else org.webform,
        address_missing=missing,
        address_to=tuple(address_to or ()),
    )


def _tidy(body: str) -> str:
    """No runs of more than three blank lines (the signature space) and one final newline."""
    import re

    return re.sub(r"\n{5,}", "\n\n\n\n", body).strip() + "\n"
