"""Step 3, what: the kinds of request, each explained in one plain sentence."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Static

from ydm.model import INITIAL_KINDS, KIND_SUMMARIES, REPORT_KINDS, RequestKind
from ydm.tui.screens.confirm import ConfirmScreen
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.widgets.toggles import YdmCheckbox

KIND_TITLES = {
    RequestKind.ACCESS: "Get a copy of my data",
    RequestKind.OBJECT_MARKETING: "Stop marketing me",
    RequestKind.OBJECT_PROCESSING: "Stop profiling me",
    RequestKind.OPEN_REGISTER: "Take me off the open register",
    RequestKind.ERASURE: "Delete my data",
    RequestKind.IMPRINT_REPORT: "Report an online political advert that does not say who is behind it",
}
# The kinds offered: the requests, then the report to the Electoral Commission (not tracked).
OFFERED = (*INITIAL_KINDS, *REPORT_KINDS)


class WhatScreen(WizardStep):
    """Step 3: tick one or more kinds; each organisation gets one letter per kind."""

    STEP = 3
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: on a small terminal the list scrolls, and the scroll container would take ↑/↓ for
        # itself (the focus stayed put and Space then unticked the first kind); moving the focus
        # scrolls the next kind into view anyway.
        Binding("down", "focus_next_kind", "Next kind", show=False, priority=True),
        Binding("up", "focus_previous_kind", "Previous kind", show=False, priority=True),
    ]
    HELP = """\
Tick what you want to ask. Each organisation you chose gets one letter for each thing you tick,
and each letter has its own deadline. Most people start with **a copy of my data** (you learn what
they hold and where it came from) and **stop marketing me**.

The open register letter always goes to your council's electoral registration office, not to
the organisations you chose.

The report about an advert with no imprint goes to the Electoral Commission; the organisations you
chose are named as the ones you think are behind it. Describe the advert, where and when you saw
it, in "your own words" on the next screen. It is not tracked: there is no deadline.
"""

    def body(self) -> ComposeResult:
        with VerticalScroll(id="what", classes="form"):
            yield Static(
                "What do you want to ask? Tick one or more: ↑/↓ to move, Space to tick.", classes="intro"
            )
            yield Static("", id="kinds-error", classes="field-error")
            for kind in OFFERED:
                yield YdmCheckbox(
                    KIND_TITLES.get(kind, kind.value),
                    kind in self.state.kinds,
                    id=f"k-{kind.value}",
                    compact=True,
                )
                yield Static(KIND_SUMMARIES[kind], classes="why kind-why")

    def on_mount(self) -> None:
        self.query_one("#kinds-error").display = False
        self.query_one(Checkbox).focus()

    def action_focus_next_kind(self) -> None:
        self.focus_next(Checkbox)

    def action_focus_previous_kind(self) -> None:
        self.focus_previous(Checkbox)

    def chosen(self) -> list[RequestKind]:
        return [k for k in OFFERED if self.query_one(f"#k-{k.value}", Checkbox).value]

    def on_checkbox_changed(self) -> None:
        if self.chosen():
            self.query_one("#kinds-error").display = False

    def collect(self) -> None:
        self.state.kinds = self.chosen()

    def go_next(self) -> None:
        kinds = self.chosen()
        if not kinds:
            error = self.query_one("#kinds-error", Static)
            error.update("⚠ Tick at least one kind of request.")
            error.display = True
            return
        self.state.kinds = kinds
        pairs = [(o, k) for o in self.state.orgs for k in kinds if k is not RequestKind.OPEN_REGISTER]
        self.app.run_blocking(self.app.backend.duplicates, pairs, self.app.today, on_done=self._checked,
                              description="looking for the same request sent before", group="duplicates",
                              exclusive=True)

    def _checked(self, repeats: list[str]) -> None:
        """Before a second identical request (ydm.service.duplicates): ask, as the CLI warns."""
        if not repeats:
            self.advance()
            return
        shown = "; ".join(r[0].upper() + r[1:] for r in repeats[:3]) + ("; …" if len(repeats) > 3 else "")
        self.app.push_screen(
            ConfirmScreen(
                "Write the same request again?",
                f"{shown}. They must answer the first one; a second rarely helps and may be refused "
                "as repetitive. Untick what you asked already, or write it anyway.",
                yes="Write it anyway",
                no="Go back",
            ),
            lambda again: self.advance() if again else None,
        )
