"""Typing the organisation's postal address on the Send step keeps every character where it was typed,
even when the keys come faster than the screen redraws the letter (a walk in tmux at 80×24 typed
"20 Rushworth Street" and got "20 Ruhworth Street … SE1 0SSs": each change reset the field to the
value of an older change and left the cursor in the middle)."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import settle
from tests.tui.test_post_needs_an_address import labour_by_post
from ydm.tui.screens.write.send import SendScreen


async def test_changes_queued_before_the_screen_sees_them_keep_the_text_and_the_cursor(make_app, fixed_references):
    app = make_app()
    state = labour_by_post()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SendScreen(state))
        await settle(pilot)
        field = app.screen.query_one("#post-address", Input)
        field.focus()
        await settle(pilot)
        # Two bursts of typing before the screen has handled the first change (as a quick typist on a
        # busy computer, or tmux, delivers them).
        field.insert_text_at_cursor("DPO, Labour Party, 20 Rush")
        field.insert_text_at_cursor("worth Street, London, SE1 0S")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert field.value == "DPO, Labour Party, 20 Rushworth Street, London, SE1 0SS"
        assert field.cursor_position == len(field.value)
        letter = state.drafts[0].letter
        assert not letter.address_missing
        assert "20 Rushworth Street" in letter.recipient_lines and "SE1 0SS" in letter.recipient_lines
