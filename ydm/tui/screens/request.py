"""One request: its timeline of events, the due date and how it was counted, the next step."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from ydm.model import EventKind
from ydm.tui.messages import RequestsChanged
from ydm.tui.rows import RequestRow
from ydm.tui.screens.labels import KIND_LABELS, in_sentence
from ydm.tui.screens.mark_event import EVENT_LABELS
from ydm.tui.widgets.footer import YdmFooter
from ydm.tui.widgets.status import long_date, status_text


def days_note(days_left: int) -> str:
    """"30 days left", "1 day left", "1 day late": the count beside the due date, in words."""
    days = abs(days_left)
    return f"{days} day{'' if days == 1 else 's'} {'left' if days_left >= 0 else 'late'}"



def unsent_letters(row: RequestRow) -> list:
    """The later letters written but not marked as sent (ydm.service.requests.unsent_letters)."""
    from ydm.service.requests import unsent_letters as written_not_sent  # loaded by the backend already

    return written_not_sent(row.request, row.later_letters)


class RequestScreen(Screen):
    """Everything about one request, read from the tracker through the backend."""

    TITLE = "Request"
    HELP = """\
This is the history of one request: when you sent it, everything that happened since, and the
date the answer is due, with each step of how that date was counted (when they are treated as
having received it, the one-month period, weekends and bank holidays).

**Next step** says what to do now. Press `w` to write that letter (a reminder when they are late,
a complaint when a reminder did not help), `m` to note something that happened, `l` to read the
letters you sent (the first one, then any reminder or complaint), and `Esc` to go back.
`r` shows their reply: what they hold about you and what it leaves out (after `ydm replies add`).
`d` deletes the request, its letters and its history from this computer, after asking; it does not
withdraw the request from the organisation.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="request-back"),
        Binding("m", "mark_event", "Mark event", id="request-mark"),
        Binding("w", "write_next", "Next letter", id="request-next"),
        Binding("l", "toggle_letter", "Show letter", id="request-letter"),
        Binding("d", "delete_request", "Delete", id="request-delete", tooltip="Delete this request (asks first)"),
        # Not in the footer (it is full at 80 columns); the screen's help (F1) names it.
        Binding("r", "open_reply", "Their reply", id="request-reply", show=False),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.row: RequestRow | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="request-body", can_focus=True):
            yield Static("Loading…", id="request-head")
            yield Static("", id="request-due", classes="section")
            yield Static("", id="request-timeline", classes="section")
            yield Static("", id="request-next", classes="section next-step")
            with Horizontal(id="request-buttons", classes="row buttons"):
                yield Button("Write the next letter (w)", id="write-next", variant="primary", compact=True)
                yield Button("Mark an event (m)", id="mark", compact=True)
                yield Button("Show the letter (l)", id="show-letter", compact=True)
            yield Static("", id="request-letter", classes="section letter-text", markup=False)
        yield YdmFooter()

    def on_mount(self) -> None:
        self.query_one("#request-letter").display = False
        self.refresh_rows()
        self.query_one("#request-body").focus()

    NARROW = 80  # below this the three buttons do not fit on one line ("Show the letter" was cut at 60)

    def on_resize(self, event) -> None:  # noqa: ANN001 - textual.events.Resize
        """On a narrow screen the buttons go one under another, so none is cut off the edge."""
        row = self.query_one("#request-buttons", Horizontal)
        row.styles.layout = "vertical" if event.size.width < self.NARROW else "horizontal"

    def on_requests_changed(self, message: RequestsChanged) -> None:
        """Any change to the requests (a reminder recorded in the wizard over this screen, an event
        marked, …): read this one again, so its history, next step and button are the store's."""
        if not message.ref or message.ref.upper() == self.ref.upper():
            self.refresh_rows()

    def refresh_rows(self) -> None:
        self.app.run_blocking(
            self.app.backend.request_detail,
            self.ref,
            self.app.today,
            on_done=self.show,
            description="reading the request",
            group="request",
            exclusive=True,
        )

    def show(self, row: RequestRow) -> None:
        self.row = row
        request = row.request
        self.sub_title = request.ref
        head = Text.assemble(
            (row.org_name, "bold"),
            "\n",
            f"{KIND_LABELS.get(request.kind, request.kind.value)} request · reference {request.ref}"
            f" · sent by {request.channel.words}\n",
            "Status: ",
            status_text(row.status, row.level),
        )
        self.query_one("#request-head", Static).update(head)
        what = row.due_label or "answer"
        heading = "When the answer is due" if what == "answer" else f"When they must {what}"
        if row.due is None and row.level != "draft":  # no date owed by them: say what is due now instead
            now = row.due_now or row.next_reason or ("nothing: this request is finished" if row.level == "done"
                                                     else "nothing for now")
            due = Text.assemble(("What is due now", "bold underline"), "\n", ("  " + now, "bold"))
        else:
            due = Text.assemble((heading, "bold underline"), "\n", ("  " + long_date(row.due), "bold"))
        if row.days_left is not None:
            due.append(f"  ({days_note(row.days_left)})")
        for step in row.due_steps:
            due.append(f"\n  · {step}")
        self.query_one("#request-due", Static).update(due)
        timeline = Text.assemble(("What happened", "bold underline"), "\n")
        sent = any(e.kind is EventKind.SENT for e in request.events)
        shown = [
            e for e in request.events if not (sent and e.kind is EventKind.DRAFTED)
        ]  # drafting is noise once sent
        for event in sorted(shown, key=lambda e: e.on):
            timeline.append(f"  {event.on:%d %b %Y}  ", style="bold")
            timeline.append(EVENT_LABELS.get(event.kind, event.kind.value))
            if event.note:
                timeline.append(f" — {event.note}", style="italic")
            timeline.append("\n")
        unsent = unsent_letters(row)
        for later in unsent:
            timeline.append(f"  {later.on:%d %b %Y}  ", style="bold")
            timeline.append(f"{KIND_LABELS.get(later.kind, later.kind.value)} written, not marked as sent\n")
        if not shown and not unsent:
            timeline.append("  nothing recorded yet\n")
        timeline.rstrip()
        self.query_one("#request-timeline", Static).update(timeline)
        nxt = Text.assemble(("Next step", "bold underline"), "\n")
        nxt.append("  " + (row.next_reason or "Wait for their answer."))
        for later in unsent:
            what = in_sentence(KIND_LABELS.get(later.kind, later.kind.value))
            nxt.append(f"\n  ⚑ Your {what} of {later.on:%-d %b %Y} is written but not marked as sent: when it "
                       f"has gone, press m and say so, so the next step counts from that day.")
        for warning in row.warnings:  # events that look out of order: recorded, but worth a look
            nxt.append(f"\n  ⚠ {warning}", style="bold")
        self.query_one("#request-next", Static).update(nxt)
        button = self.query_one("#write-next", Button)
        if row.next_kind is not None:
            button.label = (
                f"Write the {in_sentence(KIND_LABELS.get(row.next_kind, row.next_kind.value))} letter (w)"
            )
            button.display = True
        else:
            button.display = False
        parts = [request.letter_text or "(the letter text was not kept)"]
        for later in row.later_letters:  # reminders, complaints, follow-ups written since
            rule = f"──── {KIND_LABELS.get(later.kind, later.kind.value)} of {later.on:%-d %B %Y} ────"
            parts.append(f"{rule}\n\n{later.text}")
        self.query_one("#request-letter", Static).update("\n\n".join(parts))

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#mark")
    def action_mark_event(self) -> None:
        self.app.mark_event(self.ref, self.row)

    @on(Button.Pressed, "#write-next")
    def action_write_next(self) -> None:
        if self.row is not None and self.row.next_kind is None:
            self.notify(self.row.next_reason or "No letter is due now.", title="Nothing to write yet")
            return
        self.app.write_next(self.ref)

    def action_delete_request(self) -> None:
        name = self.row.org_name if self.row is not None else ""
        sent = self.row is None or self.row.sent is not None  # unknown yet: the careful words
        self.app.delete_request(self.ref, name, sent=sent)

    def action_open_reply(self) -> None:
        from ydm.tui.screens.reply import ReplyScreen  # lazy: keeps start-up light

        self.app.push_screen(ReplyScreen(self.ref))

    @on(Button.Pressed, "#show-letter")
    def action_toggle_letter(self) -> None:
        letter = self.query_one("#request-letter")
        letter.display = not letter.display
        self.query_one("#show-letter", Button).label = (
            "Hide the letter (l)" if letter.display else "Show the letter (l)"
        )
        if letter.display:
            letter.scroll_visible()
