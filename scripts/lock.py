"""Write the hash-pinned locks: requirements-test.lock (what the tests run on) and requirements.lock (ydm
alone, and what builds it), run by `make lock` (issue 18 item 11).

pyproject.toml gives lower bounds only, so a new release, or a compromised one, would be installed
unnoticed. Each lock pins every package to one version and to the sha256 of the file pip chose, so
`pip install --require-hashes -r requirements-test.lock` installs exactly those bytes or nothing.

The resolving is pip's own (`pip install --dry-run --ignore-installed --report`), from whatever index
pip is set up with (an offline mirror works). By default it keeps the versions installed in the
Python that runs it (the .venv the tests passed in: the tested set); `--upgrade` takes the newest
versions pyproject.toml allows instead (then run the tests before committing the lock). The runtime
lock is resolved within the test lock's versions, so the two never disagree. pip picks the files for this machine: the locks are for the
platform and Python they were made on (the header says which); `make lock` makes them for another.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_LOCK = ROOT / "requirements-test.lock"
RUNTIME_LOCK = ROOT / "requirements.lock"
# What builds ydm itself (`pip install --no-deps --no-build-isolation -e .`): pyproject's build backend,
# and what it needs for an editable install.
BUILD = ["hatchling>=1.25", "editables>=0.3"]


def resolve(requirements: list[str], constraints: Path | None = None) -> list[tuple[str, str, str]]:
    """(name, version, sha256) of every package pip would install for `requirements`, ydm itself left out."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed",
                   "--report", str(report), *requirements]
        if constraints is not None:
            command += ["--constraint", str(constraints)]
        subprocess.run(command, check=True, cwd=ROOT)
        data = json.loads(report.read_text())
    rows = []
    for item in data["install"]:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        info = item["download_info"]
        if info.get("dir_info") is not None:  # ydm itself (-e .): installed with --no-deps after the lock
            continue
        digest = (info.get("archive_info") or {}).get("hashes", {}).get("sha256")
        if not digest:
            raise SystemExit(f"lock: pip gave no sha256 for {name} {version} ({info.get('url')})")
        rows.append((_canonical(name), version, digest))
    return sorted(rows)


def _canonical(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def write(path: Path, rows: list[tuple[str, str, str]], what: str) -> None:
    head = [
        f"# {what}",
        "# Every package pinned to a version and to the sha256 of its file: written by `make lock`",
        "# (scripts/lock.py), never by hand.",
        f"# Made on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}: the files (and hashes) are this platform's.",
        f"# Install: pip install --require-hashes -r {path.name} && pip install --no-deps "
        "--no-build-isolation -e .",
        "",
    ]
    body = [f"{name}=={version} \\\n    --hash=sha256:{digest}" for name, version, digest in rows]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def installed(tmp: Path) -> Path:
    """The versions installed here (ydm, pip and setuptools aside) as a constraints file."""
    out = subprocess.run([sys.executable, "-m", "pip", "list", "--format=freeze", "--exclude-editable"],
                         check=True, capture_output=True, text=True).stdout
    keep = [line for line in out.splitlines()
            if "==" in line and _canonical(line.split("==")[0]) not in ("ydm", "pip", "setuptools")]
    path = tmp / "installed.txt"
    path.write_text("\n".join(keep) + "\n")
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        constraints = None if "--upgrade" in sys.argv[1:] else installed(Path(tmp))
        tested = resolve(["-e", ".[test,serve]", *BUILD], constraints)
    write(TEST_LOCK, tested, "The tested set: ydm's runtime, test and serve dependencies and what builds it "
          "(make install-test, CI).")
    with tempfile.TemporaryDirectory() as tmp:
        pins = Path(tmp) / "pins.txt"
        pins.write_text("".join(f"{name}=={version}\n" for name, version, _ in tested))
        runtime = resolve(["-e", ".", *BUILD], constraints=pins)
    write(RUNTIME_LOCK, runtime, "ydm's runtime dependencies and its build backend, at the tested versions "
          "(make install).")
    print(f"lock: {TEST_LOCK.name}: {len(tested)} packages; {RUNTIME_LOCK.name}: {len(runtime)} packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
