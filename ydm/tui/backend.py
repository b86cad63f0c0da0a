"""The one door from the TUI to the core: screens call this; this calls ydm.service (letters, requests,
channels, sending, offices), ydm.orgs.contacts, ydm.letters.formats and the store.

It holds no workflow and no law of its own: status, due dates and next steps come from
`service.requests.view` (the tracker over escalation/deadlines), letters from `service.letters`, and the
rules on how a letter goes and what may be recorded from `service.channels`/`service.sending`. It opens the store
once, caches the organisation directory, and packs core answers into the small row objects the
screens display. Methods that touch the disk, keyring or network run in thread workers
(`app.run_blocking`), one at a time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ydm import clock
from ydm.errors import LateComplaint, OfficeNeeded
from ydm.model import Category, Channel, EventKind, Organisation, Person, RequestKind
from ydm.service import channels
from ydm.tui.backend_orgs import OrganisationsDoor
from ydm.tui.rows import Draft, NextPlan, RequestRow, row_from_view

__all__ = ["Backend", "Draft", "LateComplaint", "NextPlan", "OfficeNeeded", "RequestRow"]




def _warm_deadlines() -> None:
    """Import the deadline engine and load a bank-holiday calendar; the answer is thrown away."""
    from ydm.law import deadlines
    from ydm.model import RequestKind
    from ydm.service import requests as tracker  # noqa: F401 - imported for their start-up cost

    try:
        deadlines.compute_deadline(RequestKind.ACCESS, received=clock.today())
    except Exception:  # noqa: BLE001 - a head start only; the real computation reports problems
        pass


class Backend(OrganisationsDoor):
    """Facade over the core for the TUI. One per app."""

    def __init__(
        self,
        *,
        store: Any = None,
        directory: Any = None,
        passphrase: Callable[[str, bool], str] | None = None,
    ) -> None:
        self._store = store
        self._directory = directory
        self._passphrase = passphrase
        self._lock = threading.RLock()
        self._closed = False
        # The store this app uses, fixed when the app starts. A worker that outlives its app (thread
        # workers cannot be cancelled) must not open or create a store wherever YDM_HOME points later.
        from ydm.store.db import default_path

        self._path = default_path()

    # --- resources -----------------------------------------------------------------------------
    @property
    def store(self) -> Any:
        """The encrypted store, opened on first use (keyring, or the passphrase modal)."""
        with self._lock:
            if self._closed:
                from ydm.errors import StoreError

                raise StoreError("the app is closing; the store was not opened")
            if self._store is None:
                self._store = self._open_store()
            return self._store

    def _open_store(self) -> Any:
        """Open the store; a mistyped passphrase is asked again (three tries), a keyring problem is not.

        YDM_PASSPHRASE (like the CLI) opens, and creates, a passphrase store without asking, so the
        TUI and the CLI never end up with different passphrases (YDM_NEW_PASSPHRASE wins for a new one).
        """
        from ydm.store.crypto import WrongKey
        from ydm.store.db import open_store

        from_env = os.environ.get("YDM_PASSPHRASE", "")
        if from_env:
            return open_store(self._path, passphrase=lambda purpose, confirm: from_env)
        if self._passphrase is None:
            return open_store(self._path)
        tries = 3
        for attempt in range(1, tries + 1):
            asked: list[bool] = []

            def provider(
                purpose: str, confirm: bool, attempt: int = attempt, asked: list[bool] = asked
            ) -> str:
                asked.append(True)
                if attempt > 1:
                    purpose = f"{purpose} (that one did not open it; try {attempt} of {tries})"
                return self._passphrase(purpose, confirm)

            try:
                return open_store(self._path, passphrase=provider)
            except WrongKey:
                if not asked or attempt == tries:
                    raise
        raise AssertionError("unreachable")

    @property
    def directory(self) -> Any:
        with self._lock:
            if self._directory is None:
                from ydm.orgs import contacts

                self._directory = contacts.load()
            return self._directory

    def _no_store_yet(self) -> bool:
        """True for a new user: nothing saved yet, so reading needs no key (and no passphrase prompt)."""
        if self._store is not None:
            return False
        return not self._path.exists()

    def close(self) -> None:
        """Close the store for good: later calls (from workers still running) do not reopen it."""
        with self._lock:
            self._closed = True
            if self._store is not None and hasattr(self._store, "close"):
                self._store.close()
            self._store = None

    # --- profile -------------------------------------------------------------------------------
    def load_profile(self) -> Person | None:
        if self._no_store_yet():
            return None
        return self.store.load_profile()

    def save_profile(self, person: Person) -> None:
        self.store.save_profile(person)

    # --- requests ------------------------------------------------------------------------------
    def list_rows(self, today: date) -> list[RequestRow]:
        from ydm.service import requests as tracker

        if self._no_store_yet():
            return []
        warming = None
        if (
            self._store is None
        ):  # load the deadline engine while the store's key is derived (scrypt frees the GIL)
            warming = threading.Thread(target=_warm_deadlines, name="ydm-warm", daemon=True)
            warming.start()
        store = self.store
        if warming is not None:
            warming.join()
        return [row_from_view(v, steps=False) for v in tracker.list_requests(store, today=today)]

    def request_detail(self, ref: str, today: date) -> RequestRow:
        from ydm.service import requests as tracker

        view, letters = tracker.show(self.store, ref, today=today)
        return row_from_view(view, letters)

    def mark_event(self, ref: str, kind: EventKind, on: date, note: str = "", *, today: date,
                   data: dict | None = None) -> RequestRow:
        """`data`: how ID, a fee or an answer went ({"via": ...}) or that `on` is their receipt ({"received": True})."""
        from ydm.service import requests as tracker

        return row_from_view(tracker.mark(self.store, ref, kind, today=today, on=on, note=note, data=data))

    def mark_sent(self, ref: str, on: date, channel: Channel, *, today: date) -> RequestRow:
        """Record that a draft went on `on` by `channel` (ydm.service.sending.mark_sent, as the CLI's
        `requests mark REF sent --via`: once only, and never by post without a postal address)."""
        from ydm.service import sending  # here, not at the top: start-up needs no mail or store rules

        sending.mark_sent(self.store, ref, today=today, on=on, channel=channel)
        return self.request_detail(ref, today)

    def delete_request(self, ref: str) -> None:
        """Remove a request with its letters and history from the store, for good (the store zeroes
        the freed pages). The organisation is not told: deleting is not withdrawing."""
        self.store.delete(ref)

    def duplicates(self, pairs: list[tuple[Organisation, RequestKind]], today: date) -> list[str]:
        """Open requests these would repeat, in words (ydm.service.duplicates, the CLI's warning too)."""
        from ydm.service.duplicates import open_duplicates

        return [] if self._no_store_yet() else [d.words for d in open_duplicates(self.store, pairs, today=today)]

    def wizard_draft(self, action: str, data: dict | None = None) -> dict | None:
        """The wizard's unfinished request, sealed in the store (ydm.store.drafts): keep, load, forget."""
        from ydm.store import drafts

        if action == "keep":
            return drafts.save_draft(self.store, data or {})
        if self._no_store_yet():
            return None
        return drafts.load_draft(self.store) if action == "load" else drafts.forget_draft(self.store)

    # --- letters -------------------------------------------------------------------------------
    def draft_letters(
        self,
        person: Person,
        orgs: list[Organisation],
        kinds: list[RequestKind],
        today: date,
        *,
        extra_text: str = "",
        related_ref: str = "",
        previous: Iterable[Draft] = (),
        missing: Iterable[str] = (),
        office: Organisation | None = None,
        late_reason: str = "",
        leave_out: tuple[str, ...] | None = None,
    ) -> list[Draft]:
        """One Draft per organisation and kind (open-register letters go to the registration office:
        `office` when the person typed it in, else one chosen, remembered or looked up; with none of
        those this raises OfficeNeeded and the wizard asks for it).

        References are kept from `previous` drafts so saved files and the record stay matched.
        """
        from ydm.service import letters as service

        if related_ref:
            return [self._next_draft(related_ref, kinds[0], person, today, extra_text, list(missing), late_reason)]
        refs = {(d.org.id, d.kind): d.letter.reference for d in previous}
        drafts: list[Draft] = []
        for kind in kinds:
            report = None
            if kind is RequestKind.OPEN_REGISTER:
                targets = [office] if office is not None else self._ero_for(person, orgs, today)
            elif kind is RequestKind.IMPRINT_REPORT:  # to the Commission, naming the chosen as the promoters
                targets = [self.directory.get("electoral-commission")]
                report = {"promoter": ", ".join(o.display_name for o in orgs if o.category is not Category.REGULATOR)}
            elif RequestKind.OPEN_REGISTER in kinds:
                targets = [o for o in orgs if o.category is not Category.ERO]  # ticked for the open register
            else:
                targets = orgs
            if kind is not RequestKind.IMPRINT_REPORT and RequestKind.IMPRINT_REPORT in kinds:
                targets = [o for o in targets if o.id != "electoral-commission"]
            for org in targets:
                letter = service.draft_letters(
                    kind,
                    person,
                    [org],
                    today=today,
                    extra_text=extra_text,
                    reference=refs.get((org.id, kind)),
                    report=report,
                    leave_out=leave_out,
                )[0]
                drafts.append(Draft(org=org, kind=kind, letter=letter))
        return drafts

    def _ero_for(self, person: Person, orgs: list[Organisation], today: date) -> list[Organisation]:
        """The registration office (ydm.service.offices): chosen, remembered or looked up."""
        from ydm.service import offices  # here, not at the top: start-up needs no postcode lookup

        return offices.registration_office_for(person, orgs, today)

    def office_from_words(
        self, name: str, address: str, email: str = "", *, remember: bool = True, today: date
    ) -> Organisation:
        """The registration office as the person typed it (ydm.service.offices.office_from_words)."""
        from ydm.service import offices  # here, not at the top: start-up needs no postcode lookup

        org = offices.office_from_words(name, address, email, remember=remember, today=today)
        if remember:
            with self._lock:
                self._directory = None  # the organisations screen then lists it too
        return org

    def next_letter(self, ref: str, today: date) -> NextPlan:
        """The tracker's next step for a request, with the organisation and saved profile."""
        row = self.request_detail(ref, today)
        request = row.request
        try:
            org = self.directory.get(request.org_id)
        except Exception:  # noqa: BLE001 - an organisation removed since: rebuild it from the request
            org = Organisation(
                id=request.org_id, display_name=request.org_name or request.org_id, category=Category.OTHER
            )
        return NextPlan(
            ref=request.ref, kind=row.next_kind, reason=row.next_reason, org=org, person=self.load_profile()
        )

    def _next_draft(
        self, ref: str, kind: RequestKind, person: Person, today: date, extra_text: str, missing: list[str],
        late_reason: str = "") -> Draft:
        """The next letter of a request, written by tracker.next_letter (not stored until recorded)."""
        from ydm.service import requests as tracker

        step = tracker.next_letter(
            self.store,
            ref,
            today=today,
            person=person,
            directory=self.directory,
            missing=missing,
            kind=kind,
            extra_text=extra_text,
            keep=False,
            late_reason=late_reason,
        )
        letter = step.letter
        request = self.store.get(ref)
        org = letter.org
        usual = request.channel if org.id == request.org_id else None  # the ICO is written to its own way
        return Draft(org=org, kind=kind, letter=letter, channel=channels.choose_channel(letter, usual))

    def record(self, drafts: list[Draft], sent_on: list[date | None], today: date) -> list[RequestRow]:
        """Record each letter as sent on its date, or (date None) as a draft with only a `drafted`
        event (the dashboard shows DRAFT until it is marked sent): the whole batch in one store
        transaction, each letter checked first (ydm.service.sending.record_letters, as the CLI's
        `--record`). Returns the rows in the order of the drafts."""
        if len(sent_on) != len(drafts):
            raise ValueError("one date (or None) per letter")
        from ydm.service import sending  # here, not at the top: start-up needs no mail or store rules

        stored = sending.record_letters(self.store, [d.letter for d in drafts], [d.channel for d in drafts],
                                        sent_on, today=today)
        refs = [r.ref for r in stored]
        order = {d.letter.reference.upper(): i for i, d in enumerate(drafts)}
        wanted = sorted(dict.fromkeys(refs), key=lambda ref: order.get(ref.upper(), len(order)))
        return [self.request_detail(ref, today) for ref in wanted]

    # --- formats -------------------------------------------------------------------------------
    def render(self, letter: Any, fmt: str, envelope: str | None = None) -> bytes:
        """Bytes of a letter in `text`, `md`, `pdf` or `eml` (ydm.letters.formats)."""
        if fmt == "text":
            return letter.text.encode("utf-8")
        from ydm.service import letters as service

        return service.render_format([letter], fmt, combined=False, envelope=envelope)[0][1]

    def mailto(self, letter: Any) -> Any:
        """ydm.letters.formats.mailto.MailtoLink: the link, and the body to paste when it is too long for one."""
        from ydm.letters.formats import mailto

        return mailto.mailto_link(letter)

    def webform(self, letter: Any) -> Any:
        """ydm.letters.formats.mailto.WebFormHandover: the form's address and what to paste, field by field."""
        from ydm.letters.formats import mailto

        return mailto.webform_handover(letter)

    def smtp_ready(self) -> str:
        """How email would be sent ("me@host:587 (starttls)"), or "" when SMTP is not set up."""
        from ydm.adapters import mail
        from ydm.errors import YdmError

        try:
            return mail.load_settings().describe()
        except YdmError:
            return ""

    def send_email(self, letter: Any) -> str:
        """Email the letter now over SMTP (ydm.adapters.mail); raises NetworkError in plain words on failure."""
        from ydm.service import sending  # here, not at the top: start-up needs no SMTP (ssl, smtplib)

        msg = sending.send_letter(letter)
        return str(msg.get("To", letter.recipient_email))

    def text_to_copy(self, letter: Any, channel: Channel) -> str:
        """The words to paste: the email body for email and web forms, the whole letter for post."""
        if channel in (Channel.EMAIL, Channel.WEBFORM):
            from ydm.letters.formats.eml import email_body

            return email_body(letter)
        return letter.text
