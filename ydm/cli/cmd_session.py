"""`ydm session [--plain] [--printer P] [--timeout MIN] [--export-dir DIR] [--check]`: the guided session.

For a librarian helping a patron. Nothing the patron types is written to disk; everything is wiped
on Finish, after MIN minutes without a key press, and on exit. At a terminal the session runs under
a small parent (`session_guard`) that resets and clears the terminal even after kill -9. Settings
can also live in session.toml in the config folder (printer, timeout, export_dir, envelope); flags
win over the file.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "session",
        help="guided session for library patrons (nothing is kept)",
        description="A guided session, one plain question at a time, for a librarian helping a patron. "
        "Nothing the patron types is saved; everything is wiped on Finish, on inactivity and on exit. "
        "Defaults come from session.toml in the config folder (keys: printer, timeout, export_dir, envelope).",
    )
    p.add_argument("--plain", action="store_true",
                   help="plain numbered prompts on stdin/stdout (for screen readers and braille displays)")
    p.add_argument("--printer", metavar="NAME", help="print letters with 'lp -d NAME'")
    p.add_argument("--timeout", metavar="MIN", type=float,
                   help="minutes without a key press before everything is wiped (default 10)")
    p.add_argument("--export-dir", metavar="DIR", help="folder (e.g. a USB stick) where patrons may save files")
    p.add_argument("--envelope", choices=("dl", "c5"),
                   help="the window envelopes the letters are printed for (default dl: A4 folded in three)")
    p.add_argument("--check", action="store_true",
                   help="print a checklist of this computer's settings that decide what a patron leaves behind "
                   "(print spool, export folder, terminal scrollback, browser), then stop")
    p.set_defaults(run=run)


def run(args) -> int:
    from ydm import clock
    from ydm.session.flow import Session, load_config

    if args.check:
        return _check(args)
    config = load_config(printer=args.printer, timeout_min=args.timeout, export_dir=args.export_dir,
                         envelope=args.envelope)  # checked here, so a bad setting is said before any child runs
    if config.export_dir is not None:  # never ydm's own folder, never a file (ydm.cli.targets)
        from ydm.cli.targets import check_folder

        check_folder(args, config.export_dir)
    from ydm.cli import session_guard

    if session_guard.wanted():  # at a terminal: a parent that restores and clears it whatever happens
        return session_guard.run_guarded(session_guard.child_argv(args))
    if args.plain:
        from ydm.cli.plain_session import run_plain

        return run_plain(Session(config, today=clock.today))
    from ydm.tui.session_app import run as run_app

    return run_app(config, today=clock.today)  # YDM_TODAY pins the date, as everywhere


def _check(args) -> int:
    """`--check`: the checklist, always (a setting that is wrong is one more item on it); exit 0."""
    from ydm.cli import output
    from ydm.errors import YdmError
    from ydm.session import computer
    from ydm.session.config import load_config

    found: list[computer.Check] = []
    folder = None
    try:
        folder = load_config(printer=args.printer, timeout_min=args.timeout, export_dir=args.export_dir,
                             envelope=args.envelope).export_dir
    except YdmError as exc:
        found.append(computer.Check("fix", "Session settings", exc.message, "correct session.toml or the options"))
    checks = computer.checklist(folder)
    if found:  # the settings could not be read: what the export folder is, is not known either
        checks = [c for c in checks if c.topic != "Export folder"]
    output.out(computer.text(found + checks))
    return 0
