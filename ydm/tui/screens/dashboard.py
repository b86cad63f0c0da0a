"""Dashboard: every request with its organisation, kind, dates, days left and status in words.

Late requests come first. From here the user opens a request, marks an event, writes the next
letter, starts the wizard or browses organisations. With no requests it explains the app instead.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from ydm.tui.messages import RequestsChanged
from ydm.tui.rows import RequestRow
from ydm.tui.screens.labels import KIND_LABELS
from ydm.tui.widgets.footer import YdmFooter
from ydm.tui.widgets.status import days_text, short_date, status_text
from ydm.tui.widgets.toggles import colourless

EMPTY_TEXT = """\
[b]Your Data Matters[/b] helps you find out what political parties, campaigners and data \
brokers hold about you, and tell them to stop using it.

It writes the letters for you (asking for a copy of your data, objecting to marketing or \
profiling, leaving the open register), tells you how to send each one, and then counts the \
legal deadline for the answer, so you know when to send a reminder or complain.

You have no requests yet. Press [b]n[/b] or the button below to write your first one. \
Press [b]F1[/b] for help at any time."""

LEVEL_ORDER = {"late": 0, "act": 1, "soon": 2, "waiting": 3, "draft": 4, "done": 5}
# Rows put in the table at a time. Textual's DataTable measures every cell of every row it is given
# (~0.1 ms a row: 10,000 requests were a second and more before the dashboard showed), so it gets the
# first page, and the next one when the cursor or the scrolling comes near the end of what it has;
# End fetches the rest. A page is several screens high, so the arrow keys never wait for one.
PAGE = 200


def clip(text: str, width: int) -> str:
    """Cut to `width` with an ellipsis, so a cut name is visibly cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# The table's columns, left to right, and the order they give way in when the screen is narrow: the
# sending date first, then the kind, the days left and the due date. The status (the most important
# column: OVERDUE, DUE SOON …) and the organisation never go.
COLUMNS = (("org", "Organisation"), ("kind", "Kind"), ("sent", "Sent"), ("due", "Due"), ("days", "Days"),
           ("status", "Status"))
GIVE_WAY_LAST = ("due", "days", "kind", "sent")  # added in this order while there is room
PADDING = 2  # DataTable's cell padding, one each side
SCROLLBAR = 2


def plan_columns(
    width: int, *, names: list[str], statuses: list[str], kinds: list[str], date_width: int
) -> dict[str, int]:
    """The width of each column shown at `width` terminal columns.

    The status gets what its longest word needs (with its symbol, up to 22); the organisation at
    least 12 and as much as its longest name wants (up to 60). The other columns come in order of
    importance (due, days, kind, sent) while the organisation keeps enough room beside them; the
    first that does not fit gives way with all after it, and what is left goes to the organisation.
    """
    status = min(22, max([len(text) + 2 for text in statuses] + [len("Status")]))
    wanted_org = min(60, max([len(name) for name in names] + [len("Organisation")]))
    optional = {
        "due": date_width,
        "days": 7,
        "kind": min(14, max([len(kind) for kind in kinds] + [len("Kind")])),
        "sent": date_width,
    }
    room = width - SCROLLBAR - (status + PADDING) - PADDING  # what the organisation and the rest share
    if room < 12:  # very narrow: the status shortens to its shortest word before the organisation does
        cut = min(status - 9, 12 - room)
        status, room = status - cut, room + cut
    floor = max(1, min(12, room))
    # beside the due date and days the organisation needs only its minimum; the kind comes while it
    # can still show names of up to 16 characters in full, the sending date up to 24
    keep = {"due": floor, "days": floor, "kind": min(wanted_org, 16), "sent": min(wanted_org, 24)}
    widths = {"status": status}
    for key in GIVE_WAY_LAST:
        need = optional[key] + PADDING
        if room - need < keep[key]:
            break  # this one gives way, and every less important one with it
        widths[key] = optional[key]
        room -= need
    widths["org"] = max(floor, min(wanted_org, room))
    return widths


def sort_rows(rows: list[RequestRow]) -> list[RequestRow]:
    """Late first, then soonest due, then the rest; stable for equal dates."""
    return sorted(
        rows, key=lambda r: (LEVEL_ORDER.get(r.level, 5), r.due is None, r.due or r.sent, r.org_name)
    )


class DashboardScreen(Screen):
    """The first screen: the user's requests and deadlines."""

    TITLE = "Your requests"
    HELP = """\
Each line is one letter you sent to one organisation. **Status** says in words where it stands:
*OVERDUE* means the legal time to answer has passed, *DUE SOON* means it ends within a week,
*WAITING* means there is still time, *ANSWERED* or *CLOSED* means it is finished.
**Due** is the date the answer is owed; **Days** how many days are left (or how late it is).

Choose a line with the arrow keys (`Home` and `End` go to the first and the last), then press
`Enter` to see its history, `m` to note something that happened (they replied, asked for ID, …)
or `w` to write the next letter (a reminder or a complaint). `d` deletes the chosen request from this computer (it asks first; the organisation
is not told). Press `n` to write new requests and `o` to look up organisations.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_request", "New request", id="new-request", tooltip="Write new requests"),
        Binding("enter", "open_request", "Open", id="open-request", tooltip="History of this request"),
        Binding("m", "mark_event", "Mark event", id="mark-event", tooltip="Note a reply or other event"),
        Binding("w", "write_next", "Next letter", id="write-next", tooltip="Write the next letter"),
        Binding("d", "delete_request", "Delete", id="delete-request", tooltip="Delete this request (asks first)"),
        Binding("o", "organisations", "Organisations", id="organisations", tooltip="Browse organisations"),
        Binding("r", "refresh", "Refresh", id="refresh", show=False),
        Binding("g", "fetch_replies", "Fetch replies", id="fetch-replies", show=False),
        # The table's own Home/End move between columns (none to move between in row mode); here
        # they go to the first and last request. Priority, as the table has focus.
        Binding("home", "first_row", "First request", id="first-row", show=False, priority=True),
        Binding("end", "last_row", "Last request", id="last-row", show=False, priority=True),
        Binding("q", "app.quit", "Quit", id="dashboard-quit", tooltip="Leave ydm"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RequestRow] = []
        self.loaded = False
        self.failed = False
        self._cells = None  # how rows are shown in the table now (columns, widths): set by _fill
        self._marked_ref: str | None = None  # the row that carries the › (colourless terminals)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dashboard"):
            yield Static("", id="summary")
            yield DataTable(id="requests", cursor_type="row", zebra_stripes=True)
            with Vertical(id="empty"):
                yield Static(EMPTY_TEXT, id="empty-text")
                yield Button("Write your first request (n)", id="start-wizard", variant="primary")
        yield YdmFooter()

    def on_mount(self) -> None:
        self.query_one("#empty").display = False
        table = self.query_one("#requests", DataTable)
        table.display = False
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_rows()

    def on_requests_changed(self, message: RequestsChanged) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        self.app.run_blocking(
            self.app.backend.list_rows,
            self.app.today,
            on_done=self.show_rows,
            on_error=self.show_failure,
            description="loading your requests",
            group="dashboard",
            exclusive=True,
        )

    def _read_organisations(self) -> None:
        self.app.run_blocking(
            lambda: self.app.backend.directory, description="reading the organisations", group="warm"
        )

    def show_failure(self, error: BaseException) -> None:
        """The store could not be opened: say so on the screen too, with the way to retry."""
        self.failed = True
        self.query_one("#requests").display = False
        self.query_one("#empty").display = False
        self.query_one("#summary", Static).update("Your requests could not be opened. Press r to try again.")

    @property
    def settled(self) -> bool:
        """The first load has finished (with rows or with a failure): what tests wait for."""
        return self.loaded or self.failed

    def show_rows(self, rows: list[RequestRow]) -> None:
        if not self.loaded:  # read the organisations off the UI thread, once the rows are painted
            self.set_timer(0.5, self._read_organisations)
        self.loaded = True
        self.rows = sort_rows(rows)
        self.refresh_bindings()
        empty = not self.rows
        self.query_one("#empty").display = empty
        table = self.query_one("#requests", DataTable)
        table.display = not empty
        # From the tracker's views: overdue = a due date that has passed; "due within a week" only
        # counts requests that have a due date in the next 7 days (a paused one has none).
        late = sum(1 for r in self.rows if r.overdue)
        soon = sum(1 for r in self.rows if r.due_this_week and not r.overdue)
        summary = self.query_one("#summary", Static)
        if empty:
            summary.update("")
            self.query_one("#start-wizard", Button).focus()
            return
        parts = [f"{len(self.rows)} request{'s' if len(self.rows) != 1 else ''}"]
        if late:
            parts.append(f"{late} overdue")
        if soon:
            parts.append(f"{soon} due within a week")
        summary.update(", ".join(parts) + f" — today is {self.app.today:%-d %B %Y}")
        self._fill(table)
        table.focus()

    def _fill(self, table: DataTable) -> None:
        keep = table.cursor_row if table.row_count else 0
        keep_ref = None  # the cursor stays on its request when the order changes (e.g. marked sent)
        if table.row_count:
            try:
                keep_ref = table.coordinate_to_cell_key(Coordinate(keep, 0)).row_key.value
            except Exception:  # noqa: BLE001 - no such cell: keep the row number instead
                keep_ref = None
        self._cells = None  # no page is added while the table is rebuilt (clearing it scrolls it to the top)
        table.clear(columns=True)
        marked = colourless(self.app)  # no colour to show the cursor row: a › marks it
        narrow = self.size.width < 100  # dates without the year when it is this year's
        kinds = [KIND_LABELS.get(r.request.kind, str(r.request.kind)) for r in self.rows]
        widths = plan_columns(
            self.size.width - (3 if marked else 0),
            names=[r.org_name for r in self.rows],
            statuses=[r.status for r in self.rows],
            kinds=kinds,
            date_width=9 if narrow else 11,
        )
        if marked:
            table.add_column(" ", width=1, key="mark")
        for key, title in COLUMNS:
            if key in widths:
                table.add_column(clip(title, widths[key]), width=widths[key], key=key)
        self._cells = (marked, widths, self.app.today.year if narrow else None, kinds)
        self._marked_ref = None
        if self.rows:
            refs = [row.ref for row in self.rows]
            if keep_ref in refs:
                keep = refs.index(keep_ref)
            keep = min(keep, len(self.rows) - 1)
            self._add_rows(table, keep + PAGE)  # the kept cursor's row, and a page below it
            table.move_cursor(row=keep)
            self._mark_cursor(table)

    def _add_rows(self, table: DataTable, upto: int) -> None:
        """Put rows into the table up to row `upto` (those it lacks; the order is `self.rows`')."""
        marked, widths, year, kinds = self._cells
        start = table.row_count
        for row, kind in zip(self.rows[start:upto], kinds[start:upto], strict=True):
            cells = {
                "org": clip(row.org_name, widths["org"]),
                "kind": clip(kind, widths.get("kind", 0)),
                "sent": short_date(row.sent, this_year=year),
                "due": short_date(row.due, this_year=year),
                "days": days_text(row.days_left),
                "status": status_text(clip(row.status, widths["status"] - 2), row.level),
            }
            table.add_row(
                *([""] if marked else []), *(cells[key] for key, _ in COLUMNS if key in widths), key=row.ref
            )

    def _more(self, table: DataTable, near: int) -> None:
        """The next page, when row `near` (the cursor, or the bottom of the view) is close to the end of
        the rows the table has."""
        if self._cells is not None and table.row_count < len(self.rows) and near >= table.row_count - PAGE // 2:
            self._add_rows(table, table.row_count + PAGE)

    def _scrolled(self, scroll_y: float) -> None:
        """Scrolled with the wheel or the scroll bar (the cursor stays): the page below, when near."""
        table = self.query_one("#requests", DataTable)
        self._more(table, int(scroll_y) + table.size.height)

    @on(DataTable.RowHighlighted, "#requests")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._more(event.data_table, event.cursor_row)
        self._mark_cursor(event.data_table)

    def _mark_cursor(self, table: DataTable) -> None:
        """Put › in the marker column of the cursor row only (when that column is there): the row that
        had it and the cursor's, not every row of the table."""
        if not any(column.key == "mark" for column in table.ordered_columns) or not table.row_count:
            return
        ref = self.rows[min(table.cursor_row, table.row_count - 1)].ref
        if self._marked_ref is not None and self._marked_ref != ref and self._marked_ref in table.rows:
            table.update_cell(self._marked_ref, "mark", "")
        table.update_cell(ref, "mark", "›")
        self._marked_ref = ref

    def on_resize(self) -> None:
        if self.rows:
            self._fill(self.query_one("#requests", DataTable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the per-request keys while there are no requests."""
        return not (
            action in ("open_request", "mark_event", "write_next", "delete_request") and not self.rows
        )

    # --- actions -----------------------------------------------------------------------------
    def current(self) -> RequestRow | None:
        table = self.query_one("#requests", DataTable)
        if not self.rows or not table.display:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _need_row(self) -> RequestRow | None:
        row = self.current()
        if row is None:
            self.notify("There are no requests yet: press n to write one.", title="Nothing chosen")
        return row

    @on(DataTable.RowSelected, "#requests")
    def _row_selected(self) -> None:
        self.action_open_request()

    @on(Button.Pressed, "#start-wizard")
    def _start(self) -> None:
        self.action_new_request()

    def action_new_request(self) -> None:
        self.app.start_wizard()

    def action_open_request(self) -> None:
        if row := self._need_row():
            self.app.open_request(row.ref)

    def action_mark_event(self) -> None:
        if row := self._need_row():
            self.app.mark_event(row.ref, row)

    def action_write_next(self) -> None:
        if row := self._need_row():
            self.app.write_next(row.ref)

    def action_delete_request(self) -> None:
        if row := self._need_row():
            self.app.delete_request(row.ref, row.org_name, sent=row.sent is not None)

    def action_first_row(self) -> None:
        self._cursor_to(0)

    def action_last_row(self) -> None:
        self._cursor_to(len(self.rows) - 1)

    def _cursor_to(self, index: int) -> None:
        table = self.query_one("#requests", DataTable)
        if self.rows and table.display:
            if self._cells is not None and index >= table.row_count:
                self._add_rows(table, index + 1)  # End: the rows down to it (all that are left)
            table.move_cursor(row=max(0, min(index, table.row_count - 1)), scroll=True)

    def action_organisations(self) -> None:
        self.app.open_organisations()

    def action_fetch_replies(self) -> None:
        """Fetch replies from the person's mailbox (IMAP, read-only): ydm replies fetch."""
        from ydm.tui.replies_fetch import fetch_replies  # lazy: keeps start-up light

        fetch_replies(self.app)

    def action_refresh(self) -> None:
        self.refresh_rows()
