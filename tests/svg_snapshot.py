"""What both Textual test folders use for screen snapshots: the syrupy extension (one .svg file per
snapshot) and a screenshot taken once the screen is stable."""

from __future__ import annotations

import re

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class SVGScreen(SingleFileSnapshotExtension):
    """One .svg file per snapshot; Rich's random ids are normalised away."""

    file_extension = "svg"
    _write_mode = WriteMode.TEXT

    def serialize(self, data, **kwargs):
        return re.sub(r"\bterminal-\d+-", "terminal-", data)


async def stable_screenshot(pilot) -> str:
    """The screen once two looks 50 ms apart agree (bounded): on a loaded machine a callback from a
    worker can still be on its way after the app looks quiet, and a snapshot must not catch it half-done."""
    shot = pilot.app.export_screenshot()
    for _ in range(20):
        await pilot.pause(0.05)
        again = pilot.app.export_screenshot()
        if again == shot:
            break
        shot = again
    return shot
