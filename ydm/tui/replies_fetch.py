"""The dashboard's "Fetch replies" (`g`, and in the command palette): `ydm replies fetch` in a worker,
its result in a notification, the screens refreshed. Errors (not set up, wrong password, server down)
show in the error modal like every worker's."""

from __future__ import annotations

from typing import Any


def fetch_replies(app: Any) -> None:
    def job() -> tuple[int, list]:
        from ydm.service import replies

        return replies.fetch(app.backend.store, today=app.today, directory=app.backend.directory)

    def done(result: tuple[int, list]) -> None:
        found, taken = result
        new = [t for t in taken if not t.skipped]
        words = ", ".join(f"{t.org} ({t.ref})" for t in new[:4]) + (" …" if len(new) > 4 else "")
        app.notify(f"{found} message(s) with your references; {len(new)} new reply(ies) taken in"
                   + (f": {words}" if new else "") + ". Nothing in your mailbox was changed.",
                   title="Replies fetched")
        app.refresh_screens()

    app.run_blocking(job, on_done=done, description="fetching replies from your mailbox", group="fetch",
                     exclusive=True)
