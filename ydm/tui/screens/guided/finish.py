"""The last screen: lists every file the patron chose to save, then wipes on Finish.

Files saved in the librarian's export folder are deleted at Finish (the next patron would find them
otherwise), unless the patron ticks that the folder is their own USB stick, taken with them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Static

from ydm.session import computer, export_folder
from ydm.tui.screens.guided.base import GuidedScreen
from ydm.tui.widgets.toggles import YdmCheckbox

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
    # Space ticks the keep box wherever the focus is: Tab from Finish lands on the text above the box,
    # where Space did nothing and the patron's own stick was then emptied.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_keep", "Keep the files", id="finish-keep")]
    HELP = """\
Check you have everything listed here. **Finish and wipe** removes everything you typed from
this computer and goes back to the start. **Escape** goes back to print or save more.

Files saved in the folder for saved files are deleted too, so the next person cannot read them.
If that folder is your own USB stick and you are taking it with you, press **Space** to tick the
box and keep them (Space again unticks it).
"""

    def progress(self) -> str:
        return "Finish"

    def body(self) -> ComposeResult:
        s = self.session
        self.files = export_folder.patron_files(s)
        others = [saved for saved in s.saved if saved not in {str(p) for p in self.files}]
        lines = []
        if others:
            lines.append("These files were saved. Please take them with you:")
            lines += [f"  • {path}" for path in others]
        elif not self.files:
            lines.append("No files were saved on this computer.")
        if s.printed:
            lines.append("Printed: " + ", ".join(s.printed) + ". Collect them from the printer.")
        with VerticalScroll(classes="guided-body"):
            yield Static("Before you go", classes="question", markup=False)
            if self.files:
                folder = self.files[0].parent
                yield Static("\n".join([f"Saved in {folder}:", *(f"  • {p.name}" for p in self.files)]),
                             id="export-files", markup=False)
                yield Static("Finish deletes these files, so the next person cannot read them. Tick the "
                             "box only if that folder is your own USB stick and you are taking it with you.",
                             classes="why", markup=False)
                yield YdmCheckbox(f"Keep them: {folder} is my own USB stick (Space)", id="keep-files",
                               compact=True)
            if lines:
                yield Static("\n".join(lines), id="saved-files", classes="lead", markup=False)
            if self.app.is_web:  # `ydm serve`: what the browser itself may still hold, and how to clear it
                yield Static(computer.browser_leftovers(s.saved), id="browser-leftovers", classes="lead",
                             markup=False)
            yield Static("", id="clipboard", classes="lead", markup=False)
            yield Static(
                "Finish wipes everything you typed from this computer and goes back to the start.",
                classes="why",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#clipboard", Static).update(CLIPBOARD[self.host.clear_clipboard()])
        self.query_one("#next").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_keep":
            return bool(getattr(self, "files", None))
        return super().check_action(action, parameters)

    def action_toggle_keep(self) -> None:
        self.query_one("#keep-files", Checkbox).toggle()

    def go_next(self) -> None:
        keep = bool(self.files) and self.query_one("#keep-files", Checkbox).value
        self.host.finish("" if keep or not self.files else export_folder.delete(self.files))

    def action_back(self) -> None:
        self.host.show_outputs()
