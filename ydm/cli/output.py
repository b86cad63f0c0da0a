"""The only place the CLI writes: stdout for results, stderr for errors and warnings."""

from __future__ import annotations

import json
import sys


def out(text: str = "") -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def out_json(obj) -> None:
    """Indented at a terminal; one compact line in a pipe (json's C encoder: 10,000 requests in
    a fraction of the time the indenting pure-Python encoder needs)."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(obj, indent=indent, ensure_ascii=False, default=str) + "\n")


def out_json_items(head: dict, key: str, items) -> None:
    """`out_json({**head, key: list(items)})`, the same bytes; in a pipe written item by item, so a
    listing of 100,000 requests is never one string of 40 MB (at a terminal it is indented: whole)."""
    if sys.stdout.isatty():
        out_json({**head, key: list(items)})
        return
    dumps, write = json.dumps, sys.stdout.write
    write(dumps(head, ensure_ascii=False, default=str)[:-1] + (", " if head else "") + dumps(key) + ": [")
    for n, item in enumerate(items):
        write((", " if n else "") + dumps(item, ensure_ascii=False, default=str))
    write("]}\n")


def warn(text: str) -> None:
    sys.stderr.write(f"ydm: warning: {text}\n")


def error(text: str) -> None:
    sys.stderr.write(f"ydm: error: {text}\n")


def out_raw(text: str) -> None:
    """Write text exactly as given (a letter already ends with its own newline)."""
    sys.stdout.write(text)


def terminal_control(sequence: str) -> bool:
    """Escape codes for the terminal itself (clear the screen and scrollback, reset its modes), sent
    only when stdout is a terminal: a pipe, a file or a screen reader's log never gets them."""
    try:
        if not sys.stdout.isatty():
            return False
        sys.stdout.write(sequence)
        sys.stdout.flush()
    except (OSError, ValueError):  # the window was closed under us
        return False
    return True


def note(text: str) -> None:
    """A progress line for the person (e.g. 'wrote letters/x.pdf'); stderr keeps stdout pipeable."""
    sys.stderr.write(text + "\n")


def ask(prompt: str) -> str:
    """Ask one question on stderr (stdout stays clean for results) and read a line; EOF gives ""."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def interactive() -> bool:
    """Both ends are a terminal: a person can be asked."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def confirm(prompt: str) -> bool:
    """Ask a yes/no question at a terminal; anywhere else the answer is no (scripts pass --yes)."""
    return interactive() and ask(prompt).strip().lower() in ("y", "yes")


def out_bytes(data) -> None:
    """Write bytes to stdout as they are (a calendar or export sent to `-`): one `bytes`, or an iterable
    of them written as they come (a calendar event by event, never all of it in memory at once)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    for chunk in (data,) if isinstance(data, bytes | bytearray) else data:
        if buffer is None:  # a text-only stdout (tests capturing into StringIO): the data is UTF-8 text
            sys.stdout.write(chunk.decode("utf-8"))
        else:
            buffer.write(chunk)
    if buffer is not None:
        buffer.flush()


def read_stdin() -> str:
    """All of standard input as text (a file named `-` on the command line)."""
    return sys.stdin.read()


def read_stdin_bytes(limit: int) -> bytes:
    """Standard input as bytes, at most `limit` + 1 of them (the caller says when there were too many)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stdin (tests feeding a StringIO)
        return sys.stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    return buffer.read(limit + 1)


def prompt(text: str) -> None:
    """Tell the person what to type next (on stderr, as a plain line: not a warning, not a result)."""
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()
