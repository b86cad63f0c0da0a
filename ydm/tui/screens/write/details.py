"""Which of your details the letters give: tick what to leave out (the app's `--leave-out`).

Why: a person writing to limit what an organisation holds should give it no more than it needs to
find them (ydm.letters.details). By default the date of birth is left out of letters to parties,
campaigners and registration offices, which find people by the electoral register; here the person
can leave out more, or give everything. The cost is said where the choice is made: if they then ask
for a detail to find you, their month starts again when they receive it (Art 12A(2)(b)).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static

from ydm.letters.details import DETAILS, ID_RESTARTS_CLOCK, NOTHING
from ydm.model import Person

# The words for each detail, in the order of the About-you step.
DETAIL_WORDS = {
    "dob": "Date of birth",
    "email": "Email",
    "phone": "Phone",
    "previous-addresses": "Previous addresses",
    "other-names": "Other names",
    "electoral-number": "Electoral number",
    "account-refs": "Account references",
}
DEFAULT_NOTE = ("Now: the usual choice — your date of birth is left out of letters to parties, "
                "campaigners and registration offices, and given to the others.")


def filled(person: Person) -> list[str]:
    """The details this person has given (only those can be left out)."""
    return [name for name in DETAIL_WORDS if getattr(person, DETAILS[name][0], None)]


class DetailsScreen(ModalScreen["tuple[str, ...] | None | bool"]):
    """Dismisses with the names to leave out (("none",): give everything; None: the usual choice),
    or False when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-details"),
        Binding("ctrl+s", "save", "Save", id="save-details"),
    ]

    def __init__(self, person: Person, leave_out: tuple[str, ...] | None) -> None:
        super().__init__()
        self.person = person
        self.leave_out = leave_out

    def compose(self) -> ComposeResult:
        names = filled(self.person)
        chosen = set(self.leave_out or ()) - {NOTHING}
        with Vertical(classes="dialog", id="details-dialog"):
            yield Static("Leave out of every letter (Space ticks):", classes="dialog-title")
            yield SelectionList[str](
                *[(f"{DETAIL_WORDS[n]} — {DETAILS[n][1]}", n, n in chosen) for n in names], id="leave-out")
            note = DEFAULT_NOTE if self.leave_out is None else "Your choice applies to every letter."
            yield Static(note, id="details-now", classes="why")
            yield Static(f"Why give them: {ID_RESTARTS_CLOCK}.", classes="why", markup=False)
            yield Static("", id="err-details", classes="field-error")
            with Horizontal(classes="row buttons"):
                yield Button("Save (Ctrl+S)", id="save-details", variant="primary", compact=True)
                yield Button("Usual choice", id="usual-details", compact=True)
                yield Button("Cancel (Esc)", id="cancel-details", compact=True)

    def on_mount(self) -> None:
        self.query_one("#leave-out", SelectionList).focus()

    @on(Button.Pressed, "#save-details")
    def action_save(self) -> None:
        picked = tuple(self.query_one("#leave-out", SelectionList).selected)
        if "email" in picked and not self.person.address:  # ydm.letters.details.for_letter's rule
            self.query_one("#err-details", Static).update(
                "⚠ Your email cannot be left out: with no postal address it is the only way to reply to you.")
            return
        self.dismiss(picked or (NOTHING,))

    @on(Button.Pressed, "#usual-details")
    def _usual(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel-details")
    def action_cancel(self) -> None:
        self.dismiss(False)
