"""Step 2, who: search and filter organisations, tick several, add all elected parties, or your own."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from ydm.errors import InputError
from ydm.model import Organisation
from ydm.postcodes import nation_of_residence
from ydm.tui.screens.add_org import AddOrgScreen
from ydm.tui.screens.labels import CATEGORY_LABELS
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.widgets.toggles import YdmSelectionList

NATION_LABELS = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
}


def nation_guess(postcode: str) -> tuple[str, bool]:
    """(nation, sure): whose elected parties to offer, from the person's postcode (one rule for the
    app and the guided session, in ydm.postcodes). Not a postcode: England, not sure."""
    try:
        return nation_of_residence(postcode)
    except InputError:
        return "england", False


def org_line(org: Organisation) -> str:
    ways = [
        w for w, ok in (("email", org.email), ("post", org.postal_address), ("web form", org.webform)) if ok
    ]
    how = ", ".join(ways) if ways else "no contact details yet"
    return f"{org.display_name}  [dim]({CATEGORY_LABELS.get(org.category, org.category)}; {how})[/dim]"


def chosen_notes(orgs: list[Organisation]) -> str:
    """What the person should know about their choice: parties whose local bodies are controllers of
    their own (write to the local one too), and organisations with more than one published address."""
    notes = []
    local = [o.display_name for o in orgs if o.local_controllers]
    if local:
        notes.append(f"⚑ Write to the local party too: for {', '.join(local)} the local parties are separate "
                     "controllers (the sources: Organisations screen). Press Ctrl+L to find yours in the "
                     "Electoral Commission's register.")
    for org in orgs:
        if len(org.address_options) > 1:
            dates = " and ".join(a.date or "undated" for a in org.address_options)
            notes.append(f"⚑ {org.display_name} has {len(org.address_options)} published addresses ({dates}): "
                         "choose at Review (a).")
    return "\n".join(notes)


class WhoScreen(WizardStep):
    """Step 2: which organisations to write to. Choices survive searching and filtering."""

    STEP = 2
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: in the search box too, `/` is the key the footer offers, never a slash typed in.
        Binding("slash", "search", "Search", id="who-search", tooltip="Jump to the search box", priority=True),
        # Down from the search box goes to the results, as Enter does; elsewhere it is left alone.
        Binding("down", "to_list", "To the list", id="who-to-list", show=False),
        # PageDown/PageUp in the search box page through the results (and go to them).
        Binding("pagedown", "page_list(1)", "Page down", id="who-page-down", show=False),
        Binding("pageup", "page_list(-1)", "Page up", id="who-page-up", show=False),
        Binding("ctrl+l", "local_parties", "Local parties", id="who-local",
                tooltip="The local parties of the ticked parties, from the Electoral Commission's register"),
    ]
    # Tab goes from the search box to the tick list first (not to the kind drop-down, where Space
    # opened the drop-down instead of ticking), then on through the rest of the step.
    TAB_ORDER = ("#org-search", "#org-list", "#org-category", "#all-parties", "#nation", "#add-own", "#back",
                 "#next")
    HELP = """\
Choose every organisation you want to write to: type part of a name to search (accents and
capitals do not matter; `Enter` or `↓` takes you to the list, `/` back to the search), filter by kind
of organisation, and press `Space` to tick or untick.
**All elected parties** ticks every party with elected representatives in the nation you choose.
**Add your own** lets you write to an organisation that is not in the list.
`Ctrl+L` lists the **local parties** (associations, constituency parties, branches) of the parties you
ticked, from the Electoral Commission's register, those named after your town first: they are
controllers of their own and hold the canvassing data. Tick yours. (The register is imported once
with `ydm orgs update --ec-register FILE`; nothing is sent anywhere to find them.)
"""

    def body(self) -> ComposeResult:
        with Vertical(id="who", classes="step-body"):
            with Horizontal(classes="row"):
                # select_on_focus off: a letter typed in the list comes here and the next must not replace it
                yield Input(placeholder="Search by name, e.g. labour, reform, experian", id="org-search",
                            select_on_focus=False)
                yield Select(
                    [(label, cat.value) for cat, label in CATEGORY_LABELS.items()],
                    prompt="All kinds",
                    id="org-category",
                    compact=True,
                )
            yield YdmSelectionList[str](id="org-list")
            with Horizontal(classes="row buttons"):
                yield Button("Tick all elected parties in", id="all-parties", compact=True)
                yield Select(
                    [(label, key) for key, label in NATION_LABELS.items()],
                    allow_blank=False,
                    value="england",
                    id="nation",
                    compact=True,
                )
                yield Button("Add your own…", id="add-own", compact=True)
            yield Static("", id="chosen", classes="chosen")
            yield Static("", id="who-notes", classes="chosen")

    NARROW = 72  # below this width the row under the list does not hold the long label

    def on_resize(self, event) -> None:  # noqa: ANN001 - textual.events.Resize
        """At 60 columns the row under the list was cut ("Add yo"): a shorter label and drop-down
        there, so every button stays on the screen."""
        narrow = event.size.width < self.NARROW
        button = self.query_one("#all-parties", Button)
        button.label = "All elected parties in" if narrow else "Tick all elected parties in"
        button.styles.margin = (0, 0, 0, 0) if narrow else (0, 1, 0, 0)
        nation = self.query_one("#nation", Select)
        nation.styles.width = 20 if narrow else 22  # "Northern Ireland" on one line
        nation.styles.margin = (0, 0, 0, 0) if narrow else (0, 1, 0, 0)

    def on_mount(self) -> None:
        self.selected: dict[str, Organisation] = {o.id: o for o in self.state.orgs}
        if self.state.person is not None and self.state.nation == "england":
            self.state.nation, sure = nation_guess(self.state.person.postcode)
            if not sure:
                self.notify(
                    f"Your postcode area crosses a border, so we guessed {NATION_LABELS[self.state.nation]}. "
                    "If you live elsewhere, change it next to 'elected parties in', under the list.",
                    title="Check your nation",
                    timeout=12,
                )
        self.query_one("#nation", Select).value = self.state.nation
        self._filling = False
        self.refilter()
        self.query_one("#org-search", Input).focus()

    def action_search(self) -> None:
        self.query_one("#org-search", Input).focus()

    def _tab_stops(self) -> list:
        return [w for w in (self.query_one(sel) for sel in self.TAB_ORDER) if w.focusable]

    def focus_next(self, selector="*"):  # noqa: ANN001, ANN201 - Screen.focus_next's signature
        """Tab: the step's own order (see TAB_ORDER); anywhere else (a drop-down open), Textual's."""
        return self._tab(1, selector) or super().focus_next(selector)

    def focus_previous(self, selector="*"):  # noqa: ANN001, ANN201 - Screen.focus_previous's signature
        return self._tab(-1, selector) or super().focus_previous(selector)

    def _tab(self, step: int, selector) -> object | None:  # noqa: ANN001
        stops = self._tab_stops()
        if selector != "*" or self.focused not in stops:
            return None
        target = stops[(stops.index(self.focused) + step) % len(stops)]
        target.focus()
        return target

    def action_page_list(self, pages: int) -> None:
        """PageDown/PageUp from the search box: into the list, a page on (the list's own keys after)."""
        listing = self.query_one("#org-list", SelectionList)
        if self.focused is listing:
            raise SkipAction()
        if self.focused is not self.query_one("#org-search", Input):
            raise SkipAction()
        listing.focus()
        if pages > 0:
            listing.action_page_down()
        else:
            listing.action_page_up()

    _to_search = False  # a letter typed in the list began a search; keys still on their way follow it

    def on_key(self, event) -> None:  # noqa: ANN001 - textual.events.Key
        """Typing a letter while the tick list has focus starts a new search (the list has no use for
        letters); the ticks stay. Keys that reach the list before the search box has the focus (a
        name typed quickly) go on into the search, spaces too, rather than each starting it again."""
        listing = self.query_one("#org-list", SelectionList)
        if self.focused is not listing or not (event.is_printable and event.character):
            return
        search = self.query_one("#org-search", Input)
        if self._to_search:
            search.insert_text_at_cursor(event.character)
        elif event.character in " /":
            return
        else:
            search.value = event.character  # a new search, as typing a name in a list means
            search.cursor_position = len(search.value)
            self._to_search = True
        search.focus()
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self, event) -> None:  # noqa: ANN001 - textual.events.DescendantFocus
        if event.widget is not self.query_one("#org-list", SelectionList):
            self._to_search = False

    def action_to_list(self) -> None:
        """Down in the search box: into the list, on the first match (its own keys move on from there)."""
        if self.focused is not self.query_one("#org-search", Input):
            raise SkipAction()
        self.query_one("#org-list").focus()

    # --- list --------------------------------------------------------------------------------
    def refilter(self) -> None:
        query = self.query_one("#org-search", Input).value
        category = self.query_one("#org-category", Select).value
        cat = None if category is Select.NULL else category
        found = self.app.backend.find_orgs(query, cat)  # the one search: typos forgiven, registers too
        orgs = found.orgs if query.strip() else self.app.backend.search_orgs("", cat)
        local = getattr(self, "local", [])
        if local and not query.strip() and cat is None:  # the local parties asked for with Ctrl+L come first
            ids = {o.id for o in local}
            orgs = [*local, *(o for o in orgs if o.id not in ids)]
        self._search_note = found.message
        listing = self.query_one("#org-list", SelectionList)
        self._filling = True
        listing.clear_options()
        listing.add_options([Selection(org_line(o), o.id, o.id in self.selected) for o in orgs])
        if orgs:
            listing.highlighted = 0
        self._filling = False
        self.shown = {o.id: o for o in orgs}
        self.update_chosen()

    def update_chosen(self) -> None:
        names = [o.display_name for o in self.selected.values()]
        text = f"Chosen ({len(names)}): " + ("; ".join(names) if names else "none yet — tick with Space")
        if getattr(self, "_search_note", ""):
            text = f"{self._search_note}\n{text}"  # a forgiven typo, or what to try when nothing matched
        self.query_one("#chosen", Static).update(text)
        self.query_one("#who-notes", Static).update(chosen_notes(list(self.selected.values())))

    @on(Input.Changed, "#org-search")
    def _search(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#org-search")
    def _to_list(self) -> None:
        self.query_one("#org-list").focus()

    @on(Select.Changed, "#org-category")
    def _category(self) -> None:
        self.refilter()

    @on(Select.Changed, "#nation")
    def _nation(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.state.nation = str(event.value)

    @on(SelectionList.SelectedChanged, "#org-list")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        if self._filling:
            return
        ticked = set(event.selection_list.selected)
        for org_id, org in self.shown.items():
            if org_id in ticked:
                self.selected[org_id] = org
            else:
                self.selected.pop(org_id, None)
        self.update_chosen()

    @on(Button.Pressed, "#all-parties")
    def _all_parties(self) -> None:
        parties = self.app.backend.parties_elected_in(self.state.nation)
        for org in parties:
            self.selected[org.id] = org
        self.refilter()
        self.notify(
            f"Ticked {len(parties)} parties with elected representatives in "
            f"{NATION_LABELS[self.state.nation]}.",
            title="Parties added",
        )

    def action_local_parties(self) -> None:
        """Ctrl+L: the ticked parties' local units from the Electoral Commission register, listed first."""
        from ydm.errors import YdmError
        from ydm.model import Category

        parties = [o for o in self.selected.values() if o.category is Category.PARTY and o.origin not in ("ico", "ec")]
        if not parties:
            self.notify("Tick a party first (Space), then press Ctrl+L for its local parties.", title="No party ticked")
            return
        found: list[Organisation] = []
        problems: list[str] = []
        for party in parties:
            try:
                result = self.app.backend.local_parties_near(party.id, self.state.person)
            except YdmError as exc:
                problems.append(str(exc))
                continue
            found.extend(result.units)
        self.local = found
        if found:
            self.query_one("#org-search", Input).value = ""  # the local parties show at the top of the list
            self.refilter()
            self.query_one("#org-list").focus()
            self.notify(f"{len(found)} local part{'y' if len(found) == 1 else 'ies'} listed first: tick yours. Each "
                        "is a separate controller.", title="Local parties")
        if problems:
            self.notify("\n".join(dict.fromkeys(problems)), title="Local parties not found", severity="warning",
                        timeout=15)

    @on(Button.Pressed, "#add-own")
    def _add_own(self) -> None:
        self.app.push_screen(AddOrgScreen(), self._added)

    def _added(self, org: Organisation | None) -> None:
        if org is None:
            return
        self.selected[org.id] = org
        self.refilter()

    def collect(self) -> None:
        self.state.orgs = list(self.selected.values())

    def go_next(self) -> None:
        if not self.selected:
            self.query_one("#chosen", Static).update(
                "⚠ Tick at least one organisation: highlight it and press Space."
            )
            self.notify(
                "Tick at least one organisation (Space ticks the highlighted one).",
                title="Nobody chosen yet",
                severity="warning",
            )
            self.query_one("#org-list").focus()
            return
        self.state.orgs = list(self.selected.values())
        self.advance()
