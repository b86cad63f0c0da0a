"""F1 help: the current screen's plain-language markdown plus the keys that work there."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Markdown

GENERAL_HELP = """\
**Your Data Matters** helps you ask political parties, campaigners and data brokers what they
hold about you, tell them to stop, and keep track of the legal deadlines for their answers.

Everything works with the keyboard. The keys for the current screen are listed below and in the
bar at the bottom. `Tab` moves between fields, `Enter` chooses, `Escape` goes back.
`Ctrl+P` opens the command list. `F1` shows this help anywhere. `Ctrl+Q` leaves ydm.
"""


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """(key, description) for every described binding active on `screen`, taken before help opens."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.app.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


def _keys_table(keys: list[tuple[str, str]]) -> str:
    if not keys:
        return ""
    rows = "\n".join(f"| `{key}` | {what} |" for key, what in keys)
    return "\n\n### Keys\n\n| key | what it does |\n| --- | --- |\n" + rows


class HelpScreen(ModalScreen[None]):
    """Shows the HELP text of the screen underneath (falls back to a general introduction)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen VerticalScroll { height: 1fr; }
    HelpScreen Button { margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help", id="close-help"),
        Binding("f1", "close", "Close help", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        self.keys = keys_of(under)

    def compose(self) -> ComposeResult:
        text = getattr(self.under, "HELP", None) or ""
        title = self.under.title or getattr(self.under, "TITLE", None) or "Help"
        body = f"## {title}\n\n{text.strip()}\n\n---\n\n{GENERAL_HELP}{_keys_table(self.keys)}"
        with Vertical():
            with VerticalScroll():
                yield Markdown(body, id="help-text")
            yield Button("Close (Esc)", id="help-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
