"""The welcome's "the export folder is not empty" and the librarian's check read the folder by one
rule: what a person would see there (files and folders alike) is left over; hidden entries that the
computer keeps on a stick (.Trash-1000, .fseventsd) are not, and the check names them aside."""

from __future__ import annotations

import pytest

from ydm.session import computer, export_folder


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "stick"  # tmp_path itself holds the test's YDM_HOME
    folder.mkdir()
    return folder


def test_hidden_entries_alone_leave_the_folder_empty_for_both(stick):
    (stick / ".Trash-1000").mkdir()
    (stick / ".fseventsd").write_text("x")
    assert export_folder.leftovers(stick) == []
    check = computer.export_folder(stick)
    assert check.status == "ok"
    assert "is empty" in check.text and ".Trash-1000" in check.text and ".fseventsd" in check.text


def test_a_left_file_or_folder_is_a_leftover_for_both(stick):
    (stick / "letters").mkdir()
    (stick / "ydm-letters.pdf").write_bytes(b"%PDF")
    (stick / ".Trash-1000").mkdir()
    assert export_folder.leftovers(stick) == ["letters", "ydm-letters.pdf"]
    check = computer.export_folder(stick)
    assert check.status == "fix"
    assert "2 files (letters, ydm-letters.pdf)" in check.text and ".Trash" not in check.text
    assert "letters" in export_folder.leftover_warning(stick)


def test_an_empty_folder_is_empty_without_an_aside(stick):
    assert computer.export_folder(stick).text == f"{stick} is empty."
