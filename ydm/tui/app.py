"""YdmApp: the `ydm` terminal app. Wiring only: modes, bindings, stylesheet, palette commands.

The dashboard of requests opens first; the wizard, a request's timeline and the organisation
browser are screens pushed over it. Every workflow goes through `ydm.service` and the core.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from ydm.tui.base import TodayArg, YdmAppBase


class YdmApp(YdmAppBase):
    """The main app: a dashboard of requests and deadlines, with a wizard to write new ones."""

    TITLE = "Your Data Matters"
    CSS_PATH = Path(__file__).parent / "ydm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *YdmAppBase.BINDINGS,
    ]

    def __init__(
        self, *, today: TodayArg = None, theme: str | None = None, backend: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(today=today, theme=theme, **kwargs)
        self.backend = backend  # ydm.tui.backend.Backend; built lazily on mount when None

    def on_mount(self) -> None:
        from ydm.tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)


def run(**kwargs: Any) -> int:
    """Start the app (the CLI's `ydm` with no command). Returns an exit code."""
    YdmApp(**kwargs).run()
    return 0
