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
THEME_HELP = """
**Colours**: choose a theme with `Ctrl+P` (*High-contrast theme*, or *Theme* to pick from all).
ydm remembers it for next time, in `tui.toml` in its config folder; the `YDM_THEME` environment
variable, when set, wins over it.
"""


def _declared_by_ydm(node: object, binding: Binding) -> bool:
    """Whether one of ydm's own classes declares this binding (not a Textual widget's internals such
    as a table's Page Left, the screen's Copy selected text or the palette's own key)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("ydm."):
            continue
        for declared in cls.__dict__.get("BINDINGS", ()):
            key, action = (declared.key, declared.action) if isinstance(declared, Binding) else declared[:2]
            keys = [k.strip() for k in key.split(",")]
            if action == binding.action and binding.key in keys:
                return True
    return False


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """(key, description) for the app's own described bindings active on `screen`, taken before
    help opens; the keys of Textual's widgets (scrolling, copying) are left to their widgets."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.app.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        if not _declared_by_ydm(active.node, binding):
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
        general = GENERAL_HELP + (THEME_HELP if getattr(self.app, "REMEMBER_THEME", False) else "")
        body = f"## {title}\n\n{text.strip()}\n\n---\n\n{general}{_keys_table(self.keys)}"
        with Vertical():
            with VerticalScroll(id="help-scroll"):
                yield Markdown(body, id="help-text")
            yield Button("Close (Esc)", id="help-close", variant="primary")

    def on_mount(self) -> None:
        # The text has focus, so ↓, PageDown and End scroll it at once; Esc (or F1) closes.
        self.query_one("#help-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
