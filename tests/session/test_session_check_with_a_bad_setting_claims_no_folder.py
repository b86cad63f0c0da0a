"""`ydm session --check` with a setting it cannot use (an export folder that does not exist: the USB
stick not plugged in) names the setting to fix and makes no claim about the folder: it said "[fix]
the export folder does not exist" and then "[ok] Export folder: none is set up"."""

from __future__ import annotations

from .test_session_check import _check_cli


def test_a_missing_export_folder_is_not_also_called_none_set_up(isolated_home, tmp_path):
    done = _check_cli(tmp_path, "--export-dir", str(tmp_path / "unplugged"))
    assert done.returncode == 0 and done.stderr == ""
    assert "[fix] Session settings: the export folder" in done.stdout
    assert "none is set up" not in done.stdout and "Export folder:" not in done.stdout


def test_without_an_export_folder_the_checklist_still_says_none_is_set_up(isolated_home, tmp_path):
    done = _check_cli(tmp_path)
    assert "[ok] Export folder: none is set up" in done.stdout
