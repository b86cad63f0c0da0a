"""Dashboard: every request with its organisation, kind, dates, days left and status in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class DashboardScreen(Screen):
    TITLE = "Your requests"
    HELP = "The list of your requests and their deadlines."

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("No requests yet.", id="empty")
        yield Footer()
