"""The guided session's questions: each one as it stands given the answers so far, and why we ask.

Kept apart from `session` (the state machine) so every screen's wording sits in one place. The
words they are built from live in `session.words`; the checks on what the patron types live in
`session.answers`. Each question says why we ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from ydm.model import INITIAL_KINDS, KIND_SUMMARIES, Organisation
from ydm.orgs.contacts import Directory
from ydm.session.words import (  # noqa: F401 - the words, importable from here as before
    CHANNELS,
    ELECTION_POST,
    GOALS,
    KIND_EXPLAINED,
    KIND_TITLES,
    NATION_NAMES,
    NO_ANSWER,
    NO_PRINTER_POST,
    RECIPIENT,
    UNTICK,
    ero_words,
    minutes,
    nation_guess,
    seconds,
)


class SessionState(Protocol):
    """What the questions (and the checks in `answers`) read of the session: `ydm.session.flow.Session`
    is one. A protocol, so that the questions stand below the state machine that asks them."""

    answers: dict[str, Any]
    drafts: dict[str, Any]
    office_choices: tuple[tuple[str, str], ...]
    config: Any  # the librarian's SessionConfig: is there a printer?

    @property
    def nation(self) -> str | None: ...
    @property
    def goal(self) -> str | None: ...
    @property
    def office(self) -> Organisation | None: ...
    @property
    def directory(self) -> Directory: ...
    def candidate_orgs(self) -> tuple[list[Organisation], set[str]]: ...
    def needs_office(self) -> bool: ...


def _channel_detail(s: SessionState, key: str, detail: str) -> str:
    """First-class post promises "we print the letters" only where the librarian set up a printer."""
    if key == "first-class" and not getattr(s.config, "printer", None):
        return NO_PRINTER_POST
    return detail


def _target_detail(org: Organisation, with_category: bool) -> str:
    """The line under an organisation on "Who gets a letter": its kind (when the person chooses), and
    what to know before writing: local parties that are controllers of their own, a second address."""
    parts = [org.category.value] if with_category else []
    if org.local_controllers:
        parts.append("its local parties are separate controllers: write to yours too")
    if len(org.address_options) > 1:
        dates = " and ".join(a.date or "undated" for a in org.address_options)
        parts.append(f"{len(org.address_options)} published addresses ({dates}); the first is used")
    return "; ".join(parts)


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


# Last on the "who gets a letter" list: ticked, the next question asks for a name to search (more_orgs).
SEARCH = "find"
SEARCH_OPTION = Option(SEARCH, "Someone else: find an organisation by its name",
                       "a local party, a campaign, a council or a company that wrote to you")


def build(s: SessionState, qid: str) -> Question:
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
    if qid == "postcode_unknown":
        find = ("Your postcode is on letters you have been sent (a council tax bill, a bank statement) and on "
                "royalmail.com/find-a-postcode, where the librarian can look it up from your address.")
        look = Option("look", "Type my postcode", "once you have found it")
        if s.needs_office():  # the registration office finds you on the register by your address and postcode
            return Question(
                "postcode_unknown", "Your postcode", "The open register letter needs your postcode.",
                find + " The office finds you on the register by your address and postcode.",
                kind="choice", options=(look,), default="look")
        return Question(
            "postcode_unknown", "Your postcode", "That is all right: you can find your postcode, or go on without it.",
            find + " Without it we ask which nation you live in, and you write it on each letter by hand.",
            kind="choice",
            options=(look, Option("skip", "Skip: I will add it to the letters by hand",
                                  "the letters are written without it")),
            default=a.get("postcode_unknown", "look"))
    if qid == "nation":
        guess = nation_guess(a["postcode"])[0] if a.get("postcode") else "england"
        ask = ("Your postcode is near a border. Which nation do you live in?" if a.get("postcode")
               else "Which nation do you live in?")
        return Question(
            "nation", "Where you live", ask,
            "Different parties have elected representatives in each nation.",
            kind="choice", options=tuple(Option(k, v) for k, v in NATION_NAMES.items()),
            default=a.get("nation", guess))
    if qid == "address":
        return Question(
            "address", "Your address", "What is your address? Leave out the postcode.",
            "Organisations match your address with their records (most parties use the electoral "
            "register), and post their answer to it.",
            hint="separate lines with commas, like: 1 High Street, Anytown", default=a.get("address", ""))
    if qid == "where_check":
        from ydm.session.towns import nation_of_address

        town, there = nation_of_address(a["address"]) or ("", "")
        here = nation_guess(a["postcode"])[0]
        return Question(
            "where_check", "Where you live",
            f"Your postcode {a['postcode']} is in {NATION_NAMES[here]}, but {town}, in your address, is in "
            f"{NATION_NAMES.get(there, there)}. Which is right?",
            "Which parties you can write to depends on where you live, and your postcode goes on every "
            "letter, so the two should agree.",
            kind="choice",
            options=(Option("retype", f"I live in {NATION_NAMES.get(there, there)}: let me type my postcode again"),
                     Option("keep", f"I live in {NATION_NAMES[here]}: {a['postcode']} is right")),
            default=a.get("where_check", "retype"))
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
        from ydm.adapters.lookup import EONI

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
            "targets", "Who gets a letter", lead + (UNTICK if ticked else ""),
            "A letter only works for the organisation it is sent to, so each one gets its own, "
            "with its own reference number.",
            kind="multi",
            options=(*(Option(o.id, o.display_name, _target_detail(o, s.goal == "choose")) for o in orgs),
                     SEARCH_OPTION),
            default=tuple(a.get("targets", sorted(ticked, key=[o.id for o in orgs].index))))
    if qid == "channel":
        return Question(
            "channel", "How to send", "How will you send the letters?",
            "The time an organisation has to answer starts when the letter arrives, so the due dates "
            "depend on how you send it.",
            kind="choice", options=tuple(Option(k, label, _channel_detail(s, k, d))
                                         for k, (_c, label, d) in CHANNELS.items()),
            default=a.get("channel", "first-class"))
    raise KeyError(qid)


def _short(name: str) -> str:
    """'SDLP' for 'Social Democratic and Labour Party (SDLP)': the progress line is one row at 80 columns."""
    match = re.search(r"\(([A-Z]{2,8})\)$", name)
    return match.group(1) if match else name
