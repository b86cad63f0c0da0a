"""The footer, minus the command-palette hint when the terminal is narrow (the keys matter more)."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_HINT_MIN_WIDTH = 90  # below this, "^p palette" would push F1 Help off an 80-column screen


class YdmFooter(Footer):
    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.show_command_palette = width >= PALETTE_HINT_MIN_WIDTH
