"""Every command that writes an output file refuses ydm's own files (the store and its -wal/-shm, the
settings, the --me profile, also through a link), anything that is not a regular file, and replaces an
existing file only with --force (a script) or a yes at a terminal (issue 18 item 1). Exit 7, one line."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import sys
from datetime import date
from pathlib import Path

import pytest

from ydm.cli import main
from ydm.model import Channel, Event, EventKind, Person, Request, RequestKind
from ydm.store.db import default_path, open_store

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")
LETTER = ["letter", "access", "--to", "libdems", "--me", ME]


@pytest.fixture
def store(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    with open_store() as s:
        s.save_profile(Person(name="Alex Example", email="alex@example.org"))
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="libdems", org_name="Liberal Democrats",
                      channel=Channel.EMAIL, events=[Event(EventKind.SENT, date(2026, 9, 1))],
                      letter_text="Dear DPO"))
    return default_path()


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err


def digest(path: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))).hexdigest()


# Each command that writes a file, with the flag that names it.
WRITERS = {
    "letter": lambda target: [*LETTER, "-o", target],
    "letter-pdf": lambda target: [*LETTER, "--format", "pdf", "-o", target],
    "requests-next": lambda target: ["requests", "next", "YDM-AAAAA", "-o", target],
    "export-json": lambda target: ["requests", "export", "--json", target],
    "export-ics": lambda target: ["requests", "export", "--ics", target],
    "report": lambda target: ["report", "-o", target],
}


def _own_files(store: Path, tmp_path: Path) -> dict[str, Path]:
    """ydm's own files, each as a target; a hard and a symbolic link to the store from elsewhere."""
    with open_store() as s:  # the WAL companions exist while a store is open; make them stay visible
        s.list()
    (store.parent / "requests.db-wal").touch()
    (store.parent / "requests.db-shm").touch()
    config = store.parent.parent / "config"
    config.mkdir(exist_ok=True)
    (config / "smtp.toml").write_text("host = 'x'\n")
    os.link(store, tmp_path / "hard.db")
    os.symlink(store, tmp_path / "soft.db")
    return {"store": store, "wal": store.parent / "requests.db-wal", "shm": store.parent / "requests.db-shm",
            "settings": config / "smtp.toml", "new-file-in-data": store.parent / "new-file",
            "hard-link": tmp_path / "hard.db", "symlink": tmp_path / "soft.db"}


@pytest.mark.parametrize("writer", WRITERS)
def test_no_command_writes_onto_ydms_own_files(store, tmp_path, capsys, writer):
    for name, target in _own_files(store, tmp_path).items():
        before = digest(store)
        kept = target.read_bytes() if target.exists() else None
        code, err = run(capsys, *WRITERS[writer](target), "--force")
        assert code == 7 and err.startswith("ydm: error: refusing to write"), (name, err)
        assert digest(store) == before, name
        assert (target.read_bytes() if target.exists() else None) == kept, name


def test_the_profile_given_with_me_is_not_overwritten(store, tmp_path, capsys):
    profile = tmp_path / "me.toml"
    profile.write_bytes(Path(ME).read_bytes())
    code, err = run(capsys, "letter", "access", "--to", "libdems", "--me", profile, "-o", profile, "--force")
    assert code == 7 and "which ydm reads" in err and profile.read_bytes() == Path(ME).read_bytes()


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("target", ["/dev/full", "/dev/null", "FOLDER", "FIFO"])
def test_nothing_but_a_regular_file_is_replaced(store, tmp_path, capsys, writer, target):
    if target == "FOLDER":
        target = tmp_path / "a-folder"
        target.mkdir()
    elif target == "FIFO":
        target = tmp_path / "a-pipe"
        os.mkfifo(target)
    mode = os.stat(target).st_mode
    code, err = run(capsys, *WRITERS[writer](target), "--force")
    if writer.startswith("letter") and Path(target).is_dir():  # -o FOLDER writes one file per letter in it
        assert code == 0 and len(list(Path(target).iterdir())) == 1
        return
    assert code == 7 and err.startswith("ydm: error: refusing to write"), err
    assert os.stat(target).st_mode == mode  # still the device, folder or pipe it was


@pytest.mark.parametrize("writer", WRITERS)
def test_an_existing_file_is_replaced_only_with_force(store, tmp_path, capsys, writer):
    target = tmp_path / ("old.pdf" if writer == "letter-pdf" else "old.md")
    target.write_text("keep me")
    code, err = run(capsys, *WRITERS[writer](target))
    assert code == 7 and "exists already: nothing was written (add --force" in err and target.read_text() == "keep me"
    code, err = run(capsys, *WRITERS[writer](target), "--force")
    assert code == 0 and target.read_bytes() != b"keep me", err


def test_a_refused_output_records_nothing(store, tmp_path, capsys):
    target = tmp_path / "letter.txt"
    target.write_text("keep me")
    before = digest(store)
    code, err = run(capsys, *LETTER, "--record", "-o", target)
    assert code == 7 and "add --force" in err and "recorded" not in err
    assert digest(store) == before and target.read_text() == "keep me"


def test_a_file_in_an_output_folder_is_not_replaced_silently(store, tmp_path, capsys):
    folder = tmp_path / "letters"
    code, _ = run(capsys, *LETTER, "--reference", "MY-REF-1", "-o", f"{folder}/")
    [first] = folder.iterdir()
    first.write_text("my edited copy")
    code, err = run(capsys, *LETTER, "--reference", "MY-REF-1", "-o", f"{folder}/")
    assert code == 7 and "add --force" in err and first.read_text() == "my edited copy"


def test_an_output_folder_inside_ydms_own_is_refused(store, capsys):
    code, err = run(capsys, *LETTER, "-o", f"{store.parent}/letters/")
    assert code == 7 and "ydm's own folder" in err and not (store.parent / "letters").exists()
    code, err = run(capsys, *LETTER, "-o", f"{store.parent}/")
    assert code == 7 and "ydm's own folder" in err


def _at_terminal(argv: list[str], answer: bytes) -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "ydm", *argv], dict(os.environ))
    seen, typed = b"", False
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not typed and b"[y/N]" in seen:
            os.write(fd, answer)
            typed = True
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


@pytest.mark.parametrize(("answer", "replaced"), [(b"y\r", True), (b"\r", False), (b"no\r", False)])
def test_at_a_terminal_ydm_asks_before_replacing(tmp_path, monkeypatch, answer, replaced):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    target = tmp_path / "letter.txt"
    target.write_text("keep me")
    code, screen = _at_terminal([*LETTER, "-o", str(target)], answer)
    assert "Traceback" not in screen and "exists already. Replace it? [y/N]" in screen
    assert (target.read_text() != "keep me") is replaced
    assert code == (0 if replaced else 7), screen
