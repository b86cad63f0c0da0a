""""How will you send the letters?" promises "We print the letters" only where the librarian set up a
printer: without one, the welcome said "No printer is set up" and the post choice still said "We print
the letters; you post them"."""

from __future__ import annotations

from ydm.session.flow import Session, SessionConfig

from .conftest import TODAY
from .test_session_core import BASE


def _channel_details(config: SessionConfig) -> dict[str, str]:
    s = Session(config, today=TODAY, lookup=lambda pc: None)
    while (q := s.current()) is not None and q.id != "channel":
        if s.needs_lookup():
            s.look_up_office()
            continue
        s.answer(q.id, BASE.get(q.id, q.default))
    return {o.value: o.detail for o in s.current().options}


def test_without_a_printer_post_says_the_patron_prints_elsewhere():
    details = _channel_details(SessionConfig())
    assert "We print" not in details["first-class"]
    assert "no printer" in details["first-class"].lower()


def test_with_a_printer_post_says_we_print_them():
    details = _channel_details(SessionConfig(printer="Library_Laser"))
    assert details["first-class"].startswith("We print the letters")
