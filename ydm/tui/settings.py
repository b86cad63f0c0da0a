"""The TUI's own small settings, kept between runs in `tui.toml` in ydm's config folder.

For now only the theme chosen with Ctrl+P (a high-contrast one, say), so a person who needs it does
not have to choose it again each time. Nothing personal goes here: it is a plain-text file.
The YDM_THEME environment variable still wins over it (ydm.tui.base picks the theme).
"""

from __future__ import annotations

import json
from pathlib import Path

from ydm.fileio import atomic_write
from ydm.paths import config_dir

FILE_NAME = "tui.toml"


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load() -> dict[str, str]:
    """The saved settings; empty when there are none or the file cannot be read (never fatal)."""
    from ydm.errors import YdmError
    from ydm.fileio import read_toml

    try:
        data = read_toml(settings_path())
    except YdmError:
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def saved_theme() -> str:
    return load().get("theme", "").strip()


def save_theme(name: str) -> Path:
    """Remember `name` as the theme (written atomically; other settings kept). Raises OutputError."""
    settings = load()
    settings["theme"] = name
    path = settings_path()
    from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

    private_dir(path.parent)
    lines = ["# ydm's terminal app settings (written by ydm; YDM_THEME overrides the theme)"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in sorted(settings.items())]
    return atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"), mode=0o644)
