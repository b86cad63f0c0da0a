"""Messages the app's screens share.

`RequestsChanged`: something changed the store's requests (recorded, marked, deleted). Whoever made
the change posts it on the app (`app.post_message(RequestsChanged())`); the app hands a copy to every
screen in its stack, and every screen that shows a request reloads it from the store
(`on_requests_changed`). So no screen shows an old history, next step or button after a change,
whichever screen made it (the request screen under the wizard that wrote its reminder included).
"""

from __future__ import annotations

from textual.message import Message


class RequestsChanged(Message, bubble=False):
    """The requests in the store changed; screens that show requests reload them."""

    def __init__(self, ref: str = "") -> None:
        super().__init__()
        self.ref = ref  # the request that changed, when one did ("" for any)
