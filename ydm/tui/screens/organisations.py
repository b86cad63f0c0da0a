"""Organisations: search the directory and read everything ydm knows about one, with its sources."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ydm.model import Organisation
from ydm.tui.screens.add_org import AddOrgScreen
from ydm.tui.screens.labels import CATEGORY_LABELS
from ydm.tui.screens.write.state import WizardState
from ydm.tui.widgets.footer import YdmFooter

CONFIDENCE_WORDS = {
    "high": "high (their own current notice)",
    "medium": "medium",
    "low": "low (old or second-hand)",
}


def local_words(org: Organisation) -> str:
    """The party's local bodies as controllers of their own, and what the person can do, with the source."""
    local = org.local_controllers
    if local is None:
        return ""
    return f"{local.summary} {local.advice} (source: {local.source}; {local.date or 'undated'})"


def describe(org: Organisation) -> Text:
    """All facts of one organisation, labelled in words, each with its confidence when known."""
    text = Text()
    text.append(org.display_name + "\n", style="bold")
    kind = CATEGORY_LABELS.get(org.category, org.category.value)
    text.append(f"{kind}" + (" · added by you" if org.origin == "user" else "") + "\n\n")

    def fact(label: str, value: str, key: str = "") -> None:
        if not value:
            return
        text.append(f"{label}: ", style="bold")
        text.append(value)
        level = org.confidence.get(key or "")
        if level:
            text.append(f"  [confidence {level}]", style="italic")
        text.append("\n")

    fact("Legal name", org.legal_name, "legal_name")
    fact("Email", org.email, "email")
    fact("Other emails", ", ".join(org.alt_emails))
    options = org.address_options
    if options:
        several = len(options) > 1
        for i, address in enumerate(options):
            label = ("Postal address" if not several else
                     "Postal address (letters use this)" if i == 0 else f"Other postal address {i}")
            text.append(f"{label}:", style="bold")
            level = org.confidence.get("postal_address") if i == 0 else ""
            if address.date or several:
                text.append(f" ({address.date or 'undated'})")
            if level:
                text.append(f"  [confidence {level}]", style="italic")
            text.append("\n" + "\n".join(f"  {line}" for line in address.lines) + "\n")
            if address.note:
                text.append(f"  {address.note}\n", style="italic")
        if several:
            text.append("  Which is current is not settled: you can choose at the Review step (key a).\n",
                        style="italic")
    else:
        text.append("Postal address: ", style="bold")
        text.append("not known\n")
    fact("Web form", org.webform, "webform")
    fact("Privacy notice", org.privacy_notice, "privacy_notice")
    fact("ICO registration", org.ico_registration, "ico_registration")
    fact("Electoral Commission", org.electoral_commission_id)
    fact("Company number", org.company_number)
    fact("Phone", org.phone)
    fact("Works in", ", ".join(n.replace("-", " ").title() for n in org.nations))
    for seat in org.seats:
        status = f", {seat.status}" if seat.status else ""
        fact("Seats", f"{seat.seats} in the {seat.name} ({seat.date}{status})")
        if seat.basis:
            text.append(f"  {seat.basis}\n", style="italic")
    fact("Last verified", org.last_verified or "never")
    if org.local_controllers:
        text.append("\nLocal parties\n", style="bold underline")
        text.append(local_words(org) + "\n")
    if org.notes:
        text.append("\nNotes\n", style="bold underline")
        text.append(org.notes + "\n")
    text.append("\nSources\n", style="bold underline")
    if not org.sources:
        text.append("  none recorded\n")
    for source in org.sources:
        text.append(f"  · {source.ref}")
        if source.date:
            text.append(f" ({source.date})")
        if source.supports:
            text.append(f" — {source.supports}", style="italic")
        text.append("\n")
    return text


class OrganisationsScreen(Screen):
    """Search on top, the matching organisations on the left, the chosen one's details on the right."""

    TITLE = "Organisations"
    HELP = """\
Every organisation ydm can write to, with where each fact comes from. Type in the search box to
find one by name (accents and capitals do not matter), or pick a kind of organisation. Move through
the list with the arrow keys; the details on the right show the addresses, privacy notice, the
sources, when they were last checked and how confident we are in each fact.

`/` jumps to the search box, `a` adds an organisation of your own, `n` writes to the highlighted
organisation, `Esc` goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="orgs-back"),
        Binding("slash", "search", "Search", id="orgs-search"),
        Binding("a", "add_own", "Add your own", id="orgs-add"),
        Binding("n", "write_to", "Write to them", id="orgs-write"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="row"):
            yield Input(placeholder="Search organisations (/)", id="orgs-query")
            yield Select(
                [(label, cat.value) for cat, label in CATEGORY_LABELS.items()],
                prompt="All kinds",
                id="orgs-category",
                compact=True,
            )
        with Horizontal(id="orgs-main"):
            yield OptionList(id="orgs-list")
            with VerticalScroll(id="orgs-detail-box", can_focus=True):
                yield Static("", id="orgs-detail")
        yield YdmFooter()

    def on_mount(self) -> None:
        self.shown: list[Organisation] = []
        self.refilter()
        self.query_one("#orgs-list").focus()

    def refilter(self) -> None:
        query = self.query_one("#orgs-query", Input).value
        category = self.query_one("#orgs-category", Select).value
        cat = None if category is Select.NULL else category
        found = self.app.backend.find_orgs(query, cat)  # the one search; its message says what to try
        self.shown = found.orgs if query.strip() else self.app.backend.search_orgs("", cat)
        listing = self.query_one("#orgs-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(o.display_name, id=o.id) for o in self.shown])
        if self.shown:
            listing.highlighted = 0
            self.show(0)
        else:
            self.query_one("#orgs-detail", Static).update(f"{found.message} Or press a to add your own.")

    def show(self, index: int | None) -> None:
        if index is None or index >= len(self.shown):
            return
        self.query_one("#orgs-detail", Static).update(describe(self.shown[index]))
        self.query_one("#orgs-detail-box").scroll_home(animate=False)

    def current(self) -> Organisation | None:
        index = self.query_one("#orgs-list", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(Input.Changed, "#orgs-query")
    @on(Select.Changed, "#orgs-category")
    def _filter(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#orgs-query")
    def _to_list(self) -> None:
        self.query_one("#orgs-list").focus()

    @on(OptionList.OptionHighlighted, "#orgs-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    @on(OptionList.OptionSelected, "#orgs-list")
    def _selected(self) -> None:
        self.query_one("#orgs-detail-box").focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#orgs-query"):
            self.query_one("#orgs-list").focus()
        else:
            self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#orgs-query", Input).focus()

    def action_add_own(self) -> None:
        def added(org: Organisation | None) -> None:
            if org is not None:
                self.query_one("#orgs-query", Input).value = org.display_name
                self.refilter()

        self.app.push_screen(AddOrgScreen(), added)

    def action_write_to(self) -> None:
        org = self.current()
        if org is None:
            return
        self.app.start_wizard(WizardState(orgs=[org]))
