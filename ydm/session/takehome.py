"""What the patron takes home: the take-home sheet (text and PDF), the calendar file, printing, saving.

The sheet says what went to whom, when each answer is due (from the deadline engine, assuming the
letters go today by the chosen way) and what to do if nothing comes back, and when. The PDF uses the
formats helper's layout (`ydm.letters.formats.pdf`: `new_document`, `Flow`), so it looks like our letters.

Nothing here touches the disk unless the patron asked: printing pipes the PDF bytes to `lp` on its
standard input (no temp file, and a job title without any personal data), and saving writes only
into the folder the librarian configured.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ydm.errors import InputError, OutputError
from ydm.law.deadlines import fmt
from ydm.model import Channel
from ydm.session.flow import KIND_EXPLAINED, KIND_TITLES, NO_ANSWER, Plan, PlanItem
from ydm.session.printing import Runner, print_pdf, save_to  # noqa: F401 - printing and saving live there

POSTED = (Channel.FIRST_CLASS, Channel.SECOND_CLASS, Channel.HAND)  # letters that go on paper
SHEET_TITLE = "Your Data Matters: your letters and what happens next"
SHEET_FILE = "ydm-take-home-sheet.pdf"
LETTERS_FILE = "ydm-letters.pdf"
ICS_FILE = "ydm-due-dates.ics"


@dataclass(frozen=True)
class Step:
    """What to do next for one letter, and from when."""

    on: date
    what: str


def next_steps(item: PlanItem) -> list[Step]:
    """If no answer: the escalation engine's chain (reminder, complaint, ICO), dated as if each step
    is taken on its first day. Simulated on a throwaway Request; nothing is stored."""
    from ydm.law import escalation
    from ydm.model import Event, EventKind, Request

    sent = item.deadline.sent or item.letter.on
    request = Request(ref=item.letter.reference, kind=item.letter.kind, org_id=item.letter.org.id,
                      channel=item.channel, nation=item.letter.org.home_nation,
                      events=[Event(EventKind.SENT, sent)])
    first = escalation.assess(request, sent)
    steps = [Step(first.due, "the answer is due by the end of this day")]
    remind = first.next_step.on_or_after or first.due
    steps.append(Step(remind, "no answer yet? send a reminder quoting the reference"))
    request.events.append(Event(EventKind.REMINDER_SENT, remind))
    after_reminder = escalation.assess(request, remind)
    complain = after_reminder.next_step.on_or_after or remind
    steps.append(Step(complain, "still nothing? complain to the organisation itself"))
    request.events.append(Event(EventKind.COMPLAINT_SENT, complain))
    complained = escalation.assess(request, complain)
    from ydm.law.deadlines import REGIME_PRE_S164A

    law = complained.deadline is not None and complained.deadline.regime != REGIME_PRE_S164A
    steps.append(Step(complained.due, ("they must" if law else "they should")
                      + " acknowledge your complaint by the end of this day"))
    ico_by = f" by {fmt(complained.ico_by)}" if complained.ico_by else ""
    steps.append(Step(complained.due + timedelta(days=1),
                      "no acknowledgement or a poor answer? complain to the Information Commissioner's "
                      f"Office (ico.org.uk, 0303 123 1113){ico_by}"))
    return steps


def sheet_sections(plan: Plan, today: date) -> list[tuple[str, list[str]]]:
    """The sheet as (heading, paragraphs): one source for the text, the screen and the PDF."""
    sections: list[tuple[str, list[str]]] = [
        ("", [(f"Made on {fmt(today, full=True)}. Nothing about you was kept on the library computer: "
              "this sheet and your letters are the only record, so keep them safe.")]),
    ]
    off = off_paper(plan)
    if off:
        numbers = {id(i): n for n, i in enumerate(plan.items, start=1)}
        sections.append(("Not sent by post", [
            f"{i.org_name}: {_only_by(i)}, so it is not among the letters to post. Send it online (at home, "
            f"on your phone or here): the text to paste is under {numbers[id(i)]}. {i.org_name} below."
            for i in off]))
    kinds = list(dict.fromkeys(i.letter.kind for i in plan.items))
    sections.append(("What the letters do", [f"{KIND_TITLES[k]}: {KIND_EXPLAINED[k]}" for k in kinds]))
    for n, item in enumerate(plan.items, start=1):
        lines = [
            f"What: {KIND_TITLES[item.letter.kind]}",
            f"Reference: {item.letter.reference} (quote it if they contact you)",
            f"How: {item.how}",
            # the count's steps joined by "then", not by Deadline.summary's arrow ("right arrow" aloud)
            f"Answer due by: {fmt(item.deadline.due, full=True)}, if sent today "
            f"({'; then '.join(item.deadline.steps)}.)",
        ]
        steps = next_steps(item)
        lines += [f"- {fmt(step.on)}: {step.what}" for step in steps[1:]]
        if item.channel is Channel.WEBFORM:
            lines += ["Text to paste into the web form, from the next line:", email_text(item).rstrip(),
                      "(end of the text for the web form)"]
        lines += [f"Reminder to copy if there is no answer by {fmt(item.deadline.due)}:",
                  *reminder_text(item, steps[1].on).splitlines()]
        sections.append((f"{n}. {item.org_name}", lines))
    for blocked in plan.blocked:
        sections.append((f"Not sent: {blocked.org_name}", [f"What: {KIND_TITLES[blocked.letter.kind]}",
                                                            blocked.reason]))
    if plan.notes:
        sections.append(("Where the letters go", list(plan.notes)))
    sections.append(("If there is no answer", [NO_ANSWER, LATER]))
    if any(i.letter.org.category.is_political for i in plan.items):
        sections.append(("An online political advert that does not say who is behind it", [IMPRINT]))
    return sections


# Elections Act 2022 Part 6: digital political material must carry an imprint; the Electoral Commission
# (or the police, for material about one candidate) enforces it (docs/law-letters.md).
IMPRINT = ("Online political adverts must say who is behind them. If you see one that does not, you can "
           "report it to the Electoral Commission (ydm letter imprint-report, or in the ydm app tick \"Report "
           "an online political advert\"). If it seemed aimed at you, an access request to whoever is behind it "
           "asks what data about you they used.")


# Why not "each date moves by the same number of days": months differ in length and a due date that
# lands on a weekend or bank holiday moves to the next working day, so a later sending day can move
# a due date by more or fewer days than the delay.
LATER = ("All the dates on this sheet assume you send each letter today. If you send one later, its dates "
         "are later too, but not always by the same number of days (months have different lengths, and a "
         "date that falls on a weekend or bank holiday moves to the next working day). Ask the librarian to "
         "count them again for the day you send it (ydm deadline --sent DATE --via HOW).")


def reminder_text(item: PlanItem, on: date) -> str:
    """A short reminder the patron can copy (by email, web form or post) if the answer is late.

    The facts the reminder letter (letter_templates/reminder.txt.j2) quotes, in a few lines: the
    reference, when the request was sent (assumed today), when the answer was due, 14 days to answer
    and then a complaint under DPA 2018 s.164A and to the ICO.
    """
    from ydm.law.deadlines import S164A_FROM
    from ydm.tracker.next_step import REQUEST_WORDS, long_date

    words, law = REQUEST_WORDS.get(item.letter.kind, ("request", "the UK GDPR"))
    sent = item.deadline.sent or item.letter.on
    complain = ("I will complain to you under section 164A of the Data Protection Act 2018 and then to the "
                "Information Commissioner's Office" if on >= S164A_FROM
                else "I will complain to you and then to the Information Commissioner's Office")
    return "\n".join([
        f"Subject: Reminder: my request is overdue (reference {item.letter.reference})",
        f"On {long_date(sent)} I sent you {'an' if words[0] in 'aeiou' else 'a'} {words} under {law}, "
        f"reference {item.letter.reference}. The time to respond ended on {long_date(item.deadline.due)} "
        "and I have not received your response.",
        f"Please respond in full within 14 days of this reminder. If you do not, {complain}.",
        item.letter.person.name,
    ])


def sheet_text(plan: Plan, today: date) -> str:
    """The sheet as plain text (the --plain flow reads it out; the app shows it)."""
    out = [SHEET_TITLE, ""]
    for heading, paragraphs in sheet_sections(plan, today):
        if heading:
            out += [heading, "-" * min(len(heading), 72)]
        out += paragraphs + [""]
    return "\n".join(out)


def sheet_pdf(plan: Plan, today: date) -> bytes:
    """The sheet as an A4 PDF, laid out with the letters' own fonts and paragraph flow."""
    from ydm.letters.formats import pdf as layout

    sections = sheet_sections(plan, today)
    every = SHEET_TITLE + "".join(h + "".join(p) for h, p in sections)
    doc = layout.new_document(title=SHEET_TITLE, text=every)
    flow = layout.Flow(doc)
    flow.paragraph(SHEET_TITLE, style="B", size=14.0)
    flow.space(3)
    for heading, paragraphs in sections:
        if heading:
            flow.ensure(layout.line_height(12.0) * 3)
            flow.paragraph(layout.clean(heading), style="B", size=12.0)
            flow.space(1)
        for text in paragraphs:  # one source line at a time: a blank line is a paragraph break kept
            for line in layout.clean(text).split("\n"):
                if line.strip():
                    flow.paragraph(line)
                else:
                    flow.space(layout.line_height(layout.BODY_PT))
        flow.space(3)
    flow.draw()
    try:
        return bytes(doc.output())
    except Exception as exc:  # fpdf raises plain exceptions; say it in one line
        raise OutputError(f"could not make the take-home sheet: {exc}") from exc


def letters_pdf(plan: Plan, *, only_post: bool = False, envelope: str | None = None) -> bytes:
    """All letters in one PDF (each on its own pages); `only_post`: those that go on paper; laid out
    for the library's window envelopes (session.toml's `envelope`)."""
    from ydm.letters.formats import pdf

    letters = [_on_paper(i) for i in plan.items if not only_post or i.channel in POSTED]
    if not letters:
        raise InputError("there are no letters to print" if only_post else "there are no letters")
    return pdf.render_many(letters, envelope=envelope)


def _on_paper(item: PlanItem):
    """The letter as it goes in the PDF. A letter going by email or web form to an organisation with no
    known postal address gets that route instead of the "[ADDRESS NEEDED...]" placeholder block."""
    letter = item.letter
    if item.channel in POSTED or not letter.address_missing:
        return letter
    route = (f"By email: {letter.recipient_email}" if item.channel is Channel.EMAIL
             else f"By web form: {letter.recipient_webform}")
    return replace(letter, recipient_lines=(letter.org.display_name, route), address_missing=False)


def off_paper(plan: Plan) -> list[PlanItem]:
    """For a patron who posts their letters, those that cannot go by post (no postal address known): an
    organisation reachable only by web form (Labour) or email, which "Print the N letters" used to
    leave out without a word."""
    return [i for i in plan.items if i.channel not in POSTED] if plan.by_post else []


def _only_by(item: PlanItem) -> str:
    if item.channel is Channel.WEBFORM:
        return f"it can only be reached by its web form, {item.letter.recipient_webform}"
    return f"it goes by email, to {item.letter.recipient_email}"


def off_paper_words(plan: Plan) -> str:
    """A sentence for the print choice and its result naming the letters not printed, or ''."""
    off = off_paper(plan)
    if not off:
        return ""
    return " Not printed: " + "; ".join(f"{i.org_name} ({_only_by(i)})" for i in off) + "."


def placeholder_warning(plan: Plan, action_id: str) -> str:
    """A sentence for the screen if a letter in this print or save still lacks a postal address."""
    if action_id not in ("print-letters", "save-letters"):
        return ""
    chosen = [i for i in plan.items if action_id == "save-letters" or i.channel in POSTED]
    missing = [i.org_name for i in chosen if _on_paper(i).address_missing]
    if not missing:
        return ""
    return (" Warning: we have no postal address for " + ", ".join(missing)
            + ": their letter has a gap marked ADDRESS NEEDED. Ask the librarian before posting it.")


def ics_bytes(plan: Plan) -> bytes:
    """Due dates as a calendar file; private entries (reference only) since calendars are often synced."""
    from ydm.letters.formats.ics import DueEntry, to_ics

    return to_ics(
        [DueEntry(i.letter.reference, i.deadline.due, f"reply due from {i.org_name}",
                  description="See your take-home sheet for what to do if there is no answer.")
         for i in plan.items],
        private=True,
    )


def letters_text(plan: Plan) -> str:
    """Every letter as plain text, one after the other (read on screen or by a screen reader)."""
    rule = "\n" + "=" * 60 + "\n"
    return rule.join(f"Letter {n} of {len(plan.items)}: {i.org_name}\n\n{_on_paper(i).text}"
                     for n, i in enumerate(plan.items, start=1))


def email_text(item: PlanItem) -> str:
    """What the patron pastes into their own webmail (or a web form): the formats helper's email body."""
    from ydm.letters.formats.eml import email_body

    return email_body(item.letter)


def email_subject(item: PlanItem) -> str:
    from ydm.letters.formats.eml import subject_with_reference

    return subject_with_reference(item.letter.subject, item.letter.reference)


def webform_fields(item: PlanItem) -> list[tuple[str, str]]:
    """For a web form: the boxes to fill in (name, email, address, ...), from the formats helper."""
    from ydm.letters.formats.mailto import webform_handover

    if not item.letter.recipient_webform:
        return []
    return [(label, value) for label, value in webform_handover(item.letter).fields if value]


# --- the choices offered at the end of a session (both faces) -----------------------------------


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    detail: str = ""


def actions(session, *, web: bool = False) -> list[Action]:
    """What the patron can take, given the librarian's printer and folder (or a browser download)."""
    plan = session.plan()
    printer, folder = session.config.printer, session.config.export_dir
    where = "download it in your browser" if web else f"save it in {folder}"
    can_save = web or folder is not None
    found: list[Action] = []
    posted = plan.by_channel(*POSTED)
    if printer and posted:
        n = len(posted)
        found.append(Action("print-letters", "Print the letter to post" if n == 1 else f"Print the {n} letters to post",
                            f"on the printer {printer}; fold in three for a window envelope"
                            + (f".{off}" if (off := off_paper_words(plan)) else "")))
    if can_save and plan.items:
        found.append(Action("save-letters", "Save the letters as a PDF", where))
    if plan.by_channel(Channel.WEBFORM):
        found.append(Action("email", "Show the text for email and web forms",
                            "each address or web page and the words to paste"))
    elif plan.by_channel(Channel.EMAIL):
        found.append(Action("email", "Show the email text", "the address and the words to paste into your own email"))
    if printer:
        found.append(Action("print-sheet", "Print the take-home sheet", "what went to whom and when answers are due"))
    if can_save:
        found.append(Action("save-sheet", "Save the take-home sheet as a PDF", where))
        found.append(Action("save-ics", "Save the due dates for your calendar", f"a .ics file; {where}"))
    found.append(Action("read-letters", "Read the letters here", "the full text of each letter, on the screen"))
    found.append(Action("read-sheet", "Read the take-home sheet here", "on the screen"))
    found.append(Action("finish", "Finish", "wipe everything and return to the start"))
    return found


def payload(session, action_id: str) -> tuple[str, bytes]:
    """(file name, bytes) for a print or save action. File names carry no personal data."""
    plan = session.plan()
    if action_id == "print-letters":
        return LETTERS_FILE, letters_pdf(plan, only_post=True, envelope=session.config.envelope)
    if action_id == "save-letters":
        return LETTERS_FILE, letters_pdf(plan, envelope=session.config.envelope)
    if action_id in ("print-sheet", "save-sheet"):
        return SHEET_FILE, sheet_pdf(plan, session.today)
    if action_id == "save-ics":
        return ICS_FILE, ics_bytes(plan)
    raise InputError(f"'{action_id}' makes no file")


def carry_out(session, action_id: str, *, run: Runner = subprocess.run) -> str:
    """Print or save to the export folder; returns a sentence saying what happened."""
    name, data = payload(session, action_id)
    plan = session.plan()
    if action_id.startswith("print-"):
        print_pdf(data, session.config.printer, run=run)
        what = "letters" if action_id == "print-letters" else "take-home sheet"
        session.printed.append(what)
        return (f"Sent the {what} to the printer {session.config.printer}." + placeholder_warning(plan, action_id)
                + (off_paper_words(plan) if action_id == "print-letters" else ""))
    target = save_to(session.config.export_dir, name, data)
    session.saved.append(str(target))
    return f"Saved {target.name} in {target.parent}." + placeholder_warning(plan, action_id)
