"""The wizard's order lives in one module (ydm.tui.screens.write.flow); the steps only ask for the next."""

from __future__ import annotations

from ydm.tui.screens.write import flow
from ydm.tui.screens.write.about_you import AboutYouScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.state import WizardState
from ydm.tui.screens.write.step import STEPS
from ydm.tui.screens.write.who import WhoScreen


def test_the_order_agrees_with_each_steps_number():
    assert [screen.STEP for screen in flow.ORDER] == list(range(1, len(STEPS) + 1))


def test_about_you_is_followed_by_who_or_for_the_next_letter_by_review():
    new = flow.after(AboutYouScreen(WizardState()))
    assert type(new) is WhoScreen
    state = WizardState(related_ref="YDM-TEST-1")
    following = flow.after(AboutYouScreen(state))
    assert type(following) is ReviewScreen and following.state is state
