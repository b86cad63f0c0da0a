"""Every guided step at 80×24 (the smallest supported size), fixed date, fixed references, no blink."""

from __future__ import annotations

from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.idle import IdleWarning

from .conftest import PATRON, POSTCODE, STREET


async def test_each_step_at_80x24(make_app, screen_snapshot, clock, fresh_dirs):
    app = make_app(SessionConfig(printer="front-desk", timeout=600))
    shots = []

    async def shot(name: str) -> None:
        shots.append((name, await screen_snapshot(pilot, name)))

    async with app.run_test(size=(80, 24)) as pilot:
        await shot("01-welcome")
        await pilot.press("enter")
        await pilot.pause()
        await shot("02-goal")
        await pilot.press("enter")
        await pilot.pause()
        await shot("03-name")
        await pilot.press("enter")
        await pilot.pause()
        await shot("04-name-missing")
        await pilot.press(*PATRON, "enter")
        await pilot.pause()
        await shot("05-postcode")
        await pilot.press(*POSTCODE, "enter")
        await pilot.pause()
        await shot("06-address")
        await pilot.press(*f"{STREET}, Edinburgh", "enter")
        await pilot.pause()
        await shot("07-email")
        await pilot.press("enter")
        await pilot.pause()
        await shot("08-targets")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await shot("09-channel")
        await pilot.press("down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await shot("10-review")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await shot("11-outputs")
        await pilot.press("down", "enter")
        await pilot.pause()
        await shot("12-email")
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(540)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await shot("13-idle-warning")
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await shot("14-finish")
        await pilot.press("f1")
        await pilot.pause()
        await shot("15-help")
    failed = [name for name, ok in shots if not ok]
    assert failed == []


async def test_other_questions_at_80x24(make_app, screen_snapshot, fresh_dirs):
    """The questions the first flow does not meet: which letters, border nation, registration office."""
    from ydm.adapters.lookup import EONI, office_as_organisation

    found = {"office": None}
    app = make_app(lookup=lambda postcode: found["office"])
    shots = []

    async def shot(name: str) -> None:
        shots.append((name, await screen_snapshot(pilot, name)))

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "down", "down", "down", "enter")   # choose the letters myself
        await pilot.pause()
        await shot("21-kinds")
        await pilot.press("space", "down", "down", "down", "space", "ctrl+n")  # access + open register
        await pilot.pause()
        await pilot.press(*PATRON, "enter", *"SY10 0AA", "enter")
        await pilot.pause()
        await shot("22-nation")
        await pilot.press("down", "down", "enter")                    # Wales
        await pilot.pause()
        await pilot.press(*f"{STREET}, Llanrhaeadr-ym-Mochnant", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await shot("23-office-name")
        await pilot.press("escape")                                   # back to email, then look up again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        found["office"] = office_as_organisation(EONI)
        app.session.office_looked_up = False
        await pilot.press("enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await shot("24-office-found")
        await pilot.press("enter")
        await pilot.pause()
        await shot("25-choose-organisations")
    failed = [name for name, ok in shots if not ok]
    assert failed == []


async def test_northern_ireland_questions_at_80x24(make_app, screen_snapshot, fresh_dirs):
    """QA3 #6: an address for a party we cannot reach (a part of "who gets a letter"); EONI said, not asked."""
    app = make_app()
    shots = []

    async def shot(name: str) -> None:
        shots.append((name, await screen_snapshot(pilot, name)))

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", *PATRON, "enter", *"BT48 7QX", "enter")   # preset 1
        await pilot.pause()
        await pilot.press(*f"{STREET}, Derry", "enter", "enter", "ctrl+n")
        await pilot.pause()
        while app.screen.question.id != "to:sinn-fein":
            await pilot.press("enter")                                # skip the ones before
            await pilot.pause()
        await shot("31-ni-address-for-party")
        await pilot.press("B", "e", "l", "f", "a", "s", "t", "enter")  # one line: not an address
        await pilot.pause()
        await shot("32-ni-address-not-whole")
        app.exit()                                                    # (Ctrl+Q would ask first)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "down", "down", "enter", *PATRON, "enter", *"BT7 1NN", "enter")  # preset 3
        await pilot.pause()
        await pilot.press(*f"{STREET}, Belfast", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await shot("33-ni-office-eoni")
    failed = [name for name, ok in shots if not ok]
    assert failed == []
