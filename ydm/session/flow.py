"""Guided session for library patrons: the questions, the answers, the plan, the idle clock, wipe().

No Textual, no printing, no files: the terminal app (`ydm.tui.session_app`) and the line-by-line
flow (`ydm.cli.plain_session`) both drive one `Session`, so the two faces ask the same questions in the
same order and produce the same letters. Everything the patron types lives in this object and in
its `MemoryStore`; `wipe()` forgets it (on finish, on inactivity and on exit). Letters, due dates and
PDFs come from the core (`service`, `deadlines`, `formats`): nothing is re-implemented here.

This module holds the state machine (`Session`); the parts it is built from sit beside it, each
importable from here as before: the plain words (`session.words`), the questions
(`session.questions`), the answer checks (`session.answers`), the plan and its routing rule
(`session.plan`), the librarian's settings (`session.config`) and the office lookup (`session.office`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from ydm import profile
from ydm.errors import InputError, YdmError
from ydm.law import deadlines
from ydm.letters.letter import Letter
from ydm.model import Channel, Organisation, RequestKind
from ydm.orgs import contacts
from ydm.service import letters as service
from ydm.session import more_orgs
from ydm.session.answers import check, split_recipient
from ydm.session.config import DEFAULT_TIMEOUT_MIN, SessionConfig, load_config  # noqa: F401 - importable from here
from ydm.session.office import Lookup, MemoryCache, default_lookup, named_once  # noqa: F401 - importable from here
from ydm.session.plan import Blocked, Plan, PlanItem  # noqa: F401 - the plan's types, importable from here
from ydm.session.plan import route as _route
from ydm.session.questions import SEARCH, Option, Question, build  # noqa: F401 - importable from here
from ydm.session.towns import nation_of_address
from ydm.session.words import (  # noqa: F401 - the plain words are part of this module's API
    CHANNELS,
    ELECTION_POST,
    GOALS,
    KIND_EXPLAINED,
    KIND_TITLES,
    NATION_NAMES,
    NO_ANSWER,
    RECIPIENT,
    nation_guess,
)
from ydm.store.memory import MemoryStore

# Follow-up questions share the number of the question they follow (see Session.position); an
# address for an organisation we have none for follows "who gets a letter".
_GROUP_OF = {"nation": "postcode", "postcode_unknown": "postcode", "where_check": "address", "office_pick": "office", "office_name": "office", "office_address": "office",
             "office_eoni": "office", more_orgs.MORE: "targets", more_orgs.MORE_PICK: "targets"}


def _group(qid: str) -> str:
    return "targets" if qid.startswith(RECIPIENT) else _GROUP_OF.get(qid, qid)


class Session:
    """One patron's guided session. Faces call `current()`, `answer()`, `back()`, `plan()`, `wipe()`."""

    def __init__(self, config: SessionConfig | None = None, *, today: date | Callable[[], date] | None = None,
                 directory: contacts.Directory | None = None, lookup: Lookup | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config or SessionConfig()
        self._today = today
        self._directory = directory
        self._lookup = lookup
        self.clock = clock
        self.store = MemoryStore()
        self.answers: dict[str, Any] = {}
        self.drafts: dict[str, Any] = {}  # answers taken back with Back: shown again as defaults
        self.history: list[str] = []
        self.office: Organisation | None = None
        self.office_choices: tuple[tuple[str, str], ...] = ()  # (slug, address) for a split postcode
        self.office_looked_up = False
        self._picked: str | None = None  # the address choice already looked up
        self.found: dict = {}  # the "another organisation" searches made (more_orgs): each runs once
        self.saved: list[str] = []  # files the patron chose to save (shown before finishing)
        self.printed: list[str] = []
        self.copied = False  # something went to the clipboard: clear it on wipe
        self._plan: Plan | None = None
        self.last_activity = clock()

    # -- dates, data ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        if self._today is None:
            from ydm import clock

            return clock.today()
        return self._today if isinstance(self._today, date) else self._today()

    @property
    def directory(self) -> contacts.Directory:
        if self._directory is None:
            self._directory = contacts.load()
        return self._directory

    # -- inactivity ----------------------------------------------------------------------------
    def touch(self) -> None:
        self.last_activity = self.clock()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_activity

    def should_warn(self) -> bool:
        return self.idle_seconds() >= self.config.warn_after

    def expired(self) -> bool:
        return self.idle_seconds() >= self.config.timeout

    def seconds_left(self) -> int:
        return max(0, int(self.config.timeout - self.idle_seconds() + 0.999))

    @property
    def started(self) -> bool:
        return bool(self.answers)

    def wipe(self) -> None:
        """Forget everything the patron told us or we made for them."""
        self.store.wipe()
        self.answers.clear()
        self.drafts.clear()
        self.history.clear()
        self.office, self.office_choices, self.office_looked_up, self._picked = None, (), False, None
        self.found.clear()
        self.saved.clear()
        self.printed.clear()
        self._plan = None
        self.touch()

    # -- derived answers -----------------------------------------------------------------------
    @property
    def goal(self) -> str | None:
        return self.answers.get("goal")

    @property
    def kinds(self) -> list[RequestKind]:
        goal = self.goal
        if goal == "know":
            return [RequestKind.ACCESS]
        if goal == "stop-contact":
            return [RequestKind.OBJECT_MARKETING]
        if goal == "stop-sold":
            return [RequestKind.OBJECT_MARKETING, RequestKind.OPEN_REGISTER]
        return [RequestKind(k) for k in self.answers.get("kinds", ())]

    @property
    def nation(self) -> str | None:
        if "nation" in self.answers:
            return self.answers["nation"]
        if self.answers.get("postcode"):
            return nation_guess(self.answers["postcode"])[0]
        return None

    def needs_office(self) -> bool:
        return RequestKind.OPEN_REGISTER in self.kinds

    def needs_targets(self) -> bool:
        return any(k is not RequestKind.OPEN_REGISTER for k in self.kinds)

    def candidate_orgs(self) -> tuple[list[Organisation], set[str]]:
        """Organisations offered on the "who" question, and which are ticked to start with."""
        d = self.directory
        goal = self.goal
        if goal in ("know", "stop-contact"):
            orgs = d.parties_elected_in(self.nation or "england")
            return orgs, {o.id for o in orgs}
        if goal == "stop-sold":
            orgs = [o for o in d.in_category("broker") if o.has_channel]
            return orgs, {o.id for o in orgs}
        elected = d.parties_elected_in(self.nation or "england")
        rest = [o for cat in ("party", "campaigner", "broker") for o in d.in_category(cat)
                if o.has_channel and o not in elected]
        return elected + rest, set()

    # -- the flow ------------------------------------------------------------------------------
    def steps(self) -> list[str]:
        """The question ids that apply, given the answers so far, in order."""
        ids = ["goal"]
        if self.goal == "choose":
            ids.append("kinds")
        ids += ["name", "postcode"]
        postcode = self.answers.get("postcode")
        if postcode == "":  # "I don't know": find it, or go on and write it on the letters by hand
            ids.append("postcode_unknown")
        if (postcode and not nation_guess(postcode)[1]) or self.answers.get("postcode_unknown") == "skip":
            ids.append("nation")
        ids.append("address")
        if self.town_elsewhere():
            ids.append("where_check")
        ids.append("email")
        if self.needs_office() and self.nation == "northern-ireland":  # always EONI: said, not asked
            ids.append("office_eoni")
        elif self.needs_office():
            if self.office_choices:
                ids.append("office_pick")
            if self.office is not None:
                ids.append("office")
            if self.office is None or self.answers.get("office") == "manual":
                ids += ["office_name", "office_address"]
        if self.needs_targets():
            ids.append("targets")
            if SEARCH in self.answers.get("targets", ()):  # "someone else: find it by name"
                ids += [more_orgs.MORE] + ([more_orgs.MORE_PICK] if self.answers.get(more_orgs.MORE) else [])
            ids += [RECIPIENT + org_id for org_id in self.unreachable()]
        ids.append("channel")
        return ids

    def town_elsewhere(self) -> tuple[str, str] | None:
        """(town, its nation) when the address names a town in another nation than the one the postcode
        is surely in (GU2 1DY with Glasgow): asked about, not decided (session.towns)."""
        postcode, address = self.answers.get("postcode"), self.answers.get("address")
        if not (postcode and address) or not nation_guess(postcode)[1]:
            return None
        found = nation_of_address(address)
        return found if found and found[1] != nation_guess(postcode)[0] else None

    def unreachable(self) -> list[str]:
        """Chosen organisations we know no way to reach (no postal address, email or web form): the
        librarian may find one and type it in, for this session's letter only."""
        return [org_id for org_id in more_orgs.chosen_targets(self.answers) if not self.directory.get(org_id).has_channel]

    def needs_lookup(self) -> bool:
        """True when the next question depends on a registration-office lookup not yet made."""
        if not (self.needs_office() and self.answers.get("postcode")) or self.nation == "northern-ireland":
            return False
        if not self.office_looked_up:
            return True
        pick = self.answers.get("office_pick")
        return bool(pick and pick != "manual" and self.office is None and self._picked != pick)

    def look_up_office(self) -> None:
        """Ask the lookup (only the postcode, or the chosen address id, leaves the machine).

        Blocking: faces run it off the UI thread. A split postcode gives address choices first.
        """
        lookup = self._lookup or default_lookup
        pick = self.answers.get("office_pick") if self.office_looked_up else None
        try:
            found = lookup(self.answers["postcode"], pick) if pick else lookup(self.answers["postcode"])
        except (YdmError, OSError):  # offline, no key, unknown postcode: the manual path covers them
            found = None
        if isinstance(found, Organisation) or found is None:
            self.office = found
        elif not pick:
            self.office_choices = tuple(found)
        self._picked = pick
        self.office_looked_up = True

    def current(self) -> Question | None:
        """The next unanswered question, or None when everything needed is known."""
        for qid in self.steps():
            if qid not in self.answers:
                return self.question(qid)
        return None

    def position(self) -> tuple[int, int | None, int]:
        """(this question's number, how many questions or None, which part of it) for
        "Question 6 of 8, part 2".

        Honest and stable: a follow-up counts with the question it follows and says which part it is
        (which part of the UK, with the postcode; everything about the registration office, however
        the lookup went, in Northern Ireland too; an address typed in for an organisation, with "who
        gets a letter"). The total depends on what the patron wants to do, so it is not shown until
        that is known (the goal, and for "choose" the letters); from then on it does not change."""
        steps = self.steps()
        groups = list(dict.fromkeys(_group(qid) for qid in steps))
        undecided = "goal" not in self.answers or (self.goal == "choose" and "kinds" not in self.answers)
        total = None if undecided else len(groups)
        current = self.current()
        if current is None:
            return len(groups), total, 1
        group = _group(current.id)
        part = [qid for qid in steps if _group(qid) == group].index(current.id) + 1
        return groups.index(group) + 1, total, part

    def progress(self) -> str:
        """The progress line both faces show: "Question 6 of 8, part 2: Office address"."""
        current = self.current()
        n, total, part = self.position()
        return (f"Question {n}" + (f" of {total}" if total else "") + (f", part {part}" if part > 1 else "")
                + (f": {current.title}" if current else ""))

    def back(self) -> Question | None:
        """Forget the last answer and return its question again (None at the very start)."""
        if not self.history:
            return None
        qid = self.history.pop()
        if qid in self.answers:
            self.drafts[qid] = self.answers.pop(qid)
        if qid == "postcode":
            self.office, self.office_choices, self.office_looked_up = None, (), False
            self.answers.pop("nation", None)
        if qid == "office_pick":
            self.office, self._picked = None, None
        self._plan = None
        return self.question(qid)

    def answer(self, qid: str, value: Any) -> None:
        """Check and keep one answer; InputError says in plain words what to fix."""
        self.answers[qid] = check(self, self.question(qid), value)
        if qid in ("goal", "kinds", "postcode", "nation"):
            self.drafts.pop("targets", None)  # a different list of organisations follows
        if more_orgs.after_answer(self, qid):  # "search again": the name is asked for once more
            return
        if qid in ("postcode", "address"):
            self.answers.pop("where_check", None)  # asked again if they still disagree
        self.history = [q for q in self.history if q != qid] + [qid]
        if qid == "postcode":
            self.answers.pop("postcode_unknown", None)
        if (qid, value) in (("where_check", "retype"), ("postcode_unknown", "look")):  # the postcode is asked again
            self.drafts["postcode"] = self.answers.pop("postcode")
            del self.answers[qid]
            self.history = [q for q in self.history if q not in ("postcode", qid)]
            self.office, self.office_choices, self.office_looked_up = None, (), False
        self._plan = None
        self.touch()

    def question(self, qid: str) -> Question:
        return more_orgs.question(self, qid) if qid in (more_orgs.MORE, more_orgs.MORE_PICK) else build(self, qid)

    # -- letters -------------------------------------------------------------------------------
    def person(self):
        a = self.answers
        return profile.make_person(name=a.get("name", ""), address=a.get("address", ""),
                                   postcode=a.get("postcode", ""), email=a.get("email", ""))

    def office_org(self) -> Organisation | None:
        if not self.needs_office():
            return None
        from ydm.adapters import lookup

        if self.nation == "northern-ireland":  # law.md §5: EONI keeps the register for everyone in NI
            return lookup.office_as_organisation(replace(lookup.EONI, checked_on=self.today.isoformat()))
        if self.answers.get("office") == "found" and self.office is not None:
            return named_once(self.office)
        lines = [part.strip() for part in self.answers.get("office_address", "").split(",")]
        office = lookup.manual_office(self.answers.get("office_name", ""), lines, today=self.today)
        return named_once(lookup.office_as_organisation(office))

    def notes(self) -> list[str]:
        """Things the patron should know about where the letters go, shown with the list of letters."""
        out = []
        if self.needs_office() and self.nation == "northern-ireland":
            out.append("In Northern Ireland the Electoral Office for Northern Ireland (EONI) keeps the electoral "
                       "register for everyone, so the open register letter (there it is called the edited "
                       "register) goes to EONI.")
        parties = [i for i in more_orgs.chosen_targets(self.answers) if self.directory.get(i).category.value == "party"]
        if RequestKind.OBJECT_MARKETING in self.kinds and parties:
            out.append(ELECTION_POST)
        return out

    def plan(self) -> Plan:
        """The letters with their route and due date. Built once per set of answers."""
        if self._plan is not None:
            return self._plan
        if self.current() is not None:
            raise InputError("some questions are still unanswered")
        person = self.person()
        preferred = CHANNELS[self.answers["channel"]][0]
        targets = [self.directory.get(i) for i in more_orgs.chosen_targets(self.answers)]
        letters: list[Letter] = []
        for kind in self.kinds:
            if kind is RequestKind.OPEN_REGISTER:
                letters += service.draft_letters(kind, person, [self.office_org()], today=self.today)
                continue
            for org in targets:  # an address typed in this session goes on this letter only, as with --address-to
                address_to, email_to = split_recipient(self.answers.get(RECIPIENT + org.id, ""))
                letters += service.draft_letters(kind, person, [org], today=self.today,
                                                 address_to=address_to, email_to=email_to)
        items, blocked = [], []
        can_email = bool(self.answers.get("email")) or preferred is Channel.EMAIL
        for letter in letters:
            channel, how = _route(letter, preferred, can_email=can_email)
            if channel is None:
                blocked.append(Blocked(letter, how))
                continue
            due = deadlines.compute_deadline(letter.kind, sent=self.today, channel=channel,
                                             nation=letter.org.home_nation)
            items.append(PlanItem(letter, channel, how, due))
        self._plan = Plan(items, blocked, self.notes(), by_post=preferred is not Channel.EMAIL)
        self._record(self._plan)
        return self._plan

    def _record(self, plan: Plan) -> None:
        """Keep the requests in the in-memory store (same shape as the tracker), never on disk."""
        from ydm.model import Event, EventKind, Request

        self.store.wipe()
        self.store.add_many(
            Request(ref=i.letter.reference, kind=i.letter.kind, org_id=i.letter.org.id, channel=i.channel,
                    events=[Event(EventKind.DRAFTED, self.today)], letter_text=i.letter.text,
                    org_name=i.org_name)
            for i in plan.items
        )
