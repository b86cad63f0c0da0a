"""Mark an event on a request: they replied, asked for ID, extended the deadline, …

The tracker stores it; the status and due date on the dashboard then change because the core
recounts them from the events.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ydm.model import EventKind

EVENT_LABELS = {
    EventKind.RECEIVED: "They received my letter (date known)",
    EventKind.ACKNOWLEDGED: "They acknowledged my letter",
    EventKind.ID_REQUESTED: "They asked for proof of identity",
    EventKind.ID_PROVIDED: "I sent proof of identity",
    EventKind.FEE_REQUESTED: "They asked for a fee",
    EventKind.FEE_PAID: "I paid the fee",
    EventKind.CLARIFICATION_REQUESTED: "They asked me to clarify",
    EventKind.CLARIFICATION_PROVIDED: "I sent the clarification",
    EventKind.EXTENDED: "They extended the time to answer",
    EventKind.RESPONSE_RECEIVED: "They answered in full",
    EventKind.RESPONSE_INCOMPLETE: "They answered, but left things out",
    EventKind.REMINDER_SENT: "I sent a reminder",
    EventKind.COMPLAINT_SENT: "I complained to them",
    EventKind.COMPLAINT_ACKNOWLEDGED: "They acknowledged my complaint",
    EventKind.ICO_COMPLAINT_SENT: "I complained to the ICO",
    EventKind.WITHDRAWN: "I withdrew the request",
    EventKind.CLOSED: "Closed: nothing more to do",
    EventKind.SENT: "Sent",
    EventKind.DRAFTED: "Drafted",
}


class MarkEventScreen(ModalScreen[bool]):
    """Pick what happened, when, and an optional note; dismisses True when stored."""

    HELP = """\
Choose what happened with the arrow keys, type the date it happened (today if empty) and, if you
like, a short note. The deadline is counted again from everything you have recorded: for
example, when they ask for ID the clock waits until you send it.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-mark"),
        Binding("ctrl+s", "save", "Save", id="save-mark"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"What happened with request {self.ref}?", classes="dialog-title")
            yield OptionList(
                *[
                    Option(label, id=kind.value)
                    for kind, label in EVENT_LABELS.items()
                    if kind not in (EventKind.SENT, EventKind.DRAFTED)
                ],
                id="event-kind",
            )
            with Horizontal(classes="row"):
                with Vertical(classes="half"):
                    yield Label("When (empty = today)")
                    yield Input(f"{self.app.today:%Y-%m-%d}", id="event-date")
                with Vertical(classes="half"):
                    yield Label("Note (optional)")
                    yield Input(id="event-note")
            yield Static("", id="err-event", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Save (Ctrl+S)", id="save-event", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel-event", compact=True)

    def on_mount(self) -> None:
        listing = self.query_one("#event-kind", OptionList)
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#event-kind")
    def _chosen(self) -> None:
        self.query_one("#event-date", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if event.input.id == "event-date":
            self.query_one("#event-note", Input).focus()
        else:
            self.action_save()

    @on(Button.Pressed, "#save-event")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel-event")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        from ydm.tui.screens.write.record import parse_day

        listing = self.query_one("#event-kind", OptionList)
        error = self.query_one("#err-event", Static)
        if listing.highlighted is None:
            error.update("⚠ Choose what happened.")
            return
        kind = EventKind(listing.get_option_at_index(listing.highlighted).id)
        on_day, problem = parse_day(self.query_one("#event-date", Input).value, self.app.today)
        if on_day is None:
            error.update(f"⚠ {problem}")
            self.query_one("#event-date", Input).focus()
            return
        note = self.query_one("#event-note", Input).value.strip()
        self.app.run_blocking(
            self._store,
            kind,
            on_day,
            note,
            on_done=self._stored,
            description="saving the event",
            group="mark",
        )

    def _store(self, kind: EventKind, on_day, note: str) -> str:
        from ydm.errors import YdmError

        try:
            self.app.backend.mark_event(self.ref, kind, on_day, note, today=self.app.today)
        except YdmError as exc:
            return str(exc)
        return ""

    def _stored(self, problem: str) -> None:
        if problem:
            self.query_one("#err-event", Static).update(f"⚠ {problem}")
            return
        self.dismiss(True)
