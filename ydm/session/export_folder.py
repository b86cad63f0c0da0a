"""The librarian's export folder between patrons: what one patron saved there, deleting it at Finish,
and what the next patron would find left over.

The folder outlives the session (it is on the library's disk or a USB stick), so without this the
next patron found the last one's letters (and their own became ydm-letters-2.pdf). At Finish the
patron's files are deleted unless they say the folder is their own USB stick, taken home; the welcome
warns when the folder is not empty. No Textual here: both faces can use it.
"""

from __future__ import annotations

from pathlib import Path


def patron_files(session) -> list[Path]:
    """The files this patron saved in the export folder that are still there (not browser downloads)."""
    folder = session.config.export_dir
    if folder is None:
        return []
    found = []
    for saved in session.saved:
        path = Path(saved)
        if path.parent == Path(folder) and path.is_file():
            found.append(path)
    return found


def contents(folder: Path) -> tuple[list[str], list[str]]:
    """The one rule for "what is in the export folder": (the names a person would see, files and
    folders alike; the hidden ones, such as a USB stick's own .Trash-1000 or .fseventsd), each sorted.
    Both the welcome's warning and the librarian's check (`session.computer`) read it. OSError when the
    folder cannot be read."""
    visible, hidden = [], []
    for p in Path(folder).iterdir():
        (hidden if p.name.startswith(".") else visible).append(p.name)
    return sorted(visible), sorted(hidden)


def leftovers(folder: Path | None) -> list[str]:
    """What the next patron would find in the export folder (`contents`, hidden entries aside):
    anything here was left by someone before. Empty when the folder cannot be read."""
    if folder is None:
        return []
    try:
        return contents(folder)[0]
    except OSError:
        return []


def remove(paths) -> list[tuple[Path, str]]:
    """Delete these files; the ones that could not be deleted, each with why. One already gone (the
    stick was taken out) counts as deleted: nothing of it is left here. Both faces' Finish use it."""
    stuck = []
    for path in map(Path, paths):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            stuck.append((path, exc.strerror or str(exc)))
    return stuck


def delete(paths: list[Path]) -> str:
    """Delete the patron's files; a sentence saying what was deleted and what could not be."""
    failed = {path for path, _why in remove(paths)}
    gone = [path.name for path in paths if path not in failed]
    stuck = [path.name for path in paths if path in failed]
    words = []
    if gone:
        words.append(f"Deleted {', '.join(gone)} from {paths[0].parent}.")
    if stuck:
        words.append(f"Could not delete {', '.join(stuck)} from {paths[0].parent}: please ask the librarian "
                     "to delete them.")
    return " ".join(words)


def leftover_warning(folder: Path | None) -> str:
    """The welcome screen's warning when the export folder is not empty, or ''."""
    names = leftovers(folder)
    if not names:
        return ""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    files = "1 file" if len(names) == 1 else f"{len(names)} files"
    return (f"Warning: the folder for saved files, {folder}, already holds {files} ({shown}), perhaps left "
            f"by the person before you. Please ask the librarian to delete {'it' if len(names) == 1 else 'them'} "
            "before you start.")
