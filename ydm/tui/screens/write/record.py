"""Step 6, record: each letter recorded as sent (on the day it went) or kept as a draft, through the
tracker; the due dates appear with the steps ydm.deadlines took to count them.

Only letters handed over at step 5 (saved, copied, opened or emailed) start ticked as sent: a
letter recorded as sent when it never went would start a deadline and reminders for nothing."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from ydm.tui.rows import RequestRow
from ydm.tui.screens.write.send import CHANNEL_LABELS
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.screens.write.what import KIND_TITLES
from ydm.tui.widgets.status import long_date
from ydm.tui.widgets.toggles import YdmCheckbox


def parse_day(text: str, today: date) -> tuple[date | None, str]:
    """A date typed as 2026-01-15, 15/01/2026 or 'today'; (None, problem in words) otherwise."""
    from datetime import datetime

    text = text.strip().lower()
    if text in ("", "today"):
        return today, ""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            value = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if value > today:
            return None, f"{value:%-d %B %Y} is in the future: record letters once they are sent."
        return value, ""
    return None, f"'{text}' is not a date ydm understands: write it like 2026-01-15 or 15/01/2026."


def explain(row: RequestRow, sent: bool = True) -> Text:
    """The due date of one recorded request and the core's steps for counting it (or: a draft)."""
    kind = KIND_TITLES.get(row.request.kind, row.request.kind.value)
    if not sent:
        return Text.assemble(
            (f"{row.org_name} — {kind}", "bold"),
            "\n  DRAFT: kept, not sent, so no deadline or reminder counts from it. When it has gone, "
            "mark it sent on the dashboard (m).",
        )
    if row.due is None:
        return Text.assemble((f"{row.org_name} — {kind}", "bold"), f"\n  {row.status}: no due date.")
    text = Text.assemble((f"{row.org_name} — {kind}", "bold"), "\n  Due: ", (long_date(row.due), "bold"))
    if row.days_left is not None and row.days_left >= 0:
        text.append(f" ({row.days_left} days from today)")
    for step in row.due_steps:
        text.append(f"\n  · {step}")
    return text


class RecordScreen(WizardStep):
    """Step 6: each letter recorded as sent (on its day) or kept as a draft; then the due dates."""

    STEP = 6
    NEXT_LABEL = "Record"
    HELP = """\
Tick each letter you have sent and write the day it went: ydm then counts the legal deadline for
the answer (one calendar month from when they receive it, moved for weekends and bank holidays
where the law says so) and shows how it counted.

A letter you leave unticked is kept as a **draft**: it is on your dashboard as DRAFT, with no
deadline and no reminders, until you mark it sent there (`m`). Letters you saved, copied or emailed
at step 5 start ticked; the others start unticked, because ydm cannot know they went.

If you have sent none of them yet, press `Ctrl+G` to leave: nothing is recorded.
"""

    def body(self) -> ComposeResult:
        drafts = self.state.drafts
        day = f"{(self.state.sent_on or self.app.today):%Y-%m-%d}"
        with VerticalScroll(id="record", classes="form"):
            emailed = sum(1 for d in drafts if d.emailed)
            note = f" {emailed} went by email from ydm just now." if emailed else ""
            yield Static(
                f"{len(drafts)} letter(s). Tick each one you have sent and write the day it went "
                f"(e.g. 2026-01-15). An unticked letter is kept as a draft, with no deadline or "
                f"reminders, until you mark it sent on the dashboard.{note}",
                classes="intro",
                markup=False,
            )
            waiting = [d for d in drafts if not d.handed_over]
            if waiting:
                yield Static(
                    f"⚠ {len(waiting)} of them were not saved, copied or sent at step 5, so they are "
                    "not ticked: tick one only if you sent it another way.",
                    id="not-handed-over",
                    classes="field-error",
                    markup=False,
                )
            for i, draft in enumerate(drafts):
                kind = KIND_TITLES.get(draft.kind, draft.kind.value)
                label = f"{draft.org.display_name} — {kind} ({CHANNEL_LABELS[draft.channel].lower()})"
                with Horizontal(classes="record-row"):
                    yield YdmCheckbox(label, draft.handed_over, id=f"sent-{i}", compact=True)
                    yield Label("", id=f"as-{i}", classes="record-on")
                    yield Input(day, id=f"on-{i}", classes="record-date", compact=True)
            yield Static("", id="err-sent-on", classes="field-error")
            yield Static("", id="due-dates", classes="due-dates")

    def on_mount(self) -> None:
        self.query_one("#err-sent-on").display = False
        for i, draft in enumerate(self.state.drafts):
            self._show_choice(i, draft.handed_over)
        if self.state.drafts:
            self.query_one("#sent-0", Checkbox).focus()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        index = (event.checkbox.id or "").removeprefix("sent-")
        if index.isdigit():
            self._show_choice(int(index), event.value)

    def _show_choice(self, index: int, sent: bool) -> None:
        """Ticked: "sent on [date]"; unticked: "kept as a draft", with no date to mistake for a sending day."""
        self.query_one(f"#as-{index}", Label).update("sent on" if sent else "kept as a draft")
        field = self.query_one(f"#on-{index}", Input)
        field.disabled = not sent
        field.display = sent

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
        text = Text.assemble(("Recorded. When the answers are due, and how that was counted:", "bold"), "\n\n")
        sent = getattr(self, "_sent_refs", set())
        text.append(Text("\n\n").join(explain(r, r.ref.upper() in sent) for r in rows))
        self.query_one("#due-dates", Static).update(text)
        for widget in self.query(".record-row Checkbox, .record-row Input"):
            widget.disabled = True
        next_button = self.query_one("#next", Button)
        next_button.label = "Finish (Ctrl+N)"
        next_button.disabled = False
        next_button.focus()

    def action_back(self) -> None:
        if self.state.recorded:
            self.app.close_wizard()
        else:
            super().action_back()
