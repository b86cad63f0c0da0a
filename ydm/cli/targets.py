"""Where a command may write the person's output (`-o`, `requests export --ics/--json`, `report -o`).

One check for every command that writes a file (ydm.fileio.check_output): never onto ydm's own
files (the store, its -wal and -shm, settings, caches, the --me profile), never onto a device, a
folder or a pipe, and never over an existing file unless `--force` (a script) or a yes at a terminal.
Everything is checked before anything is written or recorded.
"""

from __future__ import annotations

from pathlib import Path


def add_force(parser) -> None:
    """The `--force` flag of a command that writes output files."""
    parser.add_argument("--force", action="store_true",
                        help="replace an output file that exists already (at a terminal ydm asks instead)")


def _own_files(args) -> tuple[Path, ...]:
    from ydm import paths  # not ydm.store: a letter's output loads no store code

    store = paths.store_file()
    mine = [store, *(store.with_name(store.name + end) for end in ("-wal", "-shm", "-journal"))]
    if getattr(args, "me", None):
        mine.append(Path(args.me))
    return tuple(mine)


def check_targets(args, targets) -> None:
    """Raise OutputError (exit 7) when any of `targets` may not be written; ask (or need --force)
    before replacing files that exist. Nothing has been written when this returns or raises."""
    from ydm.cli import output
    from ydm.errors import OutputError
    from ydm.fileio import check_output

    own = _own_files(args)
    existing = [Path(t) for t in dict.fromkeys(targets) if check_output(Path(t), own=own)]
    if not existing or getattr(args, "force", False):
        return
    names = ", ".join(str(p) for p in existing[:3]) + (f" and {len(existing) - 3} more" if len(existing) > 3 else "")
    if not output.interactive():
        raise OutputError(f"{names} exists already: nothing was written (add --force to replace it)")
    if not output.confirm(f"{names} exists already. Replace it? [y/N] "):
        raise OutputError(f"{names} exists already: nothing was written")


def check_folder(args, folder: Path) -> None:
    """An output folder (`-o DIR/`): not one of ydm's own, and a folder if it exists."""
    from ydm.errors import OutputError
    from ydm.fileio import check_output

    folder = Path(folder)
    if folder.is_dir():
        try:
            check_output(folder / ".ydm-output-check", own=())
        except OutputError:
            raise OutputError(f"refusing to write in {folder}: it is ydm's own folder or inside it "
                              "(the request store, settings and caches live there); choose another place") from None
    elif folder.exists():
        raise OutputError(f"cannot write in {folder}: it is not a folder")
    else:
        check_output(folder, own=_own_files(args))
