"""The only place the CLI writes: stdout for results, stderr for errors and warnings."""

from __future__ import annotations

import json
import sys


def out(text: str = "") -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def out_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"ydm: warning: {text}\n")


def error(text: str) -> None:
    sys.stderr.write(f"ydm: error: {text}\n")


def out_raw(text: str) -> None:
    """Write text exactly as given (a letter already ends with its own newline)."""
    sys.stdout.write(text)


def note(text: str) -> None:
    """A progress line for the person (e.g. 'wrote letters/x.pdf'); stderr keeps stdout pipeable."""
    sys.stderr.write(text + "\n")


def ask(prompt: str) -> str:
    """Ask one question on stderr (stdout stays clean for results) and read a line; EOF gives ""."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    return line.rstrip("\r\n")
