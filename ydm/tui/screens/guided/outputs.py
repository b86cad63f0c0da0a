"""Take it with you: print, save (USB folder or browser download), email text, take-home sheet."""

from __future__ import annotations

import io

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ydm.session import takehome
from ydm.tui.screens.guided.base import GuidedScreen
from ydm.tui.screens.guided.question import _option_prompt
from ydm.tui.screens.guided.reading import EmailScreen, ReadScreen


class OutputsScreen(GuidedScreen):
    """A list of what can be done; each choice says what happened underneath."""

    TITLE = "Take it with you"
    NEXT_LABEL = "Finish"
    HELP = """\
Choose what to take with you, one at a time, with the **arrow keys** and **Enter**:

* **Print** sends the PDF straight to the library printer.
* **Save** puts a file in the folder the librarian set up (a USB stick) or, in a browser,
  downloads it.
* **Email text** shows each address and the words to paste into your own email.
* The **take-home sheet** lists each letter, when the answer is due and what to do if none comes.

Choose **Finish** when you are done: it wipes everything from this computer.
"""

    def progress(self) -> str:
        return "Take it with you"

    def body(self) -> ComposeResult:
        self.acts = takehome.actions(self.session, web=self.app.is_web)
        with VerticalScroll(classes="guided-body"):
            yield Static("What would you like to take with you?", classes="question", markup=False)
            yield OptionList(
                *(Option(_option_prompt(a.label, a.detail), id=a.id) for a in self.acts), id="actions-list"
            )
            yield Static("", id="status", classes="status", markup=False)

    _pending = ""  # the save action whose file the browser is about to download

    def on_mount(self) -> None:
        self.query_one("#status").display = False
        self.query_one("#actions-list").focus()

    def say(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.display = True

    @on(OptionList.OptionSelected, "#actions-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.do(event.option.id or "")

    def do(self, action: str) -> None:
        host = self.host
        if action == "finish":
            self.go_next()
        elif action == "email":
            self.app.push_screen(EmailScreen())
        elif action == "read-sheet":
            self.app.push_screen(
                ReadScreen("Take-home sheet", takehome.sheet_text(self.session.plan(), host.today))
            )
        elif action == "read-letters":
            self.app.push_screen(ReadScreen("Your letters", takehome.letters_text(self.session.plan())))
        elif action.startswith("save-") and self.app.is_web:
            self._pending = action
            self.say("Preparing the file…")
            host.run_blocking(
                takehome.payload, self.session, action, on_done=self._deliver, description="prepare the file"
            )
        else:
            self.say("Printing…" if action.startswith("print-") else "Saving…")
            host.run_blocking(
                takehome.carry_out,
                self.session,
                action,
                run=host.run_command,
                on_done=self.say,
                description="print or save",
            )

    def _deliver(self, named: tuple[str, bytes]) -> None:
        """In a browser: a one-time download streamed from memory (never the server's disk)."""
        name, data = named
        self.app.deliver_binary(io.BytesIO(data), save_filename=name, open_method="download")
        self.session.saved.append(f"{name} (downloaded in your browser)")
        self.say(f"Your browser is downloading {name}."
                 + takehome.placeholder_warning(self.session.plan(), self._pending))

    def go_next(self) -> None:
        self.host.show_finish()

    def action_back(self) -> None:
        self.host.show_letters()
