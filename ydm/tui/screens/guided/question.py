"""One question per screen: the question, why we ask, and a field, a list or ticks to answer it."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ydm.errors import YdmError
from ydm.session.flow import Question
from ydm.tui.screens.guided.base import GuidedScreen
from ydm.tui.widgets.toggles import YdmSelectionList


class TickList(YdmSelectionList[str]):
    """Space ticks or unticks; Enter goes on. Enter used to tick the highlighted row again (a
    SelectionList's Enter selects), so a patron who pressed it to move on untook their own choice."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "go_on", "Next", show=False)]

    def action_go_on(self) -> None:
        self.screen.action_next()  # type: ignore[attr-defined] - always on a QuestionScreen


def _option_prompt(label: str, detail: str) -> str:
    return f"[b]{escape(label)}[/b]" + (f"\n[dim]{escape(detail)}[/dim]" if detail else "")


def _tick_prompt(label: str, detail: str) -> str:
    """A search result on one line (a Selection shows only its first line): the detail after the name, so
    two local parties of the same name are told apart by their place and register. (Other tick lists
    keep their first line only: there the detail is a note, and cut short it would only clutter.)"""
    return f"[b]{escape(label)}[/b]" + (f" [dim]— {escape(detail)}[/dim]" if detail else "")


class QuestionScreen(GuidedScreen):
    """Text answers: Enter goes on. One choice: arrows and Enter. Several: Space ticks, Enter or Ctrl+N goes on."""

    def __init__(self, question: Question) -> None:
        self.question = question  # before super(): Screen.__init__ reads TITLE
        super().__init__()

    @property
    def TITLE(self) -> str:
        return self.question.title

    @property
    def HELP(self) -> str:
        how = {
            "text": "Type your answer and press **Enter**.",
            "choice": "Move with the **arrow keys** and press **Enter** on your choice.",
            "multi": "Move with the **arrow keys**, press **Space** to tick or untick, then **Enter** (or **Ctrl+N**).",
        }[self.question.kind]
        return f"{self.question.prompt}\n\n**Why we ask:** {self.question.why}\n\n{how} **Escape** goes back."

    def progress(self) -> str:
        return self.session.progress()

    def body(self) -> ComposeResult:
        q = self.question
        with VerticalScroll(classes="guided-body"):
            yield Static(q.prompt, classes="question", id="prompt", markup=False)
            yield Static(f"Why we ask: {q.why}", classes="why", id="why", markup=False)
            if q.kind == "text":
                yield Input(value=q.default or "", id="answer")
                if q.hint:
                    yield Static(q.hint[0].upper() + q.hint[1:] + ".", classes="hint", markup=False)
            elif q.kind == "choice":
                options = [Option(_option_prompt(o.label, o.detail), id=o.value) for o in q.options]
                yield OptionList(*options, id="answer")
            else:
                ticked = set(q.default or ())
                prompt = _tick_prompt if q.id == "more_pick" else _option_prompt
                yield TickList(
                    *(Selection(prompt(o.label, o.detail), o.value, o.value in ticked) for o in q.options),
                    id="answer",
                )
            yield Static("", id="error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        answer = self.query_one("#answer")
        if isinstance(answer, OptionList) and not isinstance(answer, SelectionList):
            values = [o.value for o in self.question.options]
            if self.question.default in values:
                answer.highlighted = values.index(self.question.default)
        answer.focus()

    def value(self):
        answer = self.query_one("#answer")
        if isinstance(answer, Input):
            return answer.value
        if isinstance(answer, SelectionList):  # a SelectionList is also an OptionList
            return tuple(answer.selected)
        if isinstance(answer, OptionList):
            index = answer.highlighted
            return None if index is None else self.question.options[index].value
        return None

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(f"Problem: {message}")
        error.display = True

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.go_next()

    @on(OptionList.OptionSelected, "#answer")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not isinstance(event.option_list, SelectionList):
            self.go_next()

    def go_next(self) -> None:
        try:
            self.session.answer(self.question.id, self.value())
        except YdmError as exc:
            self.show_error(exc.message)
            return
        self.host.next_step()
