"""Step 6, record: the date the letters went, stored through the tracker; the due dates appear
with the steps ydm.deadlines took to count them."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ydm.tui.rows import RequestRow
from ydm.tui.screens.write.send import CHANNEL_LABELS
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.screens.write.what import KIND_TITLES
from ydm.tui.widgets.status import long_date


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


def explain(row: RequestRow) -> Text:
    """The due date of one recorded request and the core's steps for counting it."""
    kind = KIND_TITLES.get(row.request.kind, row.request.kind.value)
    text = Text.assemble((f"{row.org_name} — {kind}", "bold"), "\n  Due: ", (long_date(row.due), "bold"))
    if row.days_left is not None and row.days_left >= 0:
        text.append(f" ({row.days_left} days from today)")
    for step in row.due_steps:
        text.append(f"\n  · {step}")
    return text


class RecordScreen(WizardStep):
    """Step 6: record as sent. Pressing Next records; the screen then shows the due dates."""

    STEP = 6
    NEXT_LABEL = "Record as sent"
    HELP = """\
Once your letters have gone, record the date you sent them. ydm then counts the legal deadline for
each answer (one calendar month from when they receive it, moved for weekends and bank holidays
where the law says so) and shows how it counted. The requests appear on your dashboard, and you
can come back any time to note a reply or write a reminder.

If you have not sent them yet, press `Ctrl+G` to leave: nothing is recorded.
"""

    def body(self) -> ComposeResult:
        with VerticalScroll(id="record", classes="form"):
            ways = "; ".join(
                dict.fromkeys(
                    f"{d.org.display_name}: {CHANNEL_LABELS[d.channel].lower()}" for d in self.state.drafts
                )
            )
            emailed = sum(1 for d in self.state.drafts if d.emailed)
            note = f" {emailed} of them went by email from ydm just now." if emailed else ""
            yield Static(
                f"{len(self.state.drafts)} letter(s) to record. How they travel: {ways}.{note}",
                classes="intro",
                markup=False,
            )
            yield Label("The date you sent them (e.g. 2026-01-15; empty means today):", classes="field-label")
            yield Input(f"{(self.state.sent_on or self.app.today):%Y-%m-%d}", id="sent-on")
            yield Static("", id="err-sent-on", classes="field-error")
            yield Static("", id="due-dates", classes="due-dates")

    def on_mount(self) -> None:
        self.query_one("#err-sent-on").display = False
        self.query_one("#sent-on", Input).focus()

    @on(Input.Submitted, "#sent-on")
    def _enter(self) -> None:
        self.go_next()

    def go_next(self) -> None:
        if self.state.recorded:
            self.app.close_wizard()
            return
        sent_on, problem = parse_day(self.query_one("#sent-on", Input).value, self.app.today)
        error = self.query_one("#err-sent-on", Static)
        error.update(f"⚠ {problem}")
        error.display = bool(problem)
        if sent_on is None:
            self.query_one("#sent-on", Input).focus()
            return
        self.state.sent_on = sent_on
        self.query_one("#next", Button).disabled = True
        self.app.run_blocking(
            self.app.backend.record_sent,
            self.state.drafts,
            sent_on,
            self.app.today,
            related_ref=self.state.related_ref,
            on_done=self._recorded,
            description="recording your letters",
            group="record",
            exclusive=True,
        )

    def _recorded(self, rows: list[RequestRow]) -> None:
        self.state.recorded = rows
        text = Text.assemble(
            ("Recorded. When the answers are due, and how that was counted:", "bold"), "\n\n"
        )
        text.append(Text("\n\n").join(explain(r) for r in rows))
        self.query_one("#due-dates", Static).update(text)
        self.query_one("#sent-on", Input).disabled = True
        next_button = self.query_one("#next", Button)
        next_button.label = "Finish (Ctrl+N)"
        next_button.disabled = False
        next_button.focus()

    def action_back(self) -> None:
        if self.state.recorded:
            self.app.close_wizard()
        else:
            super().action_back()
