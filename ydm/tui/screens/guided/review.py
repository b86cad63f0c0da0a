"""After the questions: the letters, where each goes, what it does and when the answer is due."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ydm.law.deadlines import fmt
from ydm.session.flow import KIND_EXPLAINED, KIND_TITLES, NO_ANSWER
from ydm.tui.screens.guided.base import GuidedScreen


class ReviewScreen(GuidedScreen):
    """Read-only summary; Next goes to the take-home choices, Back to the last question."""

    TITLE = "Your letters"
    NEXT_LABEL = "Take them with you"
    HELP = """\
These are the letters we made from your answers. Each one says what it asks for and when the
answer is due, counted from today by the way you chose to send it. Press **Escape** to change an
answer, or **Ctrl+N** to print, save or copy them.
"""

    def progress(self) -> str:
        return f"Your letters: {len(self.session.plan().items)}"

    def body(self) -> ComposeResult:
        plan = self.session.plan()
        with VerticalScroll(id="review", classes="guided-body"):
            yield Static("Here are your letters.", classes="question", markup=False)
            for kind in dict.fromkeys(i.letter.kind for i in plan.items):
                yield Static(KIND_TITLES[kind], classes="kind-title", markup=False)
                yield Static(KIND_EXPLAINED[kind], classes="why", markup=False)
            for n, item in enumerate(plan.items, start=1):
                text = (
                    f"{n}. {item.org_name}: {KIND_TITLES[item.letter.kind]}\n"
                    f"   {item.how}\n"
                    f"   Answer due by {fmt(item.deadline.due, full=True)} if sent today. "
                    f"Reference {item.letter.reference}."
                )
                yield Static(text, classes="plan-item", markup=False)
            for blocked in plan.blocked:
                yield Static(f"Warning: {KIND_TITLES[blocked.letter.kind]} to {blocked.org_name}. {blocked.reason}",
                             classes="plan-item warning", markup=False)
            for note in plan.notes:
                yield Static(note, classes="why", markup=False)
            yield Static("If there is no answer", classes="kind-title", markup=False)
            yield Static(NO_ANSWER, classes="why", markup=False)

    def on_mount(self) -> None:
        self.query_one("#review").focus()

    def go_next(self) -> None:
        self.host.show_outputs()
