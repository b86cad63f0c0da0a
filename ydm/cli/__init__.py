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
    import sys

    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=words[0] if words else "")
    _Parser.json_error = _json_flag(words)
    args = parser.parse_args(argv)
    try:
        if not args.command:
            return _run_tui()
        return args.run(args) or 0
    except YdmError as exc:
        output.error(str(exc))
        if getattr(args, "json", None) is True:  # a switch, not `--json FILE`
            from ydm import porcelain

            output.out_json(porcelain.error(exc.message, code=exc.exit_code, hint=exc.hint,
                                            kind=type(exc).__name__.removesuffix("Error").lower()))
        return exc.exit_code
    except KeyboardInterrupt:
        output.error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
