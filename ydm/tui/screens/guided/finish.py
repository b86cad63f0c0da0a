"""The last screen: lists every file the patron chose to save, then wipes on Finish."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ydm.tui.screens.guided.base import GuidedScreen

# What the clipboard holds now: the copied text is overwritten when this screen shows (the patron
# has finished copying), and again at the wipe if they go back and copy more.
CLIPBOARD = {
    None: "Nothing was copied to the clipboard.",
    True: "The clipboard: what you copied has been replaced with a blank space. If you pasted it into "
          "an email or a document on this computer, close that too.",
    False: "The clipboard could not be cleared from here. Copy a single word to replace what you copied.",
}


class FinishScreen(GuidedScreen):
    """Finish (Enter) wipes everything and returns to the welcome; Back returns to the choices."""

    TITLE = "Finish"
    NEXT_LABEL = "Finish and wipe"
    HELP = """\
Check you have everything listed here. **Finish and wipe** removes everything you typed from
this computer and goes back to the start. **Escape** goes back to print or save more.
"""

    def progress(self) -> str:
        return "Finish"

    def body(self) -> ComposeResult:
        s = self.session
        lines = []
        if s.saved:
            lines.append("These files were saved. Please take them with you:")
            lines += [f"  • {path}" for path in s.saved]
        else:
            lines.append("No files were saved on this computer.")
        if s.printed:
            lines.append("Printed: " + ", ".join(s.printed) + ". Collect them from the printer.")
        with VerticalScroll(classes="guided-body"):
            yield Static("Before you go", classes="question", markup=False)
            yield Static("\n".join(lines), id="saved-files", classes="lead", markup=False)
            yield Static("", id="clipboard", classes="lead", markup=False)
            yield Static(
                "Finish wipes everything you typed from this computer and goes back to the start.",
                classes="why",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#clipboard", Static).update(CLIPBOARD[self.host.clear_clipboard()])
        self.query_one("#next").focus()

    def go_next(self) -> None:
        self.host.finish()

    def action_back(self) -> None:
        self.host.show_outputs()
