"""Step 1, about you: the profile the letters are signed with, saved encrypted through the store.

Every field says why it is asked; mistakes are shown under the field, in words, as you leave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from ydm import postcodes, profile
from ydm.errors import InputError
from ydm.model import Person
from ydm.tui.screens.write.step import WizardStep


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    why: str
    placeholder: str = ""
    required: bool = False


FIELDS = (
    Field(
        "name",
        "Your full name",
        "Needed: organisations look up their records by name.",
        "e.g. Jane Q Public",
        True,
    ),
    Field(
        "address",
        "Your address, without the postcode",
        "Needed: they match records by address, and it is the return address. Separate lines with commas.",
        "e.g. 1 High Street, Anytown",
        True,
    ),
    Field(
        "postcode",
        "Your postcode",
        "Needed: part of your address; it also tells ydm which nation's elected parties to offer you. "
        "(Deadlines count the bank holidays where each organisation is based.)",
        "e.g. SW1A 1AA",
        True,
    ),
    Field(
        "email",
        "Your email address (optional)",
        "Optional: lets them answer by email, and lets you send the letters by email.",
        "e.g. jane@example.org",
    ),
    Field(
        "phone",
        "Your phone number (optional)",
        "Optional: printed in the letters so they can ring you about the request. "
        "Leave it empty if you would rather they wrote.",
        "e.g. 07700 900123",
    ),
    Field(
        "previous",
        "Previous addresses (optional)",
        "Optional: helps them find older records. Separate addresses with a semicolon (;).",
        "e.g. 2 Old Road, Oldtown, AB1 2CD",
    ),
    Field(
        "other_names",
        "Other names you have used (optional)",
        "Optional: a maiden name or a short name they may have you under. Separate with commas.",
    ),
    Field(
        "dob",
        "Date of birth (optional)",
        "Optional: tells you apart from someone with the same name. Write it like 31/05/1980.",
        "e.g. 31/05/1980",
    ),
    Field(
        "electoral_number",
        "Electoral roll number (optional)",
        "Optional: printed on your poll card and on the council's annual canvass letter. It helps "
        "the electoral registration office find your entry on the register. Copy it as printed.",
        "as printed on your poll card",
    ),
)


_PHONE_CHARACTERS = frozenset("0123456789 +()-")


def check_phone(value: str) -> str:
    """A phone number is digits (at least 6), optionally with spaces, + ( ) or -.

    ydm.profile takes any text for a phone number; this only catches what is plainly not one (an
    email address or a date typed into the wrong box), since the letters print it as typed.
    """
    if not set(value) <= _PHONE_CHARACTERS or sum(ch.isdigit() for ch in value) < 6:
        raise InputError(
            f"'{value}' is not a phone number (use digits, with spaces, + ( ) or - if you like, "
            "e.g. 07700 900123)"
        )
    return value


def check_field(field_id: str, value: str) -> str:
    """The problem with one field's value, in words, or "" when it is fine (rules from ydm.profile)."""
    value = value.strip()
    spec = next(f for f in FIELDS if f.id == field_id)
    if spec.required and not value:
        return f"{spec.label.split(',')[0]} is needed."
    check = {
        "postcode": postcodes.normalise,
        "email": profile.validate_email,
        "phone": check_phone,
        "dob": profile.validate_dob,
    }
    if value and field_id in check:
        try:
            check[field_id](value)
        except InputError as exc:
            return exc.message[0].upper() + exc.message[1:] + "."
    return ""


def person_from(values: dict[str, str], keep: Person | None = None) -> Person:
    """A validated Person via ydm.profile.make_person (raises InputError).

    Details the form does not show (account references, the reply format, from a profile saved by
    `ydm letter --me`) are kept from `keep`, the profile the form was filled from.
    """
    return profile.make_person(
        name=values["name"],
        address=values["address"],
        postcode=values["postcode"],
        email=values["email"],
        phone=values["phone"],
        previous_addresses=[a.strip() for a in values["previous"].split(";") if a.strip()],
        other_names=[n.strip() for n in values["other_names"].split(",") if n.strip()],
        date_of_birth=values["dob"],
        electoral_number=values["electoral_number"],
        account_refs=list(keep.account_refs) if keep is not None else [],
        reply_format=keep.reply_format if keep is not None else "",
    )


def _iso_dob(text: str) -> str:
    """Saved profiles hold '23 April 1980'; the field takes 1980-04-23."""
    try:
        return datetime.strptime(text, "%d %B %Y").date().isoformat()
    except ValueError:
        return text


def values_from(person: Person) -> dict[str, str]:
    return {
        "name": person.name,
        "address": ", ".join(person.address),
        "postcode": person.postcode,
        "email": person.email,
        "phone": person.phone,
        "previous": "; ".join(person.previous_addresses),
        "other_names": ", ".join(person.other_names),
        "dob": _iso_dob(person.date_of_birth),
        "electoral_number": person.electoral_number,
    }


class AboutYouScreen(WizardStep):
    """Step 1: who is writing. Filled from the saved profile when there is one."""

    STEP = 1
    HELP = """\
The letters need to say who you are so the organisation can find your records. Only the name,
address and postcode are needed; the rest is optional: a phone number lets them ring you, previous
addresses, other names and your date of birth help them find older records, and the electoral
roll number (on your poll card or the council's canvass letter) helps the registration office.

What you type here is saved **encrypted** on this computer (the key is kept in your system's
keyring), so next time the form is already filled in. It is only ever sent to the organisations
you choose, inside your letters.
"""

    def body(self) -> ComposeResult:
        with VerticalScroll(id="about-form", classes="form"):
            yield Static("Who is writing? These details go into every letter.", classes="intro")
            for spec in FIELDS:
                yield Label(spec.label + (" *" if spec.required else ""), classes="field-label")
                yield Input(placeholder=spec.placeholder, id=f"f-{spec.id}")
                yield Static(spec.why, id=f"why-{spec.id}", classes="why")
                yield Static("", id=f"err-{spec.id}", classes="field-error")

    def on_mount(self) -> None:
        for spec in FIELDS:
            self.query_one(f"#err-{spec.id}").display = False
        if self.state.person is not None:
            self.fill(self.state.person)
        else:
            self.app.run_blocking(
                self.app.backend.load_profile,
                on_done=self._loaded,
                description="reading your saved details",
                group="profile",
            )
        self.query_one("#f-name", Input).focus()

    def _loaded(self, person: Person | None) -> None:
        if person is not None and not self.values()["name"]:
            self.fill(person)

    def fill(self, person: Person) -> None:
        self._kept = person
        self._filled = values_from(person)
        for key, value in self._filled.items():
            self.query_one(f"#f-{key}", Input).value = value

    def has_input(self) -> bool:
        """Typed anything beyond the saved details it was filled with?"""
        s = self.state
        if s.orgs or s.kinds or s.drafts or s.continuing:  # came back here from a later step
            return True
        filled = getattr(self, "_filled", {})
        return any(value.strip() != filled.get(key, "").strip() for key, value in self.values().items())

    def values(self) -> dict[str, str]:
        return {spec.id: self.query_one(f"#f-{spec.id}", Input).value for spec in FIELDS}

    def show_problem(self, field_id: str, problem: str) -> None:
        error = self.query_one(f"#err-{field_id}", Static)
        error.update(f"⚠ {problem}" if problem else "")
        error.display = bool(problem)
        self.query_one(f"#f-{field_id}", Input).set_class(bool(problem), "-invalid")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Bring the field's "why" (and its problem, if shown) into view with it: Textual only
        scrolls to the field, so the explanation of the last fields stayed under the buttons."""
        field_id = (event.widget.id or "")[2:] if isinstance(event.widget, Input) else ""
        if field_id in {spec.id for spec in FIELDS}:
            self.call_after_refresh(self._show_why, field_id)

    def _show_why(self, field_id: str) -> None:
        error = self.query_one(f"#err-{field_id}")
        (error if error.display else self.query_one(f"#why-{field_id}")).scroll_visible(animate=False)

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        field_id = (event.input.id or "")[2:]
        if field_id:
            problem = check_field(field_id, event.input.value)
            self.show_problem(field_id, problem)
            if field_id == "postcode" and not problem and event.input.value.strip():
                event.input.value = postcodes.normalise(event.input.value)  # show it the way letters will

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        field_id = (event.input.id or "")[2:]
        # Clear a shown problem as soon as it is fixed; new problems wait until the field is left.
        if field_id and self.query_one(f"#err-{field_id}").display and not check_field(field_id, event.value):
            self.show_problem(field_id, "")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        ids = [f"f-{spec.id}" for spec in FIELDS]
        position = ids.index(event.input.id) if event.input.id in ids else -1
        if 0 <= position < len(ids) - 1:
            self.focus_next()
        else:
            self.go_next()

    def go_next(self) -> None:
        values = self.values()
        problems = {spec.id: check_field(spec.id, values[spec.id]) for spec in FIELDS}
        for field_id, problem in problems.items():
            self.show_problem(field_id, problem)
        first = next((f for f, p in problems.items() if p), None)
        if first:
            self.query_one(f"#f-{first}", Input).focus()
            self.notify(
                "Please fix the fields marked ⚠ first.", title="Check your details", severity="warning"
            )
            return
        try:
            person = person_from(values, getattr(self, "_kept", None))
        except InputError as exc:
            self.notify(exc.message, title="Check your details", severity="warning")
            return
        self.state.person = person
        self.app.run_blocking(
            self.app.backend.save_profile,
            person,
            on_done=lambda _: self._saved(),
            description="saving your details",
            group="profile",
        )

    def collect(self) -> None:
        """The details as typed, when they make a valid person (else what was confirmed before)."""
        try:
            self.state.person = person_from(self.values(), getattr(self, "_kept", None))
        except InputError:
            pass

    def _saved(self) -> None:
        self.advance()  # to who; to review for the next letter of a request (organisation and kind known)
