"""What the librarian sets for guided sessions: the printer, the idle timeout, the export folder, the
window envelopes in the drawer (`envelope = "dl"` or `"c5"`, ydm/letters/formats/envelopes.py).

Kept apart from `session` (one patron's answers) because it belongs to the library's computer, not
to the patron: it is read once from session.toml and the `ydm session` options, and outlives every
wipe.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ydm.errors import DataError, InputError

MAX_TIMEOUT_MIN = 24 * 60  # a day: the session is for one patron at a time
DEFAULT_TIMEOUT_MIN = 10.0


@dataclass
class SessionConfig:
    """What the librarian set: printer, idle timeout (seconds), a folder for the patron's files."""

    printer: str | None = None
    timeout: float = DEFAULT_TIMEOUT_MIN * 60
    export_dir: Path | None = None
    envelope: str = "dl"  # the printed letters' layout: DL (A4 folded in three) or C5 (folded once)

    @property
    def warn_after(self) -> float:
        """Seconds of quiet before the "are you still there?" warning: a minute before the wipe."""
        return max(self.timeout - 60.0, self.timeout * 0.8)


def load_config(path: Path | None = None, *, printer: str | None = None, timeout_min: float | None = None,
                export_dir: str | Path | None = None, envelope: str | None = None) -> SessionConfig:
    """session.toml in the config dir (printer, timeout in minutes, export_dir, envelope), then CLI overrides."""
    from ydm import paths

    path = path or paths.config_dir() / "session.toml"
    data: dict[str, Any] = {}
    if path.exists():
        from ydm.errors import YdmError
        from ydm.fileio import read_toml

        try:
            data = read_toml(path, what="the session settings")
        except YdmError as exc:
            raise DataError(f"{path} cannot be read: {exc.message}") from None
    unknown = set(data) - {"printer", "timeout", "export_dir", "envelope"}
    if unknown:
        raise DataError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))} "
                        "(printer, timeout, export_dir, envelope)")
    from ydm.letters.formats.envelopes import envelope as envelope_named

    try:
        chosen = envelope_named(envelope if envelope is not None else data.get("envelope")).name
    except InputError as exc:
        if envelope is not None:
            raise
        raise DataError(f"{path}: {exc.message}") from None
    minutes = timeout_min if timeout_min is not None else data.get("timeout", DEFAULT_TIMEOUT_MIN)
    # A number a clock can count to: not 0, not inf or nan (a deadline past any timestamp), at most a day.
    if (not isinstance(minutes, (int, float)) or isinstance(minutes, bool) or not minutes > 0
            or minutes > MAX_TIMEOUT_MIN):
        raise InputError(f"the timeout must be a positive number of minutes, at most {MAX_TIMEOUT_MIN}, "
                         f"not '{minutes}'")
    folder = export_dir if export_dir is not None else data.get("export_dir")
    if folder is not None:
        folder = Path(str(folder)).expanduser()
        if not folder.is_dir():
            raise InputError(f"the export folder {folder} does not exist (plug in the USB stick first?)")
    name = printer if printer is not None else data.get("printer")
    return SessionConfig(printer=str(name) if name else None, timeout=float(minutes) * 60, export_dir=folder,
                         envelope=chosen)
