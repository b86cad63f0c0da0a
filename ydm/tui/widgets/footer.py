"""The footer, fitted to narrow terminals: the keys matter more than the command-palette hint, and
when even the keys do not fit (the dashboard at 80 columns) it switches to Textual's compact style
("n New request m Mark event …", one column less per key) rather than let F1 Help fall off the edge.
"""

from __future__ import annotations

from types import SimpleNamespace

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

PALETTE_HINT_MIN_WIDTH = 90  # below this, "^p palette" would push F1 Help off an 80-column screen


class YdmFooter(Footer):
    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        palette = width >= PALETTE_HINT_MIN_WIDTH
        if palette != self.show_command_palette:
            self.show_command_palette = palette
            if self._bindings_ready:  # Footer draws the hint only when it composes: after a resize, redraw
                self.refresh(recompose=True)
        if self._bindings_ready:
            self.compact = self.keys_width() > width
            keys = self._keys()
            wanted = len(fitting(keys, width)) if self.compact else len(keys)
            if wanted != len(self.query("FooterKey").exclude(".-command-palette")):
                self.refresh(recompose=True)  # keys to drop at this width, or dropped ones with room again

    def _keys(self) -> list[SimpleNamespace]:
        """The keys Footer would show (one per action), before any gives way, as `fitting` measures them."""
        keys: dict[str, SimpleNamespace] = {}
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = SimpleNamespace(
                    key=binding.key, key_display=self.app.get_key_display(binding), description=binding.description
                )
        return list(keys.values())

    def keys_width(self) -> int:
        """Columns the shown keys take in the normal style: " key " then "description " each
        (Footer's own padding), one entry per action as Footer draws them."""
        seen: set[str] = set()
        width = 0
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                width += len(self.app.get_key_display(binding)) + 2 + len(binding.description) + 1
        return width

    def compose(self) -> ComposeResult:
        if self._bindings_ready:  # the keys may have changed (another screen, a key hidden): refit
            self.compact = self.keys_width() > self.app.size.width
        keys = list(super().compose())
        kept = fitting(keys, self.app.size.width) if self.compact else keys
        if len(kept) < len(keys):
            self.styles.grid_size_columns = len(kept)
        yield from kept


def compact_width(key) -> int:  # noqa: ANN001 - a FooterKey (or the palette hint)
    """Columns one key takes in the compact style: "key description " (measured at 80 columns)."""
    return len(key.key_display) + 1 + len(key.description) + 1


def fitting(keys: list, width: int) -> list:
    """When even the compact keys do not fit (the dashboard at 60 columns cut "o Organisa" and hid
    q Quit and F1 Help), the last keys before F1 Help give way, so F1 Help, which lists them all, stays."""
    kept = list(keys)
    while sum(compact_width(k) for k in kept) - 1 > width:  # no space after the last
        droppable = [k for k in kept if k.key != "f1"]
        if not droppable:
            break
        kept.remove(droppable[-1])
    return kept
