"""Step 6, record: each letter recorded as sent (on the day it went) or kept as a draft, through the
tracker; the due dates appear with the steps ydm.law.deadlines took to count them.

Only letters ydm itself sent at step 5 ("Send now" over SMTP) start ticked, with the day they went.
Saving a PDF, copying the text or handing the letter to the mail program is not sending: the person
may post it tomorrow, and a letter recorded as sent before it went would start its deadline (and
the reminders after it) too early."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from ydm import clock
from ydm.errors import InputError
from ydm.tui.messages import RequestsChanged
from ydm.tui.rows import RequestRow
from ydm.tui.screens.labels import KIND_LABELS, in_sentence
from ydm.tui.screens.write.send import CHANNEL_LABELS
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.screens.write.what import KIND_TITLES
from ydm.tui.widgets.status import long_date
from ydm.tui.widgets.toggles import YdmCheckbox


def parse_day(text: str, today: date) -> tuple[date | None, str]:
    """A sending or event day as typed, in any form ydm.clock.parse_date reads ('today' and an empty
    field are today); (None, the problem in words) otherwise, or when it is in the future."""
    if not text.strip():
        return today, ""
    try:
        value = clock.parse_date(text, today_word=today)
    except InputError as exc:
        return None, exc.message[0].upper() + exc.message[1:] + "."
    if value > today:
        return None, f"{value:%-d %B %Y} is in the future: record letters once they are sent."
    return value, ""


def explain(row: RequestRow, sent: bool = True, continuing: bool = False, letter=None) -> Text:  # noqa: ANN001
    """The due date of one recorded request and the core's steps for counting it (or: a draft).

    `continuing`: the letter was the next one of a request already sent (a reminder, a complaint):
    the request keeps its own dates, and the tracker's next step says what the new letter started.
    `letter`: that letter's kind, named in the heading ("— Reminder", not the request's "Get a copy").
    """
    if continuing and letter is not None:
        kind = KIND_LABELS.get(letter, letter.value)
    else:
        kind = KIND_TITLES.get(row.request.kind, row.request.kind.value)
    head = Text.assemble((f"{row.org_name} — {kind}", "bold"))
    if not sent and continuing:
        head.append(
            "\n  Not recorded as sent. When it has gone, press m on the dashboard and say you sent it, "
            "so the next step is counted from that day."
        )
        return head
    if not sent:
        head.append(
            "\n  DRAFT: kept, not sent, so no deadline or reminder counts from it. When it has gone, "
            "mark it sent on the dashboard (m)."
        )
        return head
    if continuing and row.next_reason:
        head.append(f"\n  {row.status}: {row.next_reason}")
        return head
    if row.due is None:
        head.append(f"\n  {row.status}: no due date.")
        return head
    head.append("\n  Due: ")
    head.append(long_date(row.due), "bold")
    if row.days_left is not None and row.days_left >= 0:
        head.append(f" ({row.days_left} days from today)")
    for step in row.due_steps:
        head.append(f"\n  · {step}")
    return head


def heading(rows: list[RequestRow], sent: set[str], continuing: bool) -> str:
    """The line over the results: it promises counting only when some is shown."""
    counted = [r for r in rows if r.ref.upper() in sent and (r.due_steps or (continuing and r.next_reason))]
    if not counted:
        return "Recorded."
    if continuing:
        return "Recorded. What happens next:"
    return "Recorded. When the answers are due, and how that was counted:"


def not_sent_note(waiting: int, total: int) -> str:
    """Why the letters ydm did not send start unticked, in the singular or the plural."""
    if waiting == 1 and total == 1:
        who, verb = "This letter was", "so it is not ticked: tick it"
    elif waiting == total:
        who, verb = "These letters were", "so they are not ticked: tick each one"
    elif waiting == 1:
        who, verb = "1 of them was", "so it is not ticked: tick it"
    else:
        who, verb = f"{waiting} of them were", "so they are not ticked: tick each one"
    return (
        f"{who} not sent by ydm (saving, copying or opening your mail app is not sending), {verb} "
        "once it has gone (posting it tomorrow? record it then, or later from the dashboard with m)."
    )


class RecordScreen(WizardStep):
    """Step 6: each letter recorded as sent (on its day) or kept as a draft; then the due dates."""

    STEP = 6
    NEXT_LABEL = "Record"
    HELP = """\
Tick each letter you have sent and write the day it went: ydm then counts the legal deadline for
the answer (one calendar month from when they receive it, moved for weekends and bank holidays
where the law says so) and shows how it counted.

A letter you leave unticked is kept as a **draft**: it is on your dashboard as DRAFT, with no
deadline and no reminders, until you mark it sent there (`m`). Only letters ydm emailed for you
(**Send now**) start ticked, with the day they went. Saving a PDF, copying the text or opening your
mail app is not sending: tick those once they have gone. Posting it tomorrow? Record it then, or
later from the dashboard with `m`.

If you have sent none of them yet, press `Ctrl+G` to leave: nothing is recorded.
"""

    def body(self) -> ComposeResult:
        drafts = self.state.drafts
        today = f"{(self.state.sent_on or self.app.today):%Y-%m-%d}"
        with VerticalScroll(id="record", classes="form"):
            what = (
                "1 letter. Tick it once you have sent it"
                if len(drafts) == 1
                else f"{len(drafts)} letters. Tick each one you have sent"
            )
            yield Static(
                f"{what} and write the day it went (e.g. 2026-01-15). An unticked letter is kept, not "
                "counted as sent (no deadline or reminders from it), until you mark it sent on the "
                "dashboard (m).",
                classes="intro",
                markup=False,
            )
            emailed = [d for d in drafts if d.sent_by_ydm]
            if emailed:
                went = "; ".join(
                    f"{d.org.display_name} at {d.emailed_at}" if d.emailed_at else d.org.display_name
                    for d in emailed
                )
                yield Static(
                    f"✓ Sent by email from ydm: {went}. Ticked, with the day it went.",
                    id="sent-by-ydm",
                    classes="why",
                    markup=False,
                )
            waiting = [d for d in drafts if not d.sent_by_ydm]
            if waiting:
                yield Static(
                    not_sent_note(len(waiting), len(drafts)), id="not-sent-by-ydm", classes="why",
                    markup=False,
                )
            for i, draft in enumerate(drafts):
                kind = KIND_TITLES.get(draft.kind) or in_sentence(KIND_LABELS.get(draft.kind, draft.kind.value))
                label = f"{draft.org.display_name} — {kind} ({CHANNEL_LABELS[draft.channel].lower()})"
                day = f"{draft.emailed_on:%Y-%m-%d}" if draft.sent_by_ydm and draft.emailed_on else today
                with Horizontal(classes="record-row"):
                    yield YdmCheckbox(label, draft.sent_by_ydm, id=f"sent-{i}", compact=True)
                    yield Label("", id=f"as-{i}", classes="record-on")
                    yield Input(day, id=f"on-{i}", classes="record-date", compact=True)
            yield Static("", id="err-sent-on", classes="field-error")
            yield Static("", id="due-dates", classes="due-dates")

    NARROW = 80  # below this a letter's name, kind and channel do not fit beside its date

    def on_resize(self, event) -> None:  # noqa: ANN001 - textual.events.Resize
        """On a narrow screen each letter's date goes under its name, so "(by post)" is not cut off."""
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def on_mount(self) -> None:
        self.query_one("#err-sent-on").display = False
        for i, draft in enumerate(self.state.drafts):
            self._show_choice(i, draft.sent_by_ydm)
        if self.state.drafts:
            self.query_one("#sent-0", Checkbox).focus()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        index = (event.checkbox.id or "").removeprefix("sent-")
        if index.isdigit():
            self._show_choice(int(index), event.value)

    def _show_choice(self, index: int, sent: bool) -> None:
        """Ticked: "sent on [date]"; unticked: "kept as a draft", with no date to mistake for a sending day."""
        unsent = "not sent yet" if self.state.continuing else "kept as a draft"  # a reminder is no draft
        self.query_one(f"#as-{index}", Label).update("sent on" if sent else unsent)
        field = self.query_one(f"#on-{index}", Input)
        field.disabled = not sent
        field.display = sent

    @on(Input.Changed, ".record-date")
    def _date_changed(self) -> None:
        """A sending day being corrected: the problem said about the old one goes (no stale warning)."""
        self.query_one("#err-sent-on").display = False

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.go_next()

    def choices(self) -> tuple[list[date | None], str, int | None]:
        """Each letter's sending day (None: keep as draft), the first problem in words, and its row."""
        days: list[date | None] = []
        for i, draft in enumerate(self.state.drafts):
            if not self.query_one(f"#sent-{i}", Checkbox).value:
                days.append(None)
                continue
            day, problem = parse_day(self.query_one(f"#on-{i}", Input).value, self.app.today)
            if day is None:
                return [], f"{draft.org.display_name}: {problem}", i
            days.append(day)
        return days, "", None

    def go_next(self) -> None:
        if self.state.recorded:
            self.app.close_wizard()
            return
        days, problem, row = self.choices()
        error = self.query_one("#err-sent-on", Static)
        error.update(f"⚠ {problem}")
        error.display = bool(problem)
        if problem:
            self.query_one(f"#on-{row}", Input).focus()
            return
        sent = [day for day in days if day is not None]
        self.state.sent_on = max(sent) if sent else None
        self._sent_refs = {
            d.letter.reference.upper() for d, day in zip(self.state.drafts, days, strict=True) if day is not None
        }
        self.query_one("#next", Button).disabled = True
        self.app.run_blocking(
            self.app.backend.record,
            self.state.drafts,
            days,
            self.app.today,
            on_done=self._recorded,
            description="recording your letters",
            group="record",
            exclusive=True,
        )

    def _recorded(self, rows: list[RequestRow]) -> None:
        self.state.recorded = rows
        self.app.post_message(RequestsChanged())  # the screens under the wizard reload
        if not self.state.continuing and hasattr(self.app, "forget_wizard_draft"):
            self.app.forget_wizard_draft()  # an unfinished request kept at Ctrl+Q is finished now
        sent = getattr(self, "_sent_refs", set())
        continuing = self.state.continuing
        text = Text.assemble((heading(rows, sent, continuing), "bold"))
        if rows:
            text.append("\n\n")
            letter = self.state.drafts[0].kind if continuing and self.state.drafts else None
            text.append(Text("\n\n").join(explain(r, r.ref.upper() in sent, continuing, letter) for r in rows))
        results = self.query_one("#due-dates", Static)
        results.update(text)
        for widget in self.query(".record-row Checkbox, .record-row Input"):
            widget.disabled = True
        next_button = self.query_one("#next", Button)
        next_button.label = "Finish (Ctrl+N)"
        next_button.disabled = False
        next_button.focus()
        # At 80x24 the results start below the fold (QA saw the heading "followed by nothing"):
        # bring their first line to the top, once they are laid out.
        self.call_after_refresh(results.scroll_visible, animate=False, top=True)

    def action_back(self) -> None:
        if self.state.recorded:
            self.app.close_wizard()
        else:
            super().action_back()
