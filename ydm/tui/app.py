"""YdmApp: the `ydm` terminal app. Wiring only: screens, bindings, stylesheet, palette commands.

The dashboard of requests opens first; the wizard, a request's timeline and the organisation
browser are screens pushed over it. Every workflow goes through `ydm.tui.backend`, which calls
`ydm.service.letters`, the tracker and the core.

Screens reach each other only through the navigation methods here (the wizard's steps through
`advance_wizard`, whose order is in `ydm.tui.screens.write.flow`). Every screen but the dashboard
is imported where it is first shown: start-up loads only what the dashboard needs
(bench/bench_tui_start.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from ydm.model import RequestKind
from ydm.tui.backend import Backend
from ydm.tui.base import TodayArg, YdmAppBase
from ydm.tui.messages import RequestsChanged
from ydm.tui.rows import RequestRow
from ydm.tui.screens.dashboard import DashboardScreen


class YdmApp(YdmAppBase):
    """The main app: a dashboard of requests and deadlines, with a wizard to write new ones."""

    TITLE = "Your Data Matters"
    CSS_PATH = Path(__file__).parent / "ydm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*YdmAppBase.BINDINGS]
    REMEMBER_THEME = True

    def __init__(
        self, *, today: TodayArg = None, theme: str | None = None, backend: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(today=today, theme=theme, **kwargs)
        if backend is None:
            backend = Backend(passphrase=self.ask_passphrase_from_thread)
        self.backend = backend

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())
        self.remember_theme_changes()

    def on_unmount(self) -> None:
        self.backend.close()  # the store's connection; the key leaves memory with the process

    # --- navigation (screens call these; keeps screens ignorant of each other) ------------------
    def start_wizard(self, state: Any = None) -> None:
        """The wizard at step 1; a new request offers first to go on with one kept at Ctrl+Q."""
        from ydm.tui.screens.write import flow  # lazy: keeps start-up light
        from ydm.tui.screens.write.state import WizardState  # lazy: keeps start-up light

        if state is not None:
            self.push_screen(flow.step(1, state))
            return

        def kept(data: dict | None) -> None:
            if not data:
                self.push_screen(flow.step(1, WizardState()))
                return
            old, step = WizardState.from_draft(data, self.backend.get_org)
            from ydm.tui.screens.confirm import ConfirmScreen  # lazy: keeps start-up light

            def answered(go_on: bool | None) -> None:
                if go_on:
                    self._resume_wizard(old, step)
                else:
                    self.forget_wizard_draft()
                    self.push_screen(flow.step(1, WizardState()))

            self.push_screen(ConfirmScreen(
                "Go on with the request you started?",
                f"You left the wizard with a new request {old.summary()} unfinished. Go on where you "
                "were, or start afresh (the unfinished one is then dropped).",
                yes="Go on", no="Start afresh"), answered)

        self.run_blocking(self.backend.wizard_draft, "load", on_done=kept, description="looking for an "
                          "unfinished request", group="wizard-draft", exclusive=True)

    def _resume_wizard(self, state: Any, step: int) -> None:
        """Push steps 1 to `step` over the state kept, so Esc goes back through them as before."""
        from ydm.tui.screens.write import flow  # lazy: keeps start-up light

        for number in range(1, step + 1):
            self.push_screen(flow.step(number, state))

    def forget_wizard_draft(self) -> None:
        self.run_blocking(self.backend.wizard_draft, "forget", description="dropping the unfinished "
                          "request", group="wizard-draft")

    async def action_quit(self) -> None:
        """Ctrl+Q. In the middle of a new request, ask first (as Ctrl+G does) and keep it, sealed in the
        store (ydm.store.drafts), to go on with next time; elsewhere, quit."""
        from ydm.tui.screens.write.step import WizardStep  # lazy: keeps start-up light

        step = self.screen
        if not isinstance(step, WizardStep) or step.state.recorded or not step.has_input():
            self.exit()
            return
        from ydm.tui.screens.confirm import ConfirmScreen  # lazy: keeps start-up light

        continuing = step.state.continuing
        step.collect()
        data = step.state.to_draft(step.STEP)

        def answered(leave: bool | None) -> None:
            if not leave:
                return
            if continuing:  # the next letter of a request is written again from the request
                self.exit()
                return
            self.run_blocking(self.backend.wizard_draft, "keep", data, on_done=lambda _: self.exit(),
                              on_error=lambda _: None, description="keeping your unfinished request",
                              group="wizard-draft")

        detail = ("The letter is not recorded; write it again from the request (w) next time."
                  if continuing else "Nothing is recorded or sent. What you entered is kept, locked in your "
                  "store, and next time you press n you can go on where you were.")
        self.push_screen(ConfirmScreen("Leave ydm in the middle of this request?", detail,
                                       yes="Quit", no="Keep writing"), answered)

    def advance_wizard(self, step: Any) -> None:
        """Push the wizard step after `step` (a WizardStep asks, from its `advance()`)."""
        from ydm.tui.screens.write import flow  # lazy: keeps start-up light

        self.push_screen(flow.after(step))

    def close_wizard(self) -> None:
        """Pop every wizard step, back to the screen the wizard started from."""
        from ydm.tui.screens.write.step import WizardStep  # lazy: keeps start-up light

        while len(self.screen_stack) > 1 and isinstance(self.screen, WizardStep):
            self.pop_screen()

    def open_request(self, ref: str) -> None:
        from ydm.tui.screens.request import RequestScreen  # lazy: keeps start-up light

        self.push_screen(RequestScreen(ref))

    def mark_event(self, ref: str, row: RequestRow | None = None) -> None:
        """The mark-event dialog for a request. It needs the request's row (a draft is offered "I sent
        it" and its channel); without one from the caller it is read first."""
        from ydm.tui.screens.mark_event import MarkEventScreen  # lazy: keeps start-up light

        def done(changed: bool | None) -> None:
            if changed:
                self.refresh_screens(ref)

        def open_with(known: RequestRow) -> None:
            self.push_screen(MarkEventScreen(ref, known), done)

        if row is not None:
            open_with(row)
            return
        self.run_blocking(
            self.backend.request_detail,
            ref,
            self.today,
            on_done=open_with,
            description="reading the request",
            group="mark-open",
            exclusive=True,
        )

    def delete_request(self, ref: str, org_name: str = "", *, sent: bool = True) -> None:
        """Ask, then delete a request from this computer; back to the dashboard, without its row.

        `sent`: whether it was recorded as sent. A sent request stays with the organisation (deleting
        is not withdrawing); a draft never went, so nobody else has it."""
        from ydm.tui.screens.confirm import ConfirmScreen  # lazy: keeps start-up light

        who = org_name or "the organisation"

        def answered(delete: bool | None) -> None:
            if delete:
                self.run_blocking(
                    self.backend.delete_request,
                    ref,
                    on_done=lambda _: self._deleted(ref, who),
                    description="deleting the request",
                    group="delete",
                )

        self.push_screen(
            ConfirmScreen(
                f"Delete the request {ref} to {who}?",
                "The request, its letters and its history are removed from this computer and cannot "
                "be recovered. "
                + (
                    f"This does not withdraw the request: {who} still has it and must still answer. "
                    "To withdraw it, write to them."
                    if sent
                    else "It is a draft that was never sent, so nobody else has it."
                ),
                yes="Delete",
                no="Keep it",
            ),
            answered,
        )

    def _deleted(self, ref: str, who: str) -> None:
        if not isinstance(self.screen, DashboardScreen):
            self.go_home()
        self.refresh_screens(ref)
        self.notify(f"The request {ref} to {who} was deleted from this computer.", title="Request deleted")

    def write_next(self, ref: str) -> None:
        """Start the wizard at review with the next letter of this request (reminder, complaint…)."""

        def got(plan: Any) -> None:
            if plan is None:
                return
            if plan.kind is None:
                self.notify(
                    plan.reason or "There is no letter to write for this request now.", title="No next letter"
                )
                return
            from ydm.tui.screens.write.state import WizardState  # lazy: keeps start-up light

            state = WizardState(person=plan.person, orgs=[plan.org], kinds=[plan.kind], related_ref=plan.ref)
            if plan.kind is RequestKind.FOLLOW_UP:
                from ydm.tui.screens.missing_items import MissingItemsScreen  # lazy: keeps start-up light

                def picked(items: list[str] | None) -> None:
                    if items:
                        state.missing = items
                        self._write_continuing(state)

                self.push_screen(MissingItemsScreen(), picked)
            else:
                self._write_continuing(state)

        self.run_blocking(
            self.backend.next_letter,
            ref,
            self.today,
            on_done=got,
            description="finding the next letter",
            group="next",
        )

    def _write_continuing(self, state: Any) -> None:
        """Review → send → record for a letter that continues a request (details first if none saved)."""
        if state.person is None:
            self.notify("Fill in your details first; the letter is written next.", title="Your details")
            self.start_wizard(state)
            return
        from ydm.tui.screens.write import flow  # lazy: keeps start-up light
        from ydm.tui.screens.write.step import CONTINUING_FROM  # lazy: keeps start-up light

        self.push_screen(flow.step(CONTINUING_FROM, state))

    def open_organisations(self) -> None:
        from ydm.tui.screens.organisations import OrganisationsScreen  # lazy: keeps start-up light

        if not isinstance(self.screen, OrganisationsScreen):
            self.push_screen(OrganisationsScreen())

    def refresh_screens(self, ref: str = "") -> None:
        """Tell every screen that the requests changed (see ydm.tui.messages.RequestsChanged)."""
        self.post_message(RequestsChanged(ref))

    def on_requests_changed(self, message: RequestsChanged) -> None:
        """Hand the news to every screen in the stack; those showing requests reload from the store."""
        for screen in self.screen_stack:
            screen.post_message(RequestsChanged(message.ref))

    # --- passphrase (only when no OS keyring exists) -------------------------------------------
    def ask_passphrase_from_thread(self, purpose: str, confirm: bool) -> str:
        """The store's PassphraseProvider: asks in a modal; called from a worker thread."""
        return self.call_from_thread(self._ask_passphrase, purpose, confirm)

    async def _ask_passphrase(self, purpose: str, confirm: bool) -> str:
        from ydm.tui.screens.passphrase import PassphraseScreen  # lazy: keeps start-up light

        answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.push_screen(PassphraseScreen(purpose, confirm), lambda value: answer.set_result(value or ""))
        return await answer

    # --- files ---------------------------------------------------------------------------------
    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        where = f" to {event.path}" if event.path else ""
        self.notify(f"Saved {event.name or 'the file'}{where}.", title="Saved")

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.show_error(event.exception, title=f"Could not save {event.name or 'the file'}")

    # --- command palette -----------------------------------------------------------------------
    def _fetch_replies(self) -> None:
        from ydm.tui.replies_fetch import fetch_replies  # lazy: keeps start-up light

        fetch_replies(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("New request", "Write new requests to organisations (wizard)", self.start_wizard)
        yield SystemCommand(
            "Organisations", "Search organisations and their contact details", self.open_organisations
        )
        yield SystemCommand("My requests", "Back to the dashboard of requests and deadlines", self.go_home)
        yield SystemCommand("Fetch replies", "Look in your mailbox for replies to your requests (read-only; g)",
                            self._fetch_replies)
        from ydm.tui.screens.request import RequestScreen  # lazy: keeps start-up light

        row = None
        if isinstance(screen, DashboardScreen):
            row = screen.current()
        elif isinstance(screen, RequestScreen):
            row = screen.row
        if row is not None:
            ref, name = row.ref, row.org_name
            yield SystemCommand(
                "Mark an event",
                f"Note a reply or other event for {name}",
                lambda: self.mark_event(ref, row),
            )
            yield SystemCommand(
                "Write the next letter",
                f"Reminder, complaint or follow-up to {name}",
                lambda: self.write_next(ref),
            )
            yield SystemCommand(
                "Delete this request",
                f"Remove the request to {name} from this computer (asks first)",
                lambda: self.delete_request(ref, name, sent=row.sent is not None),
            )

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()


def run(**kwargs: Any) -> int:
    """Start the app (the CLI's `ydm` with no command). Returns an exit code."""
    app = YdmApp(**kwargs)
    app.run()
    return app.return_code or 0
