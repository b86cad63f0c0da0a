"""The frame every wizard step shares: a step header, Back/Next buttons and their keys.

A step never imports the step after it: later steps borrow words from earlier ones (send shows
review's draft labels, record send's and what's), so a step that pushed its successor closed a loop
of imports. Going on is `advance()`, which asks the app for the next step (`YdmApp.advance_wizard`);
the order lives in one place, `ydm.tui.screens.write.flow`. Going back is a pop, since each step is
pushed over the one before.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.write.state import WizardState
from ydm.tui.widgets.footer import YdmFooter

STEPS = ("About you", "Who", "What", "Review", "Send", "Record")
CONTINUING_FROM = 4  # the next letter of a request starts at review: its organisation and kind are known


class WizardStep(Screen):
    """Subclasses set STEP (1-6), compose `body()`, and implement `go_next()`."""

    STEP = 1
    NEXT_LABEL = "Next"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="wizard-back", tooltip="Go back one step"),
        Binding("ctrl+n", "next", "Next step", id="wizard-next", tooltip="Check this step and go on"),
        Binding(
            "ctrl+g", "cancel", "Cancel", id="wizard-cancel", tooltip="Leave the wizard; nothing is recorded"
        ),
    ]

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.title = self.heading()

    def steps(self) -> tuple[str, ...]:
        """The steps this run of the wizard goes through (three for the next letter of a request)."""
        if self.state.continuing and self.STEP >= CONTINUING_FROM:
            return STEPS[CONTINUING_FROM - 1 :]
        return STEPS

    def number(self) -> int:
        return self.STEP - (len(STEPS) - len(self.steps()))

    def heading(self) -> str:
        what = f"Next letter for {self.state.related_ref}" if self.state.continuing else "New request"
        return f"{what} — step {self.number()} of {len(self.steps())}: {STEPS[self.STEP - 1]}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.step_line(), id="step-line", classes="step-line")
        yield from self.body()
        with Horizontal(classes="wizard-nav"):
            yield Button("Back (Esc)", id="back", compact=True)
            yield Button(f"{self.NEXT_LABEL} (Ctrl+N)", id="next", variant="primary", compact=True)
        yield YdmFooter()

    def step_line(self) -> str:
        marks = []
        for number, name in enumerate(self.steps(), start=1):
            if number == self.number():
                marks.append(f"[b reverse] {number} {name} [/]")
            else:
                marks.append(f"{number} {name}")
        return "  ".join(marks)

    def body(self) -> ComposeResult:
        yield from ()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next(self) -> None:
        self.go_next()

    def advance(self) -> None:
        """Push the step after this one, with the same state (the app asks the wizard's flow which)."""
        self.app.advance_wizard(self)

    def action_cancel(self) -> None:
        """Leave the wizard; if anything was entered (and not yet recorded), ask first."""
        if self.state.recorded or not self.has_input():
            self.app.close_wizard()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.forget_wizard_draft()
                self.app.close_wizard()

        self.app.push_screen(
            ConfirmScreen(
                "Discard this new request?",
                "What you entered in the wizard is dropped and nothing is recorded. "
                "(Your saved details stay saved.)",
                yes="Discard",
                no="Keep writing",
            ),
            answered,
        )

    def collect(self) -> None:
        """Put what is on this step, not yet confirmed with Next, into the state (before it is kept
        for next time). Steps with choices override it; a choice that does not check out is left out."""

    def has_input(self) -> bool:
        """Whether the person has entered anything that leaving would drop."""
        s = self.state
        return bool(s.person or s.orgs or s.kinds or s.drafts or s.extra_text or s.missing or s.continuing)

    def go_next(self) -> None:
        raise NotImplementedError
