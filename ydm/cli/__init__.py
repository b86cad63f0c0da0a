"""The `ydm` command line: parse, dispatch to one small command module, map errors to exit codes.

Each subcommand lives in `ydm/cli/cmd_<name>.py` with `register(subparsers)` and `run(args) -> int`.
Command modules import only argparse-level things at the top and load their work lazily, so that
`ydm letter` and `ydm deadline` never import Textual or requests.
"""

from __future__ import annotations

import argparse
import importlib

from ydm import __version__
from ydm.cli import output
from ydm.errors import YdmError

# Order here is the order in `ydm --help`.
COMMANDS = (
    "letter",
    "deadline",
    "requests",
    "orgs",
    "send",
    "lookup",
    "holidays",
    "session",
    "serve",
    "config",
    "store",
    "replies",
    "report",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors follow our one-line `ydm: error:` contract with exit code 2."""

    json_error = False  # set by `main` when --json asks for a JSON error object on stdout too

    def error(self, message: str):  # noqa: D102 - argparse API
        # One line, like every other error: the hint goes at its end, not on a line of its own.
        line = " ".join(message.split()) + f" (see '{self.prog} --help')"
        output.error(line)
        if _Parser.json_error:
            from ydm import porcelain

            output.out_json(porcelain.error(line, code=2, kind="usage"))
        raise SystemExit(2)


def _json_flag(argv: list[str]) -> bool:
    """`--json` as the switch (not `requests export --json FILE`, where it names a file)."""
    return "--json" in argv and not (argv[:1] == ["requests"] and ("export" in argv or "import" in argv))


def _command_modules(only: str | None = None):
    if only == "":  # `ydm` alone: the app, no subcommand to know
        return
    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            yield name, importlib.import_module(f"ydm.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ydm.cli.cmd_{name}":
                raise


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` a command's name, a parser that knows just that command: what
    `ydm letter …` parses with, so a one-shot command does not import (and register) the other twelve.
    Its usage lines and errors are the same, since a subcommand's parser does not see its siblings.
    `only=""`: none at all, for `ydm` with no arguments, which opens the app."""
    parser = _Parser(
        prog="ydm",
        description="Your Data Matters: find out, and limit, what parties, campaigners and data brokers hold about you.",
        epilog="Run 'ydm' with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"ydm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for _name, module in _command_modules(only):
        module.register(sub)
    return parser


def _run_tui() -> int:
    try:
        from ydm.tui.app import run  # local import: the CLI never loads Textual otherwise
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("ydm.tui"):
            raise
        build_parser().print_help()
        return 0
    return run() or 0


def main(argv: list[str] | None = None) -> int:
    """Run one command. Whatever happens, the person sees one `ydm: error:` line and an exit code
    (ydm.errors), never a traceback: see `_boundary` for the failures that come from outside ydm."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=argv[0] if argv else "")  # a one-shot command registers only its own
    _Parser.json_error = _json_flag(argv)
    args = None
    try:
        _check_text(argv)
        args = parser.parse_args(argv)
        if not args.command:
            return _run_tui()
        code = args.run(args) or 0
        sys.stdout.flush()  # a full disk behind stdout is found here, not after the exit code is chosen
        return code
    except YdmError as exc:
        output.error(str(exc))
        if args is not None and getattr(args, "json", None) is True:  # a switch, not `--json FILE`
            from ydm import porcelain

            try:
                output.out_json(porcelain.error(exc.message, code=exc.exit_code, hint=exc.hint,
                                                kind=type(exc).__name__.removesuffix("Error").lower()))
                sys.stdout.flush()
            except OSError:  # standard output is what failed: the line on stderr says so
                _stdout_gone()
        return exc.exit_code
    except KeyboardInterrupt:
        output.error("interrupted")
        return 130
    except BrokenPipeError:
        _stdout_gone()
        return 0
    except Exception as exc:  # noqa: BLE001 - only failures from outside ydm are turned into a line
        problem = _boundary(exc)
        if problem is None:
            raise
        if isinstance(exc, EOFError | UnicodeDecodeError) and sys.stderr.isatty():
            output.note("")  # the cursor is still on the prompt's line: the error gets its own
        output.error(problem.message)
        return problem.exit_code


def _check_text(argv: list[str]) -> None:
    """Arguments and passphrases that are not UTF-8 text (a stray byte from another encoding) are
    refused before anything runs: later they could not be written to a letter or the store."""
    import os

    from ydm.errors import InputError

    for number, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"argument {number} is not valid UTF-8 text (retype it, or check the terminal's "
                             "encoding)") from None
    for name in ("YDM_PASSPHRASE", "YDM_NEW_PASSPHRASE"):
        try:
            os.environ.get(name, "").encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{name} is not valid UTF-8 text; nothing was changed") from None


def _passed_through(exc: BaseException, modules: tuple[str, ...]) -> bool:
    """Whether the failure was raised in (or under) one of `modules`: where it came from decides
    whether it is the outside world's (a line for the person) or a bug in ydm (a traceback)."""
    import traceback

    return any(frame.f_globals.get("__name__", "").startswith(modules)
               for frame, _ in traceback.walk_tb(exc.__traceback__))


def _boundary(exc: BaseException) -> YdmError | None:
    """The error line for a failure from outside ydm's own code, or None for a bug (shown as one).

    Standard output that cannot be written (a full disk: exit 7, as for any output); input that ended
    at a prompt (Ctrl-D) or was not UTF-8; an OS keyring backend that failed in a way it does not
    document (reported here, at the CLI's edge, not guessed at inside the store)."""
    import sys

    from ydm.errors import InputError, OutputError, StoreError

    if _passed_through(exc, ("keyring", "ydm.adapters.secrets")):
        detail = " ".join(str(exc).split())[:160]
        return StoreError(f"the OS keyring failed ({type(exc).__name__}{': ' + detail if detail else ''}); "
                          "nothing was changed")
    if isinstance(exc, OSError) and _stdout_failed(exc, sys):
        _stdout_gone()
        return OutputError(f"cannot write to standard output: {exc.strerror or exc}")
    typed = _passed_through(exc, ("getpass", "ydm.cli.output"))  # a prompt, or standard input
    if isinstance(exc, EOFError) and typed:
        return InputError("the input ended (Ctrl-D) before an answer was typed; nothing was changed")
    if isinstance(exc, UnicodeDecodeError) and typed:
        return InputError("what was typed is not valid UTF-8 text (check the terminal's encoding); "
                          "nothing was changed")
    return None


def _stdout_failed(exc: OSError, sys) -> bool:
    import traceback

    frames = [frame for frame, _ in traceback.walk_tb(exc.__traceback__)]
    return bool(frames) and frames[-1].f_globals.get("__name__") == "ydm.cli.output" or _flush_fails(sys)


def _flush_fails(sys) -> bool:
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _stdout_gone() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail again
    (and print its 'Exception ignored' lines) on what could not be written."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
