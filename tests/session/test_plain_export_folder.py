"""`ydm session --plain` and the export folder (issue 19 item 5, the plain face): Finish deletes the
files the patron saved unless they say the folder is their own USB stick, and the welcome tells the
librarian when the folder still holds files (a patron who walked away before Finish)."""

from __future__ import annotations

from ydm.session.flow import SessionConfig

from .conftest import scan
from .test_plain import TIMEOUT, WHOLE, run


def test_finish_deletes_the_saved_files_by_default(fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    _code, said, _s, _ = run([*WHOLE, "2", "5", "9", "", "q"], SessionConfig(export_dir=usb))
    assert f"- {usb / 'ydm-letters.pdf'}" in said and f"- {usb / 'ydm-take-home-sheet.pdf'}" in said
    assert "Press Enter to delete these files from this computer and wipe everything." in said
    assert "Deleted 2 files." in said and "Everything was wiped. Thank you." in said
    assert list(usb.iterdir()) == []
    assert scan([*fresh_dirs.values(), usb]) == []


def test_the_welcome_warns_when_an_earlier_patron_left_files(fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    cfg = SessionConfig(export_dir=usb, timeout=100)
    # a patron saves the letters and walks away: the timeout wipes the session, the file stays
    _code, said, _s, _ = run([*WHOLE, "2", TIMEOUT, TIMEOUT, "q"], cfg)
    first, _, second = said.partition("Nobody answered")
    assert "For the librarian: the export folder" not in first
    assert (f"For the librarian: the export folder {usb} is not empty: 1 file (ydm-letters.pdf), perhaps an "
            "earlier patron's letters. Please delete them before the next patron") in second
    assert [f.name for f in usb.iterdir()] == ["ydm-letters.pdf"]


def test_a_file_that_cannot_be_deleted_is_said(fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    _code, said, _s, _ = run([*WHOLE, "2", "9", "", "q"], SessionConfig(export_dir=usb))
    assert "Deleted 1 file." in said
    from ydm.cli.plain_menu import delete_saved

    assert delete_saved([str(usb / "gone.pdf")]) == []              # already gone: nothing to say
    assert delete_saved([str(usb)])[0].startswith(f"could not delete {usb}")  # a folder is not removed
