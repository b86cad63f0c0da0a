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
