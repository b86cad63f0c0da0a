"""`ydm session --plain` does not tell a screen reader user to "untick" (there are no ticks in plain
text): the list of who gets a letter says which are chosen and how to keep or change them by number.
The app, with its tick boxes, still says "Untick any you want to leave out"."""

from __future__ import annotations

from ydm.session.flow import Session

from .conftest import TODAY
from .test_plain import WHOLE, run
from .test_session_core import BASE


def test_plain_party_list_has_no_untick():
    _code, said, _s, _ = run([*WHOLE, "q"])
    block = said[said.index("Who gets a letter"):]
    block = block[:block.index("\n> ")]
    assert "untick" not in block.lower()
    assert "Each gets a letter." in block and "Press Enter to keep the ones marked chosen." in block


def test_the_app_question_still_says_untick():
    s = Session(today=TODAY, lookup=lambda pc: None)
    while (q := s.current()) is not None and q.id != "targets":
        if s.needs_lookup():
            s.look_up_office()
            continue
        s.answer(q.id, BASE.get(q.id, q.default))
    assert "Untick any you want to leave out." in s.current().prompt
