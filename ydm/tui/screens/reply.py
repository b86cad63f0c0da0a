"""A request's reply: what the organisation holds about the person, the Article 15 checklist (each
line correctable) and the follow-up that asks for what is missing. Reached from the request screen
(`r`). The reading and checking are the core's (`ydm.service.replies`); this screen only shows them."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from ydm.tui.widgets.footer import YdmFooter

MARKS = {"found": "✔", "not found": "✘", "unclear": "?"}
STYLES = {"found": "green", "not found": "bold red", "unclear": "yellow"}
SECTIONS = (("Categories of data", "categories"), ("Inferences about your political opinions (Art 9)", "inferences"),
            ("Sources", "sources"), ("Recipients", "recipients"), ("How long they keep it", "retention"))


def load(backend: Any, ref: str, today: Any, settings: list[str] | None = None) -> tuple[Any, Any]:
    """(checklist, holdings) of a request, after applying corrections like `15(1)(c)=found`."""
    from ydm.service import replies

    store = backend.store
    checked = replies.correct(store, ref, settings) if settings else replies.check(store, ref)
    return checked, replies.holdings(store, ref)


def prepare_follow_up(backend: Any, ref: str, today: Any) -> Any:
    """The reply is judged incomplete (recorded, as `ydm requests next` does), then the next-letter plan."""
    from ydm.service import replies

    replies.judge_incomplete(backend.store, ref, today=today)
    return backend.next_letter(ref, today)


class ReplyScreen(Screen):
    """What they hold, the checklist and the follow-up, for one request."""

    TITLE = "Their reply"
    HELP = """\
What the organisation sent back, read by ydm: **what they hold** about you (the kinds of data, any
opinions or scores they inferred about your politics, where they got it, who they gave it to, how
long they keep it), and **the checklist** of what Article 15 of the UK GDPR entitles you to.

Each line says *found*, *not found* or *unclear*, with the words or the file and row that show it.
ydm reads by rules (words, column names), so check it: move to a line and press `f` (found),
`n` (not found) or `a` (back to what ydm read). A scanned letter has no text: tick its lines yourself.

`w` writes the follow-up letter, asking for exactly the lines not found. `Esc` goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="reply-back"),
        Binding("f", "set('found')", "Found", id="reply-found"),
        Binding("n", "set('not found')", "Not found", id="reply-not-found"),
        Binding("a", "set('auto')", "As read", id="reply-auto"),
        Binding("w", "write_follow_up", "Follow-up", id="reply-follow-up"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.checked: Any = None
        self.holds: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reply-body"):
            yield Static("Reading their reply…", id="reply-head")
            yield Static("", id="reply-holds", classes="section")
            yield Static(Text("The checklist (Article 15)", style="bold underline"), classes="section")
            yield OptionList(id="reply-checklist")
            yield Static("", id="reply-follow-up", classes="section next-step")
            with Horizontal(classes="row buttons"):
                yield Button("Write the follow-up (w)", id="reply-write", variant="primary", compact=True)
                yield Button("Back (Esc)", id="reply-close", compact=True)
        yield YdmFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#reply-checklist").focus()

    def reload(self, settings: list[str] | None = None) -> None:
        self.app.run_blocking(load, self.app.backend, self.ref, self.app.today, settings, on_done=self.show,
                              description="reading the reply", group="reply", exclusive=True)

    def show(self, got: tuple[Any, Any]) -> None:
        self.checked, self.holds = got
        c, h = got
        self.sub_title = c.ref
        head = Text.assemble((c.org, "bold"), f"\nreference {c.ref} · {c.replies} reply(ies) · {len(h.files)} file(s)")
        if h.replied:
            head.append(f"\nanswered {h.replied:%d %b %Y}")
            if h.due:
                head.append(f", due {h.due:%d %b %Y}: ")
                head.append(h.timeliness if h.timeliness != "late" else f"late by {h.days_late} day(s)",
                            style="bold red" if h.timeliness == "late" else "green")
        for note in c.notes:
            head.append(f"\n⚠ {note}", style="bold")
        self.query_one("#reply-head", Static).update(head)
        holds = Text.assemble(("What they hold about you", "bold underline"))
        for title, attr in SECTIONS:
            items = getattr(h, attr)
            holds.append(f"\n{title}", style="bold")
            holds.append("".join(f"\n  · {x}" for x in items[:8]) if items else "\n  none found")
        self.query_one("#reply-holds", Static).update(holds)
        listing = self.query_one("#reply-checklist", OptionList)
        at = listing.highlighted
        listing.clear_options()
        for line in c.lines:
            t = Text()
            t.append(f"{MARKS[line.status]} ", style=STYLES[line.status])
            t.append(f"{line.words}: ")
            t.append(line.status + (" (you)" if line.by == "you" else ""), style=STYLES[line.status])
            for e in line.evidence[:2]:
                t.append(f"\n    {e}", style="dim")
            listing.add_option(Option(t, id=line.code))
        if at is not None and listing.option_count:
            listing.highlighted = min(at, listing.option_count - 1)
        missing = [x for x in c.lines if x.status != "found"]
        nxt = Text.assemble(("The follow-up", "bold underline"))
        if not c.replies:
            nxt.append(f"\n  No reply stored yet: ydm replies add FILE --ref {c.ref}")
        elif missing:
            nxt.append(f"\n  It asks for the {len(missing)} line(s) not found:")
            nxt.append("".join(f"\n  · {x.words}" for x in missing))
        else:
            nxt.append("\n  Their reply covers every line: no follow-up is needed.")
        self.query_one("#reply-follow-up", Static).update(nxt)
        self.query_one("#reply-write", Button).display = bool(c.replies and missing)

    def action_set(self, status: str) -> None:
        listing = self.query_one("#reply-checklist", OptionList)
        if self.checked is None or listing.highlighted is None:
            return
        code = listing.get_option_at_index(listing.highlighted).id
        self.reload([f"{code}={status}"])

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#reply-close")
    def _close(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#reply-write")
    def action_write_follow_up(self) -> None:
        """The follow-up letter, for exactly the missing lines (the tracker reads them from the checklist)."""
        if self.checked is None or not self.checked.replies or not self.checked.missing:
            self.notify("Their reply covers every line of the checklist.", title="No follow-up needed")
            return
        from ydm.model import RequestKind
        from ydm.tui.screens.write.state import WizardState  # lazy: keeps start-up light

        def got(plan: Any) -> None:
            state = WizardState(person=plan.person, orgs=[plan.org], kinds=[RequestKind.FOLLOW_UP],
                                related_ref=plan.ref)
            self.app._write_continuing(state)  # review -> send -> record, as for any next letter

        self.app.run_blocking(prepare_follow_up, self.app.backend, self.ref, self.app.today, on_done=got,
                              description="writing the follow-up", group="next")
