"""The syrupy extension both Textual test folders use: one .svg file per screen snapshot."""

from __future__ import annotations

import re

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class SVGScreen(SingleFileSnapshotExtension):
    """One .svg file per snapshot; Rich's random ids are normalised away."""

    file_extension = "svg"
    _write_mode = WriteMode.TEXT

    def serialize(self, data, **kwargs):
        return re.sub(r"\bterminal-\d+-", "terminal-", data)
