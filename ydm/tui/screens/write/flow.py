"""The order of the wizard's steps, in one place: which screen comes first and which follows which.

A step does not push the next one itself: later steps borrow words from earlier ones (send shows
review's draft labels, record send's and what's), so that closed a loop of imports. A step calls
`advance()`; the app (`YdmApp.advance_wizard`) asks this module for the screen after it. Only the
app imports this module, so the imports among the steps go one way.
"""

from __future__ import annotations

from ydm.tui.screens.write.about_you import AboutYouScreen
from ydm.tui.screens.write.record import RecordScreen
from ydm.tui.screens.write.review import ReviewScreen
from ydm.tui.screens.write.send import SendScreen
from ydm.tui.screens.write.state import WizardState
from ydm.tui.screens.write.step import CONTINUING_FROM, WizardStep
from ydm.tui.screens.write.what import WhatScreen
from ydm.tui.screens.write.who import WhoScreen

# Step n is ORDER[n - 1]; each class's STEP says the same (a test checks they agree).
ORDER: tuple[type[WizardStep], ...] = (
    AboutYouScreen,
    WhoScreen,
    WhatScreen,
    ReviewScreen,
    SendScreen,
    RecordScreen,
)


def step(number: int, state: WizardState) -> WizardStep:
    """The screen for step `number` (1 to 6), over `state`."""
    return ORDER[number - 1](state)


def after(current: WizardStep) -> WizardStep:
    """The step that follows `current`, with its state. The next letter of a request knows its
    organisation and kind already, so about you is followed by review there, not by who."""
    number = current.STEP + 1
    if current.state.continuing:
        number = max(number, CONTINUING_FROM)
    return step(number, current.state)
