"""The guided session's questions in plain English, and the checks on each answer.

Kept apart from `session` (the state machine) so the words can be read and edited in one place.
Each question says why we ask; every check raises InputError with what to fix, in everyday words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ydm import postcodes, profile
from ydm.errors import InputError
from ydm.model import INITIAL_KINDS, KIND_SUMMARIES, Channel, RequestKind

if TYPE_CHECKING:
    from ydm.session import Session

# --- plain words -------------------------------------------------------------------------------

GOALS: dict[str, tuple[str, str]] = {
    "know": (
        "Find out what the parties know about me",
        ("A letter to each party with elected representatives where you live, asking for a copy "
        "of everything they hold about you and where they got it."),
    ),
    "stop-contact": (
        "Stop parties contacting me",
        ("A letter to each of those parties telling them to stop sending you leaflets, calls, texts "
        "and emails. They must stop, with one exception: at an election, each candidate may still "
        "send you one election leaflet free by post."),
    ),
    "stop-sold": (
        "Stop my details being sold",
        ("Letters to data brokers telling them to stop using your details for marketing, and one to "
        "the electoral registration office for your address to take you off the open register, "
        "which anyone can buy."),
    ),
    "choose": ("Choose the letters myself", "Pick the kind of letter and the organisations yourself."),
}

KIND_TITLES = {
    RequestKind.ACCESS: "Get a copy of my data",
    RequestKind.OBJECT_MARKETING: "Stop marketing me",
    RequestKind.OBJECT_PROCESSING: "Stop profiling me",
    RequestKind.OPEN_REGISTER: "Take me off the open register",
    RequestKind.ERASURE: "Delete my data",
}

# What each letter does, what to expect, how long, and what if nothing comes back: everyday words.
KIND_EXPLAINED = {
    RequestKind.ACCESS: (
        "A 'subject access request'. The law says they must send you a copy of the information "
        "they hold about you, say where they got it, why they use it and who they shared it with. "
        "It is free. They have one month; they can extend by two more months if they tell you why "
        "within the first month. If they ask you to prove who you are, their month starts again "
        "from the day they receive your proof. If they ask what exactly you want, the days from "
        "their question to your answer do not count."
    ),
    RequestKind.OBJECT_MARKETING: (
        "An objection to direct marketing. You do not need a reason: once they get it they must "
        "stop using your details to send you political or marketing messages, by post, phone, "
        "text or email. They should confirm within one month."
    ),
    RequestKind.OBJECT_PROCESSING: (
        "An objection to profiling. It asks them to stop scoring you or guessing how you vote. "
        "They must stop unless they can show a strong reason of their own. They have one month."
    ),
    RequestKind.OPEN_REGISTER: (
        "A request to your electoral registration office to leave you out of the open register, "
        "the version of the electoral register that anyone can buy. You stay on the full "
        "register and can still vote. Copies already sold cannot be changed."
    ),
    RequestKind.ERASURE: (
        "A request to delete what they hold about you. They must delete it unless the law lets "
        "them keep it, and tell you what they did within one month."
    ),
}

NO_ANSWER = (
    "If there is no answer by the due date, send a reminder. If there is still nothing, complain "
    "to the organisation itself; it must acknowledge a complaint within 30 days. After that you can "
    "complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113) within three "
    "months of your last contact with the organisation."
)

# The same fact the objection letter states for parties (letter_templates/object-marketing.txt.j2;
# law.md R27): candidates keep their right to one election mailing free of postage.
ELECTION_POST = (
    "A letter telling a party to stop contacting you covers everything except one thing: at an "
    "election, each candidate still has a legal right to send you one election leaflet free of "
    "postage (section 91 of the Representation of the People Act 1983). The letter says so."
)

# Question ids for "we have no address for this organisation": RECIPIENT + the organisation's id.
RECIPIENT = "to:"

CHANNELS: dict[str, tuple[Channel, str, str]] = {
    "first-class": (Channel.FIRST_CLASS, "Post, first class", "We print the letters; you post them."),
    "second-class": (Channel.SECOND_CLASS, "Post, second class", "Cheaper; counted as arriving two days later."),
    "email": (Channel.EMAIL, "Email from my own email",
              ("We show the address and the text to paste into your own webmail. Organisations "
              "without an email address get theirs by web form or first-class post.")),
    "hand": (Channel.HAND, "By hand", "You deliver the letters yourself."),
}

NATION_NAMES = {"england": "England", "scotland": "Scotland", "wales": "Wales",
                "northern-ireland": "Northern Ireland"}


def nation_guess(postcode: str) -> tuple[str, bool]:
    """(england|scotland|wales|northern-ireland, sure): near a border, not sure, so we ask."""
    return postcodes.nation_of_residence(postcode)


def ero_words(nation: str | None) -> dict[str, str]:
    """Who keeps the electoral register, in the patron's nation, and how to find it (law.md §5).

    England and Wales: the council's electoral registration officer. Scotland: not the council but
    the electoral registration officer at the local assessor or valuation joint board. Northern
    Ireland: the Electoral Office for Northern Ireland (EONI) for everyone, so nothing is asked.
    """
    if nation == "scotland":
        return {
            "who": ("the electoral registration officer at your local assessor or valuation joint board "
                    "(in Scotland it is not the council)"),
            "title": "Registration office",
            "ask": "Which assessor or valuation joint board covers your address?",
            "find": ("the librarian can help you find it: search the web for 'electoral registration' "
                     "and your council area, or look at the Scottish Assessors' website, saa.gov.uk."),
            "hint": "like Lothian Valuation Joint Board",
            "address": "It is on the assessor's or valuation joint board's 'electoral registration' web page.",
            "empty": "Please type the name of the assessor or valuation joint board.",
        }
    if nation == "northern-ireland":
        return {
            "who": "the Electoral Office for Northern Ireland (EONI), which keeps the register for everyone there",
            "title": "Registration office", "ask": "", "find": "", "hint": "", "address": "",
            "empty": "Please type the office's name.",
        }
    return {
        "who": "the electoral registration officer at your council",
        "title": "Council",
        "ask": "Which council do you pay council tax to?",
        "find": "the librarian can help you find it on the council's website.",
        "hint": "like Cardiff Council",
        "address": "It is usually on the council's 'electoral registration' web page.",
        "empty": "Please type the council's name.",
    }


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Question:
    """One screen (or one prompt in --plain): a question, why we ask, and how to answer."""

    id: str
    title: str  # a few words, for the step line
    prompt: str
    why: str
    kind: str = "text"  # text | choice | multi
    options: tuple[Option, ...] = ()
    optional: bool = False
    default: Any = None  # text: a string; choice: a value; multi: a tuple of values
    hint: str = ""  # e.g. "like SW1A 1AA"


def build(s: Session, qid: str) -> Question:
    """The question `qid` as it stands given the answers so far."""
    a = {**s.drafts, **s.answers}
    if qid == "goal":
        return Question(
            "goal", "What to do", "What would you like to do today?",
            "So we write the right letters. Each choice is explained; you can go back and change it.",
            kind="choice", options=tuple(Option(k, t, d) for k, (t, d) in GOALS.items()),
            default=a.get("goal", "know"))
    if qid == "kinds":
        return Question(
            "kinds", "Which letters", "Which letters would you like to send? Choose one or more.",
            "Each organisation you pick later gets one letter of each kind you choose here.",
            kind="multi",
            options=tuple(Option(k.value, KIND_TITLES[k], KIND_SUMMARIES[k]) for k in INITIAL_KINDS),
            default=tuple(a.get("kinds", ())))
    if qid == "name":
        return Question(
            "name", "Your name", "What is your full name?",
            "Organisations need your name to find you in their records. It goes on each letter and "
            "nowhere else: nothing is kept on this computer.",
            hint="as it appears on the electoral register", default=a.get("name", ""))
    if qid == "postcode":
        return Question(
            "postcode", "Your postcode", "What is your postcode?",
            "It tells us which parties have elected representatives where you live and which office "
            "keeps your electoral register. It also goes on the letters.",
            hint="like SW1A 1AA", default=a.get("postcode", ""))
    if qid == "nation":
        guess = nation_guess(a["postcode"])[0]
        return Question(
            "nation", "Where you live", "Your postcode is near a border. Which nation do you live in?",
            "Different parties have elected representatives in each nation.",
            kind="choice", options=tuple(Option(k, v) for k, v in NATION_NAMES.items()),
            default=a.get("nation", guess))
    if qid == "address":
        return Question(
            "address", "Your address", "What is your address? Leave out the postcode.",
            "Organisations match your address with their records (most parties use the electoral "
            "register), and post their answer to it.",
            hint="separate lines with commas, like: 1 High Street, Anytown", default=a.get("address", ""))
    if qid == "email":
        return Question(
            "email", "Your email", "What is your email address? You can leave this empty.",
            "Organisations can send their answer by email, which is usually quicker. If you send "
            "letters from your own email, they will reply to it.",
            optional=True, hint="like name@example.org", default=a.get("email", ""))
    if qid == "office":
        office = s.office
        where = ", ".join(office.postal_address) if office else ""
        return Question(
            "office", "Registration office", "Is this your electoral registration office?",
            f"The open register letter goes to the office that keeps the electoral register for "
            f"your address: {ero_words(s.nation)['who']}. We looked it up from your postcode only.",
            kind="choice",
            options=(Option("found", f"Yes: {office.display_name if office else ''}", where),
                     Option("manual", "No, I will type the address myself")),
            default=a.get("office", "found"))
    if qid == "office_pick":
        return Question(
            "office_pick", "Your address",
            "Your postcode is split between more than one electoral registration office. Which is your address?",
            "Different offices keep the electoral register for different streets in your postcode, so "
            "we need to know which one is yours. Only the choice goes to the lookup, not your name.",
            kind="choice",
            options=(*(Option(slug, address) for slug, address in s.office_choices),
                     Option("manual", "My address is not listed: I will type the office's address")),
            default=a.get("office_pick", s.office_choices[0][0] if s.office_choices else "manual"))
    if qid == "office_name":
        words = ero_words(s.nation)
        return Question(
            "office_name", words["title"], words["ask"],
            f"The open register letter goes to {words['who']}. We could not look it up here, so "
            f"{words['find']}",
            hint=words["hint"], default=a.get("office_name", ""))
    if qid == "office_address":
        words = ero_words(s.nation)
        return Question(
            "office_address", "Office address", "What is the electoral registration office's postal address?",
            f"So the letter can be posted. {words['address']}",
            hint="separate lines with commas, with the postcode last", default=a.get("office_address", ""))
    if qid == "office_eoni":
        from ydm.lookup import EONI

        return Question(
            "office_eoni", "Registration office",
            "In Northern Ireland, your open register letter goes to the Electoral Office for Northern Ireland (EONI).",
            "EONI keeps the electoral register for everyone in Northern Ireland, so there is nothing to "
            "look up or type. There the open register is called the edited register.",
            kind="choice", options=(Option("eoni", "Send it to EONI", ", ".join((*EONI.address, EONI.postcode))),),
            default="eoni")
    if qid.startswith(RECIPIENT):
        name = s.directory.get(qid.removeprefix(RECIPIENT)).display_name
        return Question(
            qid, f"Address for {_short(name)}",
            f"We have no address for {name}. If you or the librarian can find one on their website's "
            "privacy page, type it here; or leave it empty to skip them.",
            "A letter needs somewhere to go. What you type is used for this letter only: it is not "
            "saved, and it is wiped with everything else when you finish.",
            optional=True, default=a.get(qid, ""),
            hint="a postal address with commas between the lines, or an email address like dpo@example.org")
    if qid == "targets":
        orgs, ticked = s.candidate_orgs()
        where = NATION_NAMES.get(s.nation or "", "")
        lead = {
            "know": f"These parties have elected representatives in {where}. Each gets a letter.",
            "stop-contact": f"These parties have elected representatives in {where}. Each gets a letter.",
            "stop-sold": "These data brokers trade in people's details. Each gets a letter.",
        }.get(s.goal or "", f"Choose the organisations to write to. Parties with elected representatives "
                            f"in {where} come first.")
        return Question(
            "targets", "Who gets a letter", lead + (" Untick any you want to leave out." if ticked else ""),
            "A letter only works for the organisation it is sent to, so each one gets its own, "
            "with its own reference number.",
            kind="multi",
            options=tuple(Option(o.id, o.display_name, o.category.value if s.goal == "choose" else "")
                          for o in orgs),
            default=tuple(a.get("targets", sorted(ticked, key=[o.id for o in orgs].index))))
    if qid == "channel":
        return Question(
            "channel", "How to send", "How will you send the letters?",
            "The time an organisation has to answer starts when the letter arrives, so the due dates "
            "depend on how you send it.",
            kind="choice", options=tuple(Option(k, label, d) for k, (_c, label, d) in CHANNELS.items()),
            default=a.get("channel", "first-class"))
    raise KeyError(qid)


def check(s: Session, q: Question, value: Any) -> Any:
    """The answer as kept, or InputError saying what to change."""
    if q.kind == "choice":
        allowed = [o.value for o in q.options]
        if value not in allowed:
            raise InputError("Please choose one of the options.")
        return value
    if q.kind == "multi":
        chosen = [v for v in (value or ()) if v in {o.value for o in q.options}]
        if not chosen:
            raise InputError("Please choose at least one.")
        if q.id == "kinds":
            return tuple(k.value for k in INITIAL_KINDS if k.value in chosen)
        return tuple(dict.fromkeys(chosen))
    # The same rules as every other face (ydm.profile): invisible characters out, lengths capped.
    multiline = q.id in ("address", "office_address") or q.id.startswith(RECIPIENT)
    text = profile.clean_text(str(value or ""), keep_newlines=multiline)
    text = text if multiline else " ".join(text.split())
    if not text.strip():
        if q.optional:
            return ""
        raise InputError({
            "name": "Please type your name.",
            "postcode": "Please type your postcode, like SW1A 1AA.",
            "address": "Please type your address, so the organisations can find you.",
            "office_name": ero_words(s.nation)["empty"],
            "office_address": "Please type the office's address.",
        }.get(q.id, "Please type an answer."))
    if q.id == "postcode":
        try:
            return postcodes.normalise(text)
        except InputError:
            raise InputError(f"'{text.strip()}' does not look like a UK postcode. Try something like SW1A 1AA.") from None
    if q.id == "email":
        try:
            return profile.validate_email(text)
        except InputError:
            raise InputError(f"'{text.strip()}' does not look like an email address, like name@example.org.") from None
    if q.id.startswith(RECIPIENT):
        return _recipient(text)
    if q.id in ("name", "office_name"):
        _fits("name", text)
    if q.id in ("address", "office_address"):
        lines = [" ".join(line.split()) for line in text.replace("\n", ",").split(",")]
        lines = [line for line in lines if line]
        for line in lines:
            _fits("address", line)
        if q.id == "address":
            postcode = s.answers.get("postcode", "")
            lines = [ln for ln in lines if not (postcodes.is_valid(ln) and postcodes.normalise(ln) == postcode)]
            if not lines:
                raise InputError("Please type the street and town as well as the postcode.")
        return ", ".join(lines)
    return text


def _short(name: str) -> str:
    """'SDLP' for 'Social Democratic and Labour Party (SDLP)': the progress line is one row at 80 columns."""
    match = re.search(r"\(([A-Z]{2,8})\)$", name)
    return match.group(1) if match else name


def _recipient(text: str) -> str:
    """An organisation's postal address (two lines or more) and/or one email address, as typed for a
    letter we have no address for; kept as "line, line, email" (see `split_recipient`)."""
    parts = [" ".join(part.split()) for part in text.replace("\n", ",").split(",")]
    parts = [part for part in parts if part]
    emails = [part for part in parts if "@" in part]
    lines = [part for part in parts if "@" not in part]
    if len(emails) > 1:
        raise InputError("Please type one email address (a postal address as well is fine).")
    for email in emails:
        try:
            profile.validate_email(email)
        except InputError:
            raise InputError(f"'{email}' does not look like an email address, like dpo@example.org.") from None
    if len(lines) == 1:
        raise InputError("Please type the whole postal address, with commas between the lines "
                         "(or just an email address).")
    for line in lines:
        _fits("address", line)
    return ", ".join(lines + emails)


def split_recipient(value: str) -> tuple[tuple[str, ...] | None, str | None]:
    """(postal address lines or None, email or None) from a checked RECIPIENT answer: what
    `service.draft_letters` takes as `address_to` and `email_to`, like `ydm letter --address-to/--email-to`."""
    parts = [part.strip() for part in (value or "").split(",") if part.strip()]
    lines = tuple(part for part in parts if "@" not in part)
    emails = [part for part in parts if "@" in part]
    return (lines or None), (emails[0] if emails else None)


def _fits(field: str, text: str) -> None:
    """InputError in the session's plain words when the text is longer than ydm.profile allows."""
    limit = profile.MAX_LENGTH[field]
    if len(text) > limit:
        what = "name" if field == "name" else "line of the address"
        raise InputError(f"That {what} is too long ({len(text)} characters). Please keep it under {limit + 1}.")


def seconds(n: int) -> str:
    """'1 second', '20 seconds'."""
    return f"{n} second" + ("" if n == 1 else "s")


def minutes(n: float) -> str:
    """'1 minute', '10 minutes', '1.5 minutes'; under a minute in seconds ('30 seconds')."""
    if n < 1:
        return seconds(round(n * 60))
    return f"{n:g} minute" + ("" if n == 1 else "s")
