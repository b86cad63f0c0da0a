"""Mark an event on a request: I sent it, they replied, asked for ID, extended the deadline, …

The tracker stores it; the status and due date on the dashboard then change because the core
recounts them from the events. "I sent it" is offered only for a request not yet sent (a draft):
with it the person says how it went, because post is deemed received working days later than an
email (ydm.law.deadlines.RECEIPT_RULES), and the request keeps that channel.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from ydm.errors import YdmError
from ydm.law.deadlines import RECEIPT_RULES
from ydm.model import Channel, EventKind
from ydm.tui.rows import RequestRow
from ydm.tui.screens.write.record import parse_day
from ydm.tui.widgets.toggles import YdmRadioButton, YdmRadioSet

EVENT_LABELS = {
    EventKind.RECEIVED: "They received my letter (date known)",
    EventKind.ACKNOWLEDGED: "They acknowledged my letter",
    EventKind.ID_REQUESTED: "They asked for proof of identity",
    EventKind.ID_PROVIDED: "I sent proof of identity",
    EventKind.FEE_REQUESTED: "They asked for a fee",
    EventKind.FEE_PAID: "I paid the fee",
    EventKind.CLARIFICATION_REQUESTED: "They asked me to clarify",
    # The pause ends when they receive the answer (Art 12A(5)), not when it was sent: the date asked
    # for is the sending day, and the hint says how post is counted (arrival_hint).
    EventKind.CLARIFICATION_PROVIDED: "I answered their question (clarification)",
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
SENT_LABEL = "I sent it"


def arrival_hint(channel: Channel | None) -> str:
    """How the arrival of ID, a fee or an answer sent by `channel` is counted, in one line (the
    tracker counts it as deemed received: ydm.law.deadlines.RECEIPT_RULES)."""
    if channel is None:
        return "the day you sent it; a posted one is counted as arriving a few working days later"
    days, _ = RECEIPT_RULES[channel]
    if days:
        return f"by {channel.words}: counted as arriving {days} working days after the day you posted it"
    return f"by {channel.words}: counted from the day you sent it"


DATE_LABEL = "When (empty = today)"
# Proof of identity, a fee, an answer to their question: the clock runs from when THEY receive it
# (Art 12A(2)(b),(c) and (5); law.md R3, R10), deemed from how it went, or the day they told you.
RECEIPT_KINDS = frozenset({EventKind.ID_PROVIDED, EventKind.FEE_PAID, EventKind.CLARIFICATION_PROVIDED})
ARRIVED = "received"  # the option "they told me the day it arrived": the date is their receipt
# How it went, in the words of the wizard's send step (same order).
SENT_VIA = {
    Channel.EMAIL: "Email",
    Channel.WEBFORM: "Web form",
    Channel.FIRST_CLASS: "Post, first class",
    Channel.SECOND_CLASS: "Post, second class",
    Channel.HAND: "By hand",
}


class MarkEventScreen(ModalScreen[bool]):
    """Pick what happened, when, and an optional note; dismisses True when stored."""

    HELP = """\
Choose what happened with the arrow keys, type the date it happened (today if empty) and, if you
like, a short note. The deadline is counted again from everything you have recorded: for
example, when they ask for ID the clock waits until you send it. When you sent proof of identity,
paid a fee or answered their question, give the day you sent it and how it went: the time counts
from when they receive it, so a posted one is counted as arriving some working days later
(first-class post two, second class four; email or web form that day). If they told you the day
it arrived (a delivery receipt, their reply), choose "Arrival day known" and give
that day instead.

For a letter you kept as a draft, choose **I sent it**, the day it went and how: a posted letter
counts as received a few working days after posting (first class: two, second class: four), an
email or web form the same day, so the due date depends on it.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-mark"),
        Binding("ctrl+s", "save", "Save", id="save-mark"),
    ]

    def __init__(self, ref: str, row: RequestRow | None = None) -> None:
        super().__init__()
        self.ref = ref
        self.row = row

    @property
    def unsent(self) -> bool:
        """Not recorded as sent yet (a draft): then "I sent it" comes first in the list."""
        return self.row is not None and self.row.sent is None

    def compose(self) -> ComposeResult:
        options = [
            Option(label, id=kind.value)
            for kind, label in EVENT_LABELS.items()
            if kind not in (EventKind.SENT, EventKind.DRAFTED)
        ]
        if self.unsent:
            options.insert(0, Option(SENT_LABEL, id=EventKind.SENT.value))
        with Vertical(classes="dialog"):
            yield Static(f"What happened with request {self.ref}?", classes="dialog-title")
            yield OptionList(*options, id="event-kind")
            with Horizontal(classes="row"):
                with Vertical(classes="half"):
                    yield Label(DATE_LABEL, id="event-date-label")
                    yield Input(f"{self.app.today:%Y-%m-%d}", id="event-date")
                with Vertical(classes="half", id="note-box"):
                    yield Label("Note (optional)")
                    yield Input(id="event-note")
                with Vertical(classes="half", id="arrival-box"):
                    yield Label("How it went")
                    mine = self.row.request.channel if self.row else Channel.EMAIL
                    yield YdmRadioSet(
                        *[YdmRadioButton(label, value=(channel is mine), name=channel.value)
                          for channel, label in SENT_VIA.items()],
                        YdmRadioButton("Arrival day known", name=ARRIVED),
                        id="arrived-via",
                        compact=True,
                    )
                if self.unsent:
                    with Vertical(classes="half", id="via-box"):
                        yield Label("How it went")
                        current = self.row.request.channel if self.row else Channel.EMAIL
                        yield YdmRadioSet(
                            *[
                                YdmRadioButton(label, value=(channel is current), name=channel.value)
                                for channel, label in SENT_VIA.items()
                            ],
                            id="sent-via",
                            compact=True,
                        )
            channel = self.row.request.channel if self.row is not None else None
            yield Static(arrival_hint(channel), id="event-hint", classes="why", markup=False)
            yield Static("", id="err-event", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Save (Ctrl+S)", id="save-event", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel-event", compact=True)

    def on_mount(self) -> None:
        listing = self.query_one("#event-kind", OptionList)
        listing.highlighted = 0
        listing.focus()
        self._show_fields()

    def chosen_kind(self) -> EventKind | None:
        listing = self.query_one("#event-kind", OptionList)
        if listing.highlighted is None:
            return None
        return EventKind(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionHighlighted, "#event-kind")
    def _show_fields(self) -> None:
        """"I sent it" asks when and how it went; everything else asks when, and for a note. An
        answer to their question asks for the day it was sent, with how post is counted."""
        kind = self.chosen_kind()
        sending = self.unsent and kind is EventKind.SENT
        answering = kind in RECEIPT_KINDS
        if self.unsent:
            self.query_one("#via-box").display = sending
            self.query_one("#note-box").display = not sending
        self.query_one("#arrival-box").display = answering
        self.query_one("#event-kind").styles.height = 6 if answering else 10  # room for the ways it went, at 24 rows
        self.query_one("#event-hint").display = answering
        label = DATE_LABEL
        if sending:
            label = "When it went (empty = today)"
        elif answering:
            arrived = self.arrived_via() is None
            label = "Received on (empty = today)" if arrived else "Sent on (empty = today)"
            self.query_one("#event-hint", Static).update(
                "the day they received it (a delivery receipt, or they told you)" if arrived
                else arrival_hint(self.arrived_via()))
        self.query_one("#event-date-label", Label).update(label)

    def arrived_via(self) -> Channel | None:
        """How their ID, fee or answer went (the request's channel until changed); None when the
        person knows the day it arrived."""
        pressed = self.query_one("#arrived-via", RadioSet).pressed_button
        if pressed is not None and pressed.name == ARRIVED:
            return None
        if pressed is not None and pressed.name:
            return Channel(pressed.name)
        return self.row.request.channel if self.row else Channel.EMAIL

    @on(RadioSet.Changed, "#arrived-via")
    def _arrival_changed(self) -> None:
        self._show_fields()

    def sent_via(self) -> Channel:
        """The channel ticked under "How it went" (the request's own channel until changed)."""
        pressed = self.query_one("#sent-via", RadioSet).pressed_button
        if pressed is not None and pressed.name:
            return Channel(pressed.name)
        return self.row.request.channel if self.row else Channel.EMAIL

    @on(OptionList.OptionSelected, "#event-kind")
    def _chosen(self) -> None:
        self.query_one("#event-date", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if event.input.id == "event-date":
            if self.unsent and self.chosen_kind() is EventKind.SENT:
                self.query_one("#sent-via", RadioSet).focus()
            else:
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
        error = self.query_one("#err-event", Static)
        kind = self.chosen_kind()
        if kind is None:
            error.update("⚠ Choose what happened.")
            return
        on_day, problem = parse_day(self.query_one("#event-date", Input).value, self.app.today)
        if on_day is None:
            if kind is EventKind.SENT:
                problem = problem.replace("record letters once they are sent", "record it once it has gone")
            error.update(f"⚠ {problem}")
            self.query_one("#event-date", Input).focus()
            return
        sending = kind is EventKind.SENT
        note = "" if sending else self.query_one("#event-note", Input).value.strip()
        data = None
        if kind in RECEIPT_KINDS:
            how = self.arrived_via()
            data = {"received": True} if how is None else {"via": how.value}
        self.app.run_blocking(
            self._store,
            kind,
            on_day,
            note,
            self.sent_via() if sending else None,
            data,
            on_done=self._stored,
            description="saving the event",
            group="mark",
        )

    def _store(self, kind: EventKind, on_day, note: str, via: Channel | None, data: dict | None = None) -> str:
        try:
            if kind is EventKind.SENT and via is not None:
                self.app.backend.mark_sent(self.ref, on_day, via, today=self.app.today)
            else:
                self.app.backend.mark_event(self.ref, kind, on_day, note, today=self.app.today, data=data)
        except YdmError as exc:
            return str(exc)
        return ""

    def _stored(self, problem: str) -> None:
        if problem:
            self.query_one("#err-event", Static).update(f"⚠ {problem}")
            return
        self.dismiss(True)
