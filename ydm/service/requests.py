"""The request tracker's use cases, as the faces reach them: list, show, mark, the next letter,
export and import. The faces (CLI, TUI) come through here, never to `ydm.tracker` directly
(an import-linter contract in pyproject.toml says so), so that what a request may become is decided
in one place; the rules on sending are in `ydm.service.sending`.

The functions are the tracker's own (its status, due dates and next steps are derived from the
event log by the law room's engine); this module is the door, not a second implementation.
"""

from __future__ import annotations

from ydm.tracker import (
    SENT_EVENT,
    RequestView,
    list_requests,
    mark,
    next_letter,
    parse_event_kind,
    show,
    unsent_letters,
    view,
    views_json,
)
from ydm.tracker.backup import ImportResult, export_ics, export_json, import_json
from ydm.tracker.next_step import ART15_ITEMS, ITEM_NAMES, LateComplaint, item_names_help

__all__ = [
    "ART15_ITEMS", "ITEM_NAMES", "SENT_EVENT", "ImportResult", "LateComplaint", "RequestView", "export_ics", "export_json", "import_json",
    "item_names_help", "list_requests", "mark", "next_letter", "parse_event_kind", "show", "unsent_letters", "view",
    "views_json",
]
