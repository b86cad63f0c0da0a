"""Step 5, send: for each letter choose how it travels, then save, open or copy it.

Email: a .eml file, your mail app (mailto) or the text to paste. Post: the text or a PDF, with the
address shown. Web form: the address of the form and the text to paste. Files are rendered by
ydm.letters.formats in a worker and saved with app.deliver_binary (to the downloads folder, a folder you
type, or a browser download when served).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from ydm import clock
from ydm.errors import InputError
from ydm.model import Channel
from ydm.service import letters as service
from ydm.service.channels import POST, cannot_go, choose_channel, ways_to_send, with_postal_address
from ydm.tui.rows import Draft
from ydm.tui.screens.write.review import draft_label
from ydm.tui.screens.write.step import WizardStep
from ydm.tui.widgets.toggles import YdmRadioButton, YdmRadioSet

CHANNEL_LABELS = {
    Channel.EMAIL: "Email",
    Channel.WEBFORM: "Web form",
    Channel.FIRST_CLASS: "Post, first class",
    Channel.SECOND_CLASS: "Post, second class",
    Channel.HAND: "By hand",
}


def channels_for(draft: Draft) -> list[Channel]:
    """The ways this letter can travel, as every face offers them (ydm.service.channels.ways_to_send)."""
    return ways_to_send(draft.letter)


def default_channel(draft: Draft) -> Channel:
    """The way every face picks unless the person says otherwise (ydm.service.channels.choose_channel)."""
    return choose_channel(draft.letter)


class SendScreen(WizardStep):
    """Step 5: one letter at a time: channel, where it goes, and buttons to save/open/copy."""

    STEP = 5
    HELP = """\
Pick a letter on the left, and on the right choose how it travels; the choice applies to every
letter to the same organisation.

* **Email**: if sending email is set up (`ydm send --setup`), **Send now** emails it from your
  own account; or save an `.eml` file (opens in most mail programs, ready to send), open your mail app
  with the letter filled in, or copy the text and paste it into an email yourself.
* **Post**: save the letter as a PDF for a DL window envelope (A4 folded in three) or a C5 one
  (folded once), or as text, print it and post it to
  the address shown. First class is counted as arriving sooner than second class.
* **Web form**: open the form and paste the copied text into it.

Files are saved in your Downloads folder unless you type another folder. The way you choose here
is used to count the deadline in the next step.

Only **Send now** sends a letter. Saving, copying or opening your mail app does not: in the next
step you tick each letter once it has gone (or later, from the dashboard with `m`).
"""

    def body(self) -> ComposeResult:
        with Horizontal(id="send", classes="letters step-body"):
            yield OptionList(id="send-list", classes="draft-list")
            with VerticalScroll(id="send-detail", classes="preview-box", can_focus=False):
                yield Label(
                    "How will the letters to this organisation travel?", id="travel", classes="field-label"
                )
                yield Vertical(id="channel-box")
                yield Static("", id="destination", markup=False, classes="destination")
                # Post to an organisation with no known postal address: where it goes is asked, as
                # `ydm letter --address-to` asks for it (ydm.service.channels: one rule for both).
                yield Label("Their postal address (lines separated by commas):", id="post-address-label",
                            classes="field-label")
                yield Input(placeholder="e.g. Data Protection Officer, 1 High Street, Cardiff, CF10 1AA",
                            id="post-address")
                yield Static("", id="err-channel", classes="field-error", markup=False)
                with Horizontal(classes="row buttons", id="actions"):
                    yield Button("Send now (email)", id="send-smtp", compact=True, variant="primary")
                    yield Button("Save .eml", id="save-eml", compact=True)
                    yield Button("Open mail app", id="open-mailto", compact=True)
                    yield Button("Save PDF (DL)", id="save-pdf", compact=True)
                    yield Button("Save PDF (C5)", id="save-pdf-c5", compact=True)
                    yield Button("Save text", id="save-text", compact=True)
                    yield Button("Open web form", id="open-webform", compact=True)
                    yield Button("Copy text", id="copy-text", compact=True)
                yield Label("Folder for saved files (empty: Downloads):", classes="field-label")
                yield Input(placeholder="e.g. ~/Documents/letters", id="folder")
                yield Static("", id="delivered", classes="why")

    def on_mount(self) -> None:
        for draft in self.state.drafts:
            if draft.channel not in channels_for(draft):
                draft.channel = default_channel(draft)
        listing = self.query_one("#send-list", OptionList)
        listing.add_options([Option(draft_label(d), id=str(i)) for i, d in enumerate(self.state.drafts)])
        self.index = 0
        self.smtp = ""
        self.app.run_blocking(
            self.app.backend.smtp_ready,
            on_done=self._smtp_checked,
            description="checking the email settings",
            group="smtp-check",
        )
        if self.state.drafts:
            listing.highlighted = 0  # OptionHighlighted → show(0)
        listing.focus()

    @property
    def draft(self) -> Draft:
        return self.state.drafts[self.index]

    async def show(self, index: int) -> None:
        """Show one letter: a fresh RadioSet of its channels (so the keyboard starts on the chosen one)."""
        self.index = index
        draft = self.draft
        box = self.query_one("#channel-box", Vertical)
        await box.remove_children()
        buttons = [
            YdmRadioButton(CHANNEL_LABELS[ch], value=(ch == draft.channel), name=ch.value)
            for ch in channels_for(draft)
        ]
        await box.mount(YdmRadioSet(*buttons, id="channel", compact=True))
        self.update_detail()

    def update_detail(self) -> None:
        draft, letter = self.draft, self.draft.letter
        channel = draft.channel
        if channel is Channel.EMAIL:
            where = f"To: {letter.recipient_email}\nSubject: {letter.subject}"
        elif channel is Channel.WEBFORM:
            handover = self.app.backend.webform(letter)
            fields = "\n".join(f"  {label}: {value}" for label, value in handover.fields if value)
            where = f"Web form: {handover.url}\nFill in:\n{fields}\n  Subject: {handover.subject}\nThen paste the letter."
        else:
            address = "\n".join(letter.recipient_lines)
            where = f"Post it to:\n{address}"
            if letter.address_missing:
                where = "⚠ " + cannot_go(letter, channel)
        self.query_one("#destination", Static).update(where)
        asks = channel in POST and (letter.address_missing or bool(draft.typed_address))
        field = self.query_one("#post-address", Input)
        self.query_one("#post-address-label").display = asks
        field.display = asks
        if field.value != draft.typed_address:
            with field.prevent(Input.Changed):
                field.value = draft.typed_address
        pending, self._problem = getattr(self, "_problem", None), None
        if pending is not None and pending[0] == self.index:
            self._say_problem(pending[1])
        else:
            self.query_one("#err-channel").display = False
        visible = {
            "send-smtp": channel is Channel.EMAIL and bool(self.smtp) and not draft.emailed,
            "save-eml": channel is Channel.EMAIL,
            "open-mailto": channel is Channel.EMAIL,
            "save-pdf": channel in POST and not letter.address_missing,
            "save-pdf-c5": channel in POST and not letter.address_missing,
            "save-text": (channel in POST and not letter.address_missing) or channel is Channel.WEBFORM,
            "open-webform": channel is Channel.WEBFORM,
            "copy-text": True,
        }
        for button_id, show in visible.items():
            self.query_one(f"#{button_id}").display = show
        done = ", ".join(draft.delivered) if draft.delivered else "nothing yet"
        self.query_one("#delivered", Static).update(f"Done for this letter: {done}")

    @on(OptionList.OptionHighlighted, "#send-list")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        await self.show(event.option_index)

    @on(RadioSet.Changed, "#channel")
    def _channel(self, event: RadioSet.Changed) -> None:
        if event.pressed.name and event.pressed.name != self.draft.channel.value:
            chosen = Channel(event.pressed.name)
            for draft in self.state.drafts:  # letters to one organisation travel together
                if draft.org.id == self.draft.org.id and chosen in channels_for(draft):
                    draft.channel = chosen
            self.update_detail()

    @on(Input.Changed, "#post-address")
    def _address_typed(self, event: Input.Changed) -> None:
        """Address the letter (and every post letter to the same organisation) as typed; an
        address too short to post to leaves the placeholder in. The field's value now, not the
        event's: changes queue up while the letter is redrawn, and an older value written back would
        move the cursor back into the middle of what is being typed."""
        typed = event.input.value
        current = self.draft
        for draft in self.state.drafts:
            if draft.org.id != current.org.id or draft.channel not in POST:
                continue
            if draft.unaddressed is None:
                draft.unaddressed = draft.letter
            draft.typed_address = typed
            try:
                draft.letter = with_postal_address(draft.unaddressed, typed)
            except InputError:
                draft.letter = draft.unaddressed
        self.update_detail()

    # --- actions -------------------------------------------------------------------------------
    def _folder(self) -> str | None:
        folder = self.query_one("#folder", Input).value.strip()
        return str(Path(folder).expanduser()) if folder else None

    def _save(self, fmt: str, mime: str, envelope: str | None = None) -> None:
        """Render in a worker (a PDF takes a moment) and save it where the user said (app.save_file)."""
        draft = self.draft
        # service.file_name: kind, organisation id and reference only; no personal data in file names.
        name = service.file_name(draft.letter, fmt)

        def saved(where: str) -> None:
            draft.delivered.append(f"saved {where}")
            if draft is self.draft:
                self.update_detail()

        self.app.save_file(
            name,
            lambda: self.app.backend.render(draft.letter, fmt, envelope),
            folder=self._folder(),
            mime_type=mime,
            on_saved=saved,
        )

    def _smtp_checked(self, describe: str) -> None:
        self.smtp = describe
        if self.state.drafts:
            self.update_detail()

    @on(Button.Pressed, "#send-smtp")
    def _send_smtp(self) -> None:
        draft = self.draft
        self.query_one("#send-smtp", Button).disabled = True

        def sent(to: str) -> None:
            draft.emailed = True
            draft.emailed_on = self.app.today
            draft.emailed_at = f"{clock.local_now():%H:%M}"
            draft.delivered.append(f"emailed to {to} at {draft.emailed_at}")
            self.query_one("#send-smtp", Button).disabled = False
            self.update_detail()
            self.notify(f"Sent to {to}. The last step records it as sent today.", title="Email sent")

        def failed(_error: BaseException) -> None:
            self.query_one("#send-smtp", Button).disabled = False

        self.app.run_blocking(
            self.app.backend.send_email,
            draft.letter,
            on_done=sent,
            on_error=failed,
            description=f"emailing {draft.org.display_name}",
            group="smtp",
        )

    @on(Button.Pressed, "#save-eml")
    def _eml(self) -> None:
        self._save("eml", "message/rfc822")

    @on(Button.Pressed, "#save-pdf")
    def _pdf(self) -> None:
        self._save("pdf", "application/pdf")

    @on(Button.Pressed, "#save-pdf-c5")
    def _pdf_c5(self) -> None:
        """A4 folded once for a C5 window envelope (formats/envelopes.py)."""
        self._save("pdf", "application/pdf", "c5")

    @on(Button.Pressed, "#save-text")
    def _text(self) -> None:
        self._save("text", "text/plain")

    @on(Button.Pressed, "#open-mailto")
    def _mailto(self) -> None:
        """Ask the system to open the mail program with the letter; say only what is known.

        webbrowser (what Textual's open_url uses) can tell only whether it started something to
        open the link (xdg-open, open, a browser), never whether a mail program showed the letter;
        in a browser tab nothing comes back at all. So the words are "asked … to open", and a
        refusal is said as such (and not listed as done)."""
        draft = self.draft
        link = self.app.backend.mailto(draft.letter)

        def answered(started: bool | None) -> None:
            if started is False:
                self.notify(
                    "Your system could not open a mail program. Save the .eml file or copy the text "
                    "and paste it into an email instead.",
                    title="No mail program",
                    severity="warning",
                )
                return
            who = "your browser" if started is None else "your system"
            draft.delivered.append(f"asked {who} to open your mail program")
            if not link.body_in_link:
                self.app.copy_to_clipboard(link.body)
                self.notify(
                    "The letter is too long for a mail link: it is on the clipboard, paste it into the message.",
                    title="Paste the letter",
                )
            if draft is self.draft:
                self.update_detail()

        self.app.open_link(link.url, answered)

    @on(Button.Pressed, "#open-webform")
    def _webform(self) -> None:
        draft = self.draft
        handover = self.app.backend.webform(draft.letter)
        self.app.copy_to_clipboard(handover.text)

        def answered(started: bool | None) -> None:
            if started is False:
                draft.delivered.append("text copied")
                self.notify(
                    "Your system could not open a browser: open the form's address shown here yourself; "
                    "the letter is on the clipboard to paste.",
                    title="Web form",
                    severity="warning",
                )
            else:
                who = "your browser" if started is None else "your system"
                draft.delivered.append(f"asked {who} to open the web form, text copied")
                self.notify(
                    "Your browser was asked to open the form; the letter is on the clipboard to paste.",
                    title="Web form",
                )
            if draft is self.draft:
                self.update_detail()

        self.app.open_link(handover.url, answered)

    @on(Button.Pressed, "#copy-text")
    def _copy(self) -> None:
        draft = self.draft
        self.app.copy_to_clipboard(self.app.backend.text_to_copy(draft.letter, draft.channel))
        draft.delivered.append("text copied")
        self.update_detail()
        self.notify(
            "The letter is on the clipboard (if your terminal allows it); paste it where it goes.",
            title="Copied",
        )

    def go_next(self) -> None:
        """On, unless a letter is to be posted with no address to post it to (ask for it, or offer
        the email or web form: ydm.service.channels.cannot_go, the rule the CLI keeps too)."""
        for index, draft in enumerate(self.state.drafts):
            problem = cannot_go(draft.letter, draft.channel)
            if problem:
                if index == self.index:
                    self._say_problem(problem)
                else:  # shown with that letter (update_detail), once the list has moved to it
                    self._problem = (index, problem)
                    self.query_one("#send-list", OptionList).highlighted = index
                return
        self.advance()

    def _say_problem(self, problem: str) -> None:
        error = self.query_one("#err-channel", Static)
        if self.query_one("#post-address", Input).display:  # the rule's words are above the field
            problem = "Type their postal address here first, or choose another way above."
        error.update(f"⚠ {problem}")
        error.display = True
        field = self.query_one("#post-address", Input)
        if field.display:
            field.focus()
