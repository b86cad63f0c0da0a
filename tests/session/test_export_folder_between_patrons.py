"""The export folder between two patrons: Finish deletes what this patron saved there unless they tick
that it is their own USB stick, and the welcome warns when the folder is not empty."""

from __future__ import annotations

from textual.widgets import Checkbox

from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen

from .conftest import scan
from .test_app import answer_questions, choose


async def save_and_reach_finish(pilot) -> None:
    await answer_questions(pilot, channel_downs=0)   # first-class post
    await pilot.press("ctrl+n")
    await pilot.pause()
    await choose(pilot, "save-letters")
    await choose(pilot, "save-sheet")
    await choose(pilot, "finish")
    assert isinstance(pilot.app.screen, FinishScreen)


def leftovers(app) -> str:
    found = app.screen.query("#leftovers")
    return str(found.first().render()) if found else ""


async def test_finish_deletes_the_files_by_default_and_the_next_patron_starts_clean(make_app, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await save_and_reach_finish(pilot)
        assert sorted(p.name for p in usb.iterdir()) == ["ydm-letters.pdf", "ydm-take-home-sheet.pdf"]
        assert not app.screen.query_one("#keep-files", Checkbox).value
        await pilot.press("enter")                   # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert list(usb.iterdir()) == []
        assert leftovers(app) == ""
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Deleted ydm-letters.pdf, ydm-take-home-sheet.pdf" in said
        await save_and_reach_finish(pilot)           # the second patron's file has the plain name
        assert "ydm-letters.pdf" in str(app.screen.query_one("#export-files").render())
        assert (usb / "ydm-letters.pdf").exists() and not (usb / "ydm-letters-2.pdf").exists()


async def test_ticking_own_usb_stick_keeps_them(make_app, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        await save_and_reach_finish(pilot)
        box = app.screen.query_one("#keep-files", Checkbox)
        for _ in range(6):                           # Shift+Tab back from Finish to the box
            if app.focused is box:
                break
            await pilot.press("shift+tab")
        await pilot.press("space")
        assert box.value
        await pilot.press("ctrl+n")                  # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert sorted(p.name for p in usb.iterdir()) == ["ydm-letters.pdf", "ydm-take-home-sheet.pdf"]
        assert "ydm-letters.pdf" in leftovers(app)   # and the welcome says so, should the stick stay


async def test_welcome_warns_when_the_folder_is_not_empty(make_app, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / ".Trash-1000").mkdir()                    # a stick's own hidden folders are not warned about
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        assert leftovers(app) == ""
    (usb / "ydm-letters.pdf").write_bytes(b"%PDF-1.4 someone else's letters")
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = leftovers(app)
        assert "already holds 1 file (ydm-letters.pdf)" in said and str(usb) in said


async def test_a_browser_download_is_not_in_the_folder_and_nothing_is_deleted(make_app, tmp_path, fresh_dirs):
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "ydm-letters.pdf").write_bytes(b"someone else's")
    app = make_app(SessionConfig(export_dir=usb))
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_questions(pilot, channel_downs=0)
        app.session.saved.append("ydm-letters.pdf (downloaded in your browser)")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "finish")
        assert not app.screen.query("#keep-files")
        await pilot.press("enter")
        await pilot.pause()
    assert (usb / "ydm-letters.pdf").read_bytes() == b"someone else's"   # not this patron's: left alone
    assert scan(fresh_dirs.values()) == []
