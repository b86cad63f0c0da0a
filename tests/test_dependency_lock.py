"""The hash-pinned locks hold the tested set (issue 18 item 11): every package of ydm's dependencies
pinned to one version and one file's sha256, the runtime lock within the test lock, and the set the
tests run on is the locked one (CI installs it with --require-hashes, so a release that is not the
locked file cannot slip in)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = re.compile(r"^([a-z0-9-]+)==([^\s\\]+) \\\n    --hash=sha256:([0-9a-f]{64})$", re.M)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock(name: str) -> dict[str, tuple[str, str]]:
    text = (ROOT / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()
    entries = {m[1]: (m[2], m[3]) for m in ENTRY.finditer(body)}
    assert len(entries) == body.count("==") and entries, f"{name}: an entry without its hash"
    return entries


def _direct(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_canonical(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in specs}


def test_every_dependency_is_pinned_with_a_hash():
    tested, runtime = lock("requirements-test.lock"), lock("requirements.lock")
    assert _direct() | {"hatchling", "editables"} <= set(runtime)
    assert _direct() | _direct("test") | _direct("serve") <= set(tested)
    assert {name: tested.get(name) for name in runtime} == runtime  # same versions, same files


def test_the_tests_run_on_the_locked_set():
    installed = {_canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    tested = lock("requirements-test.lock")
    assert {name: installed.get(name) for name in tested} == {name: v for name, (v, _) in tested.items()}


def test_the_installs_use_the_locks():
    makefile = (ROOT / "Makefile").read_text()
    for name in ("requirements.lock", "requirements-test.lock"):
        assert f"pip install --quiet --require-hashes -r {name}" in makefile
    assert makefile.count("pip install --quiet --no-deps --no-build-isolation -e .") == 2
    assert "lock:" in makefile and "scripts/lock.py" in makefile
