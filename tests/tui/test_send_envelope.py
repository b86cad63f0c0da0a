"""The TUI's send step offers the envelope: "Save PDF (C5)" saves a letter laid out for a C5 window
envelope (folded once), read back from the saved file."""

from __future__ import annotations

from pypdf import PdfReader
from textual.widgets import Input

from tests.letters.formats.test_envelopes import fold_marks
from tests.tui.conftest import JANE, settle
from ydm.model import Person, RequestKind
from ydm.tui.screens.write.review import ReviewScreen


async def test_send_step_saves_a_c5_pdf(make_app, fixed_references, tmp_path):
    from ydm.tui.screens.write.state import WizardState

    app = make_app()
    folder = tmp_path / "letters"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        person = Person(JANE["name"], ("1 High Street", "Anytown"), "SW1A 1AA", JANE["email"])
        state = WizardState(person=person, orgs=[app.backend.get_org("conservatives")], kinds=[RequestKind.ACCESS])
        app.push_screen(ReviewScreen(state))
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query_one("#folder", Input).value = str(folder)
        assert not app.screen.query_one("#save-pdf-c5").display  # email: no PDF buttons
        app.screen.query_one("#channel").focus()
        await pilot.press("down", "enter")  # email → first-class post
        await settle(pilot)
        assert app.screen.query_one("#save-pdf-c5").display
        await pilot.click("#save-pdf-c5")
        await settle(pilot)
    [saved] = list(folder.iterdir())
    page = PdfReader(saved).pages[0]
    assert fold_marks(page) == [(148.5, 5.0)]  # A4 folded once
