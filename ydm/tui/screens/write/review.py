"""Step 4, review: read every letter before it goes, and add your own words to them.

When the open-register letter has no registration office to go to (no lookup key: the default on a
fresh install), the person is asked for it in a small dialog; Esc there goes back to step 3. Any
other failure while writing goes back to the previous step with the problem shown, never leaving a
"Writing your letters…" screen behind.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ydm.model import Organisation
from ydm.tui.backend import LateComplaint, OfficeNeeded
from ydm.tui.rows import Draft
from ydm.tui.screens.labels import KIND_LABELS
from ydm.tui.screens.write.details import DetailsScreen
from ydm.tui.screens.write.late_reason import LateReasonScreen
from ydm.tui.screens.write.office import OfficeScreen
from ydm.tui.screens.write.step import WizardStep


def draft_label(draft: Draft) -> str:
    return f"{KIND_LABELS.get(draft.kind, draft.kind.value)}: {draft.org.display_name}"


class ReviewScreen(WizardStep):
    """Step 4: the letters, drafted by ydm.letters.render through the backend, one preview at a time."""

    STEP = 4
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "other_address", "Other address", id="review-other-address",
                tooltip="Send the highlighted letter to the organisation's other published address"),
        Binding("d", "details", "Details given", id="review-details",
                tooltip="Choose which of your details the letters leave out"),
    ]
    HELP = """\
These are the letters ydm wrote for you, one per organisation and kind. Move through the list on
the left with the arrow keys to read each one on the right.

Some organisations publish more than one postal address and it is not settled which is current
(each is shown with the date of its source on the Organisations screen): `a` sends the highlighted
letter to the next one instead, and back again.

Each letter gives only the details an organisation needs to find you, each with what it is for;
your date of birth is left out of letters to parties, campaigners and registration offices. `d`
chooses what to leave out of every letter (or to give everything).

To add something of your own (for example "you phoned me on 3 May"), type it in the box at the
top and press `Enter`: it is added to every letter. Nothing has been sent yet.
"""

    def body(self) -> ComposeResult:
        with Vertical(id="review", classes="step-body"):
            yield Label(
                "Your own words, added to every letter (optional; Enter to apply):", classes="field-label"
            )
            yield Input(
                self.state.extra_text,
                placeholder="e.g. I received your leaflet on 3 May 2026.",
                id="extra-text",
            )
            with Horizontal(classes="letters"):
                yield OptionList(id="draft-list", classes="draft-list")
                with VerticalScroll(id="preview-box", classes="preview-box", can_focus=True):
                    yield Static("Writing your letters…", id="preview", markup=False)

    def on_mount(self) -> None:
        self.query_one("#draft-list").focus()
        self.redraft()

    def redraft(self) -> None:
        state = self.state
        self.query_one("#preview", Static).update("Writing your letters…")
        self.app.run_blocking(
            self._write,
            self.app.backend,
            dict(
                person=state.person,
                orgs=list(state.orgs),
                kinds=list(state.kinds),
                today=self.app.today,
                extra_text=state.extra_text,
                related_ref=state.related_ref,
                previous=list(state.drafts),
                missing=list(state.missing),
                office=state.office,
                late_reason=state.late_reason,
                leave_out=state.leave_out,
            ),
            on_done=self._written,
            on_error=self._failed,
            description="writing your letters",
            group="draft",
            exclusive=True,
        )

    @staticmethod
    def _write(backend, fields: dict) -> list[Draft] | OfficeNeeded | LateComplaint:
        """In a worker: the drafts, or OfficeNeeded / LateComplaint (questions for the person, not errors)."""
        try:
            return backend.draft_letters(**fields)
        except (OfficeNeeded, LateComplaint) as needed:
            return needed

    def _written(self, result: list[Draft] | OfficeNeeded | LateComplaint) -> None:
        if isinstance(result, LateComplaint):
            self.ask_late_reason(result)
        elif isinstance(result, OfficeNeeded):
            self.ask_office(result.message)
        else:
            self._drafted(result)

    def ask_late_reason(self, late: LateComplaint) -> None:
        """The ICO's three months have passed: the letter says so, with the reason asked here."""
        self.query_one("#preview", Static).update("Waiting for the reason the complaint is late…")

        def answered(reason: str | None) -> None:
            if reason is None:
                self._leave()
                return
            self.state.late_reason = reason
            self.redraft()

        self.app.push_screen(LateReasonScreen(late.last_contact, late.ico_by), answered)

    def ask_office(self, reason: str) -> None:
        """The dialog for the registration office; with it the letters are written again, without it
        (Esc) the person is back at step 3 with their choices kept."""
        self.query_one("#preview", Static).update("Waiting for your registration office…")
        postcode = self.state.person.postcode if self.state.person else ""

        def answered(office: Organisation | None) -> None:
            if office is None:
                self._leave()
                return
            self.state.office = office
            self.redraft()

        self.app.push_screen(OfficeScreen(reason, postcode), answered)

    def _failed(self, _error: BaseException) -> None:
        """Writing failed (the app shows the problem in a modal): back to the step before."""
        self._leave()

    def _leave(self) -> None:
        self.query_one("#preview", Static).update("")
        if self.is_current:
            self.app.pop_screen()

    def _drafted(self, drafts: list[Draft]) -> None:
        previous = {(d.org.id, d.kind): d.channel for d in self.state.drafts}
        for draft in drafts:
            draft.channel = previous.get((draft.org.id, draft.kind), draft.channel)
        self.state.drafts = drafts
        cautions = self.app.backend.register_cautions([d.org for d in drafts], self.app.today)
        if cautions:  # a lapsed registration or an old register file, said before the letters go (issue 14)
            self.notify("\n".join(cautions), title="Check before you send", severity="warning", timeout=20)
        listing = self.query_one("#draft-list", OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        listing.add_options([Option(draft_label(d), id=str(i)) for i, d in enumerate(drafts)])
        if drafts:
            listing.highlighted = min(keep, len(drafts) - 1)
            self.show(listing.highlighted)

    def show(self, index: int | None) -> None:
        if index is None or index >= len(self.state.drafts):
            return
        letter = self.state.drafts[index].letter
        self.query_one("#preview", Static).update(letter.text)
        self.query_one("#preview-box").scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#draft-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)
        self.refresh_bindings()

    def _highlighted_org(self) -> Organisation | None:
        index = self.query_one("#draft-list", OptionList).highlighted
        drafts = self.state.drafts
        return drafts[index].org if index is not None and index < len(drafts) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "other_address":  # offered only where there is another address to choose
            org = self._highlighted_org()
            return org is not None and len(org.address_options) > 1
        return True

    def action_other_address(self) -> None:
        """The highlighted organisation's next published address becomes the one its letters use
        (pressing again goes round them all); the letters are written again."""
        org = self._highlighted_org()
        if org is None or len(org.address_options) < 2:
            return
        moved = org.with_address(1)
        moved = replace(moved, other_addresses=(*moved.other_addresses[1:], moved.other_addresses[0]))
        self.state.orgs = [moved if o.id == org.id else o for o in self.state.orgs]
        chosen = moved.address_options[0]
        self.notify(f"Letters to {org.display_name} now go to {', '.join(chosen.lines)} "
                    f"({chosen.date or 'undated'}). Press a again for the other.", title="Address changed")
        self.redraft()

    def action_details(self) -> None:
        """Which details every letter leaves out (DetailsScreen); the letters are written again."""
        if self.state.person is None:
            return

        def chosen(result) -> None:  # noqa: ANN001 - DetailsScreen's result
            if result is False:
                return
            self.state.leave_out = result
            self.redraft()
            self.notify("The letters were written again with the details you chose.", title="Letters updated")

        self.app.push_screen(DetailsScreen(self.state.person, self.state.leave_out), chosen)

    @on(OptionList.OptionSelected, "#draft-list")
    def _selected(self) -> None:
        self.query_one("#preview-box").focus()

    @on(Input.Submitted, "#extra-text")
    def _extra(self, event: Input.Submitted) -> None:
        self.state.extra_text = event.value.strip()
        self.redraft()
        self.notify("Your words were added to every letter.", title="Letters updated")

    def go_next(self) -> None:
        extra = self.query_one("#extra-text", Input).value.strip()
        if extra != self.state.extra_text:
            self.state.extra_text = extra
            self.redraft()
            self.notify("Letters updated with your words; check them, then go on.", title="Updated")
            return
        if not self.state.drafts:
            self.notify("The letters are still being written.", title="One moment")
            return
        self.advance()
