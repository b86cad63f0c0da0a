"""Checkboxes, radio buttons and selection lists whose state is visible without colour.

Textual draws every checkbox as `▐X▌` and every radio button as `▐●▌`, ticked or not: only the
colour tells them apart. Under NO_COLOR and in the high-contrast themes these widgets draw the state
in characters instead: `[x]` / `[ ]` and `(•)` / `( )`; the highlighted row of a selection list also
gets a `›` marker. With colour, they look like Textual's own widgets.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, RadioSet, SelectionList
from textual.widgets._selection_list import SelectionType

PLAIN_THEMES = frozenset({"ydm-high-contrast", "ydm-high-contrast-light", "ansi-dark", "ansi-light"})
CHECKED, UNCHECKED = "[x]", "[ ]"
CHOSEN, UNCHOSEN = "(•)", "( )"
MARKER = "›"


def plain_marks(app: App) -> bool:
    """Whether state is drawn in characters. Always: ticked or not must never be told by colour alone
    (colour-blind people, monochrome terminals, screenshots read aloud), so every theme shows it."""
    return True


def colourless(app: App) -> bool:
    """True under NO_COLOR or a high-contrast/ANSI theme: focus, too, must then be shown in characters."""
    return bool(app.no_color) or app.theme in PLAIN_THEMES


class YdmCheckbox(Checkbox):
    """A Checkbox that shows `[x]` / `[ ]` when colour cannot carry the state."""

    @property
    def _button(self) -> Content:
        if not plain_marks(self.app):
            return super()._button
        return Content.styled((CHECKED if self.value else UNCHECKED) + " ", self.get_visual_style("toggle--label"))

    def get_content_height(self, container, viewport, width: int) -> int:
        """One line, as Textual's; as many as the label needs when its CSS says `text-wrap: wrap`
        (a warning in the label must be read whole, not cut with an ellipsis)."""
        if self.styles.text_wrap != "wrap":
            return super().get_content_height(container, viewport, width)
        return max(1, len(self.render().wrap(max(1, width))))


class YdmRadioButton(RadioButton):
    """A RadioButton that shows `(•)` / `( )` when colour cannot carry the state."""

    @property
    def _button(self) -> Content:
        if not plain_marks(self.app):
            return super()._button
        return Content.styled((CHOSEN if self.value else UNCHOSEN) + " ", self.get_visual_style("toggle--label"))


class YdmRadioSet(RadioSet):
    """A RadioSet whose keyboard highlight starts on the pressed button.

    Textual's starts on the first button: with "Post, first class" pressed, "Email" looked chosen
    too, and Down then Enter chose the second button (web form), not the one after the pressed one.
    """

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_pressed)  # RadioSet's own mount handler runs after this

    def on_focus(self) -> None:
        self._start_on_pressed()

    def _start_on_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index


class YdmSelectionList(SelectionList[SelectionType]):
    """A SelectionList drawing `›[x] ` (highlighted, ticked) / ` [ ] ` when colour cannot carry it."""

    def _get_left_gutter_width(self) -> int:
        return len(MARKER + CHECKED + " ") if plain_marks(self.app) else super()._get_left_gutter_width()

    def render_line(self, y: int) -> Strip:
        if not plain_marks(self.app):
            return super().render_line(y)
        line = OptionList.render_line(self, y)  # the prompt alone, without SelectionList's button
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except Exception:  # noqa: BLE001 - past the last option: an empty line
            return line
        ticked = selection.value in self._selected
        here = self.highlighted == index
        first = next(iter(line), None)
        style = first.style if first is not None else None
        mark = f"{MARKER if here else ' '}{CHECKED if ticked else UNCHECKED} "
        return Strip([Segment(mark, style), *line])
