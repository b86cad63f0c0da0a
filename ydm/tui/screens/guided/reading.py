"""Screens for reading and copying: a long text (sheet, letters) and the email text, one at a time."""

from __future__ import annotations

from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ydm.model import Channel
from ydm.session import takehome
from ydm.session.flow import Session
from ydm.tui.screens.guided.base import APP_TITLE
from ydm.tui.screens.guided.host import GuidedHost


class ReadScreen(Screen):
    """A long text to read (arrow keys and Page Up/Down scroll); Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="read-close")]
    HELP = "Read with the **arrow keys** or **Page Up / Page Down**. **Escape** closes."

    def __init__(self, title: str, text: str) -> None:
        self.title_text = title  # before super(): Screen.__init__ reads TITLE
        self.text = text
        super().__init__()

    @property
    def TITLE(self) -> str:
        return self.title_text

    def compose(self) -> ComposeResult:
        yield Static(APP_TITLE, id="title-bar", markup=False)
        yield Static(self.title_text, id="progress", markup=False)
        with VerticalScroll(id="reading", classes="guided-body"):
            yield Static(self.text, markup=False)
        with Horizontal(id="nav"):
            yield Button("Close (Esc)", id="close", variant="primary", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reading").focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.app.pop_screen()


class EmailScreen(Screen):
    """One email at a time: the address, the subject and the text, each with a Copy button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="email-close"),
        Binding("ctrl+n", "step(1)", "Next email", id="email-next"),
        Binding("ctrl+b", "step(-1)", "Previous email", id="email-previous"),
    ]
    TITLE = "Email text"
    HELP = """\
Open your own email (webmail) in a browser. For each organisation, copy the **address**, the
**subject** and the **text** with the buttons here and paste them into a new email. Then send it.
**Ctrl+N** shows the next email, **Ctrl+B** the previous one.
"""

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    @property
    def session(self) -> Session:
        return cast(GuidedHost, self.app).session

    @property
    def items(self):
        return self.session.plan().by_channel(Channel.EMAIL, Channel.WEBFORM)

    def compose(self) -> ComposeResult:
        yield Static(APP_TITLE, id="title-bar", markup=False)
        yield Static("", id="progress", markup=False)
        with VerticalScroll(id="email", classes="guided-body"):
            yield Static("", id="email-to", classes="question", markup=False)
            yield Static("", id="email-subject", markup=False)
            with Horizontal(classes="copy-row"):
                yield Button("Copy address", id="copy-to", compact=True)
                yield Button("Copy subject", id="copy-subject", compact=True)
                yield Button("Copy text", id="copy-text", compact=True, variant="primary")
            yield Static("", id="email-body", classes="letter-text", markup=False)
        with Horizontal(id="nav"):
            yield Button("Close (Esc)", id="close", compact=True)
            yield Button("Next email (Ctrl+N)", id="next", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()
        self.query_one("#copy-text").focus()

    def show(self) -> None:
        items = self.items
        item = items[self.index]
        self.query_one("#progress", Static).update(f"Email {self.index + 1} of {len(items)}: {item.org_name}")
        self.query_one("#email-to", Static).update(item.how)
        lines = [f"{label}: {value}" for label, value in takehome.webform_fields(item)]
        lines.append(f"Subject: {takehome.email_subject(item)}")
        self.query_one("#email-subject", Static).update("\n".join(lines))
        self.query_one("#email-body", Static).update(takehome.email_text(item))

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.items)
        self.show()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        item = self.items[self.index]
        button = event.button.id
        if button == "close":
            self.action_close()
        elif button == "next":
            self.action_step(1)
        elif button and button.startswith("copy-"):
            text = {
                "copy-to": item.letter.recipient_email or item.letter.recipient_webform,
                "copy-subject": takehome.email_subject(item),
                "copy-text": takehome.email_text(item),
            }[button]
            self.app.copy_to_clipboard(text)
            self.session.copied = True
            what = {"copy-to": "address", "copy-subject": "subject", "copy-text": "text"}[button]
            self.app.notify(f"Copied the {what}. Paste it into your email.", timeout=4)

    def action_close(self) -> None:
        self.app.pop_screen()
