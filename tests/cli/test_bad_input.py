"""Bad input never ends in a traceback: one `ydm: error:` line, the exit code of its kind, the store
untouched (issue 18, "never a traceback"). A table of cases, each run as a real `python -m ydm` over a
real store; the table grows with each class of bad input found.

Exit codes (ydm.errors): 2 input, 3 not found, 4 a data file, 5 the store or its key, 7 output.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import select
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.store.conftest import subprocess_env

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")
PASSPHRASE = "correct horse battery staple"
TODAY = "2026-11-26"


def _env(home: Path, mode: str, **extra: str) -> dict[str, str]:
    env = subprocess_env(YDM_HOME=str(home), YDM_TODAY=TODAY, YDM_TEST_KEYRING_FILE=str(home / "keyring.json"))
    env.pop("YDM_PASSPHRASE", None)
    if mode == "passphrase":
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        env["YDM_PASSPHRASE"] = PASSPHRASE
    env.update(extra)
    return env


def _ydm(home: Path, mode: str, argv, *, stdin: bytes | None = None, stdout=subprocess.PIPE, env=None):
    return subprocess.run([sys.executable, "-m", "ydm", *argv], input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, env={**_env(home, mode), **(env or {})}, cwd=home,
                          check=False, timeout=120)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two homes, each with a store holding one request: one keyed in the (test) keyring, one locked
    with a passphrase. Built once; every case checks it leaves its store as it found it."""
    homes = {}
    for mode in ("keyring", "passphrase"):
        home = tmp_path_factory.mktemp(f"home-{mode}")
        done = _ydm(home, mode, ["letter", "access", "--to", "libdems", "--me", ME, "--record",
                                 "--reference", "YDM-AAAAA"])
        assert done.returncode == 0, done.stderr
        homes[mode] = home
    return homes


def _digest(home: Path) -> str:
    data = home / "data"
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(data.glob("requests.db*")))).hexdigest()


def _export(**change) -> dict:
    """A valid one-request export, with `change` applied to its request (dotted keys reach inside)."""
    request = {"ref": "YDM-ABCDE", "kind": "access", "org_id": "libdems", "org_name": "Liberal Democrats",
               "channel": "email", "events": [{"kind": "sent", "on": "2026-11-01"}], "letter_text": "Dear DPO",
               "sender": {"name": "Alex Example", "email": "alex@example.org"}, "letters": []}
    for key, value in change.items():
        where = request
        *path, last = key.split(".")
        for part in path:
            where = where[part]
        where[last] = value
    return {"format": "ydm-requests", "version": 1, "exported": TODAY, "profile": None, "requests": [request]}


def _file(name: str, content: bytes | str):
    """A setup step: write `content` to `name` in the working folder (the store's home)."""
    def make(home: Path) -> Path:
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_bytes(content if isinstance(content, bytes) else content.encode())
        return home / name
    return make


@dataclass
class Case:
    id: str
    argv: list[str]
    code: int
    says: str  # in the one error line
    mode: str = "passphrase"
    stdin: bytes | None = None
    env: dict = field(default_factory=dict)
    setup: object = None
    stdout_to: str | None = None  # a path to send standard output to (e.g. /dev/full)


DEEP = "[" * 100_000 + "]" * 100_000
CASES = [
    # -- input that is not text ----------------------------------------------------------------
    Case("passphrase-not-utf8-in-env", ["requests", "list"], 2, "YDM_PASSPHRASE is not valid UTF-8",
         env={"YDM_PASSPHRASE": os.fsdecode(b"\xff\xfepass")}),
    Case("argument-not-utf8", ["letter", "access", "--to", "libdems", "--name", os.fsdecode(b"Al\xe9x"),
                               "--email", "a@example.org"], 2, "argument 6 is not valid UTF-8"),
    # -- the keyring failing in a way it does not document -----------------------------------------
    Case("keyring-backend-raises", ["requests", "list"], 5, "the OS keyring refused to give the store key (RuntimeError",
         mode="keyring", env={"PYTHON_KEYRING_BACKEND": "tests.store.keyring_backend.BrokenKeyring"}),
    Case("keyring-backend-raises-on-record", ["letter", "access", "--to", "libdems", "--me", ME, "--record"], 5,
         "the OS keyring refused", mode="keyring",
         env={"PYTHON_KEYRING_BACKEND": "tests.store.keyring_backend.BrokenKeyring"}),
    # -- imports: JSON that parses badly, and JSON that parses but is not what a person could type ------
    Case("import-nested-deeply", ["requests", "import", "--json", "deep.json"], 4, "nested too deeply",
         setup=_file("deep.json", DEEP)),
    Case("import-nested-deeply-stdin", ["requests", "import", "--json", "-"], 4, "nested too deeply",
         stdin=DEEP.encode()),
    Case("import-6000-digit-integer", ["requests", "import", "--json", "big.json"], 4, "cannot be read",
         setup=_file("big.json", '{"format": "ydm-requests", "version": ' + "7" * 6000 + "}")),
    Case("import-6000-digit-integer-deep-inside", ["requests", "import", "--json", "big.json"], 4, "cannot be read",
         setup=_file("big.json", json.dumps(_export()).replace('"2026-11-01"', "9" * 6000))),
    Case("import-sender-name-a-number", ["requests", "import", "--json", "x.json"], 4, "'name' must be text",
         setup=_file("x.json", json.dumps(_export(**{"sender.name": 5})))),
    Case("import-sender-email-a-list", ["requests", "import", "--json", "x.json"], 4, "'email' must be text",
         setup=_file("x.json", json.dumps(_export(**{"sender.email": ["a@b.org"]})))),
    Case("import-sender-address-a-number", ["requests", "import", "--json", "x.json"], 4, "'address' must be a list",
         setup=_file("x.json", json.dumps(_export(**{"sender.address": 12})))),
    Case("import-sender-name-too-long", ["requests", "import", "--json", "x.json"], 4, "too long",
         setup=_file("x.json", json.dumps(_export(**{"sender.name": "A" * 5000})))),
    Case("import-sender-email-not-an-address", ["requests", "import", "--json", "x.json"], 4,
         "is not an email address", setup=_file("x.json", json.dumps(_export(**{"sender.email": "nope"})))),
    Case("import-profile-name-a-number", ["requests", "import", "--json", "x.json"], 4, "'name' must be text",
         setup=_file("x.json", json.dumps({**_export(), "profile": {"name": 5}}))),
    Case("import-org-name-a-list", ["requests", "import", "--json", "x.json"], 4, '"org_name" is not text',
         setup=_file("x.json", json.dumps(_export(org_name=["x"])))),
    Case("import-event-note-a-record", ["requests", "import", "--json", "x.json"], 4, '"note" is not text',
         setup=_file("x.json", json.dumps(_export(events=[{"kind": "sent", "on": "2026-11-01", "note": {}}])))),
    Case("import-letter-text-a-number", ["requests", "import", "--json", "x.json"], 4, '"text" is not text',
         setup=_file("x.json", json.dumps(_export(letters=[{"kind": "reminder", "on": "2026-11-02", "text": 5}])))),
    Case("import-ref-with-a-line-break", ["requests", "import", "--json", "x.json"], 4, "is not a reference",
         setup=_file("x.json", json.dumps(_export(ref="YDM-A\r\nX-Evil: 1")))),
    Case("import-ref-a-path", ["requests", "import", "--json", "x.json"], 4, "is not a reference",
         setup=_file("x.json", json.dumps(_export(ref="../../etc/passwd")))),
    # -- inputs without end: every file ydm reads has a size limit ---------------------------------
    Case("text-file-dev-zero", ["letter", "access", "--to", "libdems", "--me", ME, "--text-file", "/dev/zero"], 4,
         "--text-file /dev/zero is too large"),
    Case("text-file-too-large", ["letter", "access", "--to", "libdems", "--me", ME, "--text-file", "big.txt"], 4,
         "is too large", setup=_file("big.txt", "words " * 400_000)),
    Case("profile-dev-zero", ["letter", "access", "--to", "libdems", "--me", "/dev/zero"], 4, "is too large"),
    Case("profile-nested-deeply", ["letter", "access", "--to", "libdems", "--me", "deep.toml"], 4,
         "is not a ydm profile", setup=_file("deep.toml", "a = " + DEEP)),
    Case("reply-dev-zero", ["replies", "add", "/dev/zero", "--ref", "YDM-AAAAA"], 4, "/dev/zero is too large"),
    Case("import-dev-zero", ["requests", "import", "--json", "/dev/zero"], 4, "is too large"),
    Case("my-contacts-nested-deeply", ["orgs", "libdems"], 4, "nested too deeply",
         setup=_file("data/my_contacts.toml", "a = " + DEEP)),
    Case("session-settings-nested-deeply", ["session", "--plain"], 4, "nested too deeply", stdin=b"",
         setup=_file("config/session.toml", "a = " + DEEP)),
    Case("smtp-settings-nested-deeply", ["send", "YDM-AAAAA", "--dry-run"], 4, "nested too deeply",
         setup=_file("config/smtp.toml", "a = " + DEEP)),
    Case("lookup-settings-nested-deeply", ["lookup", "SW1A 1AA"], 4, "nested too deeply",
         setup=_file("config/lookup.toml", "a = " + DEEP)),
    Case("smtp-settings-dev-zero-sized", ["send", "YDM-AAAAA", "--dry-run"], 4, "too large",
         setup=_file("config/smtp.toml", "# " + "x" * (2 << 20))),
    # -- numbers no clock can count to ----------------------------------------------------------------
    Case("session-timeout-infinite", ["session", "--plain", "--timeout", "1e309"], 2, "positive number of minutes",
         stdin=b""),
    Case("session-timeout-nan", ["session", "--plain", "--timeout", "nan"], 2, "positive number of minutes",
         stdin=b""),
    Case("session-timeout-in-settings-huge", ["session", "--plain"], 2, "positive number of minutes", stdin=b"",
         setup=_file("config/session.toml", "timeout = 1e300\n")),
    # -- standard output on a full device ------------------------------------------------------------
    Case("stdout-full-letter", ["letter", "access", "--to", "libdems", "--me", ME], 7,
         "cannot write to standard output: No space left on device", stdout_to="/dev/full"),
    Case("stdout-full-list", ["requests", "list"], 7, "cannot write to standard output", stdout_to="/dev/full"),
    Case("stdout-full-json", ["requests", "list", "--json"], 7, "cannot write to standard output",
         stdout_to="/dev/full"),
    Case("stdout-full-json-error", ["requests", "show", "YDM-ZZZZZ", "--json"], 3, "no request with reference",
         stdout_to="/dev/full"),
    Case("stdout-full-export", ["requests", "export", "--json", "-"], 7, "cannot write to standard output",
         stdout_to="/dev/full"),
    Case("stdout-full-deadline", ["deadline", "--received", "2026-01-31"], 7, "cannot write to standard output",
         stdout_to="/dev/full"),
    # -- references: one pattern everywhere ----------------------------------------------------------
    Case("reference-crlf-eml", ["letter", "access", "--to", "libdems", "--me", ME, "--reference",
                                "YDM-1\r\nBcc: x@evil.org", "--format", "eml", "-o", "x.eml"], 2, "is not a reference"),
    Case("reference-crlf-text", ["letter", "access", "--to", "libdems", "--me", ME, "--reference", "A\nB"], 2,
         "is not a reference"),
    Case("reference-path-to-folder", ["letter", "access", "--to", "libdems", "--me", ME, "--reference",
                                      "../../escaped", "-o", "out/"], 2, "is not a reference"),
    Case("reference-control-char", ["letter", "access", "--to", "libdems", "--me", ME, "--reference",
                                    "YDM-\x1b[31mRED"], 2, "is not a reference"),
    Case("reference-too-long", ["letter", "access", "--to", "libdems", "--me", ME, "--reference", "R" * 300], 2,
         "is not a reference"),
    Case("ref-crlf-requests-show", ["requests", "show", "YDM-A\r\nB"], 2, "is not a reference"),
    Case("ref-path-requests-mark", ["requests", "mark", "../x", "sent"], 2, "is not a reference"),
    # -- output onto ydm's own files or a device (issue 18 item 1) -----------------------------------
    Case("output-onto-the-store", ["letter", "access", "--to", "libdems", "--me", ME, "-o", "data/requests.db",
                                   "--force"], 7, "ydm's own folder"),
    Case("export-onto-the-store-wal", ["requests", "export", "--json", "data/requests.db-wal", "--force"], 7,
         "ydm's own folder"),
    Case("output-onto-dev-full", ["letter", "access", "--to", "libdems", "--me", ME, "-o", "/dev/full", "--force"],
         7, "not a regular file"),
    Case("session-export-dir-ydms-own", ["session", "--plain", "--export-dir", "data"], 7, "ydm's own folder",
         stdin=b""),
    Case("output-existing-no-force", ["requests", "export", "--ics", "old.ics"], 7, "add --force",
         setup=_file("old.ics", "keep me")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_error_line(stores, case):
    home = stores[case.mode]
    made = case.setup(home) if case.setup else None
    before = _digest(home)
    if case.stdout_to:
        with open(case.stdout_to, "wb") as sink:
            done = _ydm(home, case.mode, case.argv, stdin=case.stdin, stdout=sink, env=case.env)
    else:
        done = _ydm(home, case.mode, case.argv, stdin=case.stdin, env=case.env)
    if made is not None and made.parent.name in ("data", "config"):
        made.unlink()  # a settings file of the shared home: gone before the next case
    _check(done.returncode, done.stderr.decode("utf-8", "replace"), case)
    assert _digest(home) == before, "the store changed"
    if case.id == "output-existing-no-force":
        assert (home / "old.ics").read_text() == "keep me"


def _check(code: int, err: str, case: Case) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("ydm: error:")]
    assert len(errors) == 1 and err.rstrip("\n").splitlines()[-1] == errors[0], err
    assert case.says in errors[0], err
    assert code == case.code, err


# -- at a terminal: what a person types at the passphrase prompt ------------------------------------


def _at_terminal(home: Path, argv: list[str], keys: bytes) -> tuple[int, str]:
    """Run ydm in a real pseudo-terminal, type `keys` once it asks for the passphrase; exit code and
    everything it wrote to the terminal."""
    env = _env(home, "passphrase")
    env.pop("YDM_PASSPHRASE")
    pid, fd = pty.fork()
    if pid == 0:  # the child: ydm with the terminal as stdin, stdout, stderr and controlling tty
        os.chdir(home)
        os.execve(sys.executable, [sys.executable, "-m", "ydm", *argv], env)
    seen = b""
    typed = False
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child has gone
            break
        if not chunk:
            break
        seen += chunk
        if not typed and b"assphrase" in seen:
            os.write(fd, keys)
            typed = True
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.parametrize(("keys", "code", "says"), [
    (b"\x04", 2, "the input ended (Ctrl-D)"),
    (b"\xff\xfe\xfd\r", 2, "not valid UTF-8"),
], ids=["ctrl-d", "not-utf8"])
def test_what_is_typed_at_the_passphrase_prompt(stores, keys, code, says):
    home = stores["passphrase"]
    before = _digest(home)
    got, screen = _at_terminal(home, ["requests", "list"], keys)
    _check(got, screen, Case("terminal", [], code, says))
    assert _digest(home) == before
