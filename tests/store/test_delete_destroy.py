"""Removing things for good: `ydm requests delete` and `ydm store destroy`, with real files, a real
keyring file shared with a child process, and a real pseudo-terminal for the confirmation."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from tests.store.conftest import subprocess_env
from ydm.cli import main
from ydm.model import Event, EventKind, Person, Request, RequestKind
from ydm.store.db import SqliteStore, default_path, open_store


def _request(ref: str, org: str = "reform-uk") -> Request:
    return Request(ref=ref, kind=RequestKind.ACCESS, org_id=org, org_name=org.title(),
                   events=[Event(EventKind.SENT, date(2026, 9, 1))], letter_text="Dear DPO, " + ref)


def _files_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _pieces(blob: bytes) -> list[bytes]:
    """24-byte pieces of a ciphertext at spread offsets: a record longer than a page is split over
    overflow pages (each begins with a 4-byte pointer), so one slice may straddle a page boundary."""
    blob = bytes(blob)
    return [blob[i:i + 24] for i in range(8, len(blob) - 24, 512)]


def test_delete_leaves_no_copy_of_the_encrypted_record_in_the_db_or_wal(tmp_path):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        s.add_many([_request("YDM-KEEP1"), _request("YDM-GONE1")])
        kept, gone = sqlite3.connect(str(path)).execute("SELECT head, body FROM requests ORDER BY id").fetchall()
        present = _files_bytes(path)
        assert all(any(x in present for x in _pieces(b)) for b in gone)  # the test can see them while present
        s.delete("YDM-GONE1")
        kept_row = s.get("YDM-KEEP1")
    left = _files_bytes(path)
    assert all(any(x in left for x in _pieces(b)) for b in kept)  # the kept request's head and body
    assert not any(x in left for b in gone for x in _pieces(b))  # nothing of the deleted one
    with SqliteStore(path) as s:
        assert s.refs() == ["YDM-KEEP1"] and s.get("YDM-KEEP1") == kept_row


@pytest.fixture
def two(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        s.add_many([_request("YDM-AAAAA"), _request("YDM-BBBBB", "libdems")])


def test_requests_delete_checks_every_reference_first(two, capsys):
    code, _, err = run(capsys, "requests", "delete", "YDM-AAAAA", "YDM-NOPE1", "--yes")
    assert code == 3 and "YDM-NOPE1" in err and err.startswith("ydm: error:")
    with open_store() as s:
        assert sorted(s.refs()) == ["YDM-AAAAA", "YDM-BBBBB"]  # the good one was not deleted either


def test_requests_delete_without_a_terminal_needs_yes(two, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))  # not a terminal: never read as consent
    code, out, err = run(capsys, "requests", "delete", "YDM-AAAAA")
    assert code == 2 and "add --yes" in err and "Traceback" not in err
    code, out, err = run(capsys, "requests", "delete", "ydm-aaaaa", "--yes")
    assert code == 0 and "deleted YDM-AAAAA" in err
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert [r["ref"] for r in json.loads(out)["requests"]] == ["YDM-BBBBB"]


def test_requests_delete_answer_no_at_a_terminal_keeps_it(two, capsys, monkeypatch):
    from ydm.cli import output

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("no\n"))
    code, _, err = run(capsys, "requests", "delete", "YDM-BBBBB")
    assert code == 2 and "nothing deleted" in err and "does not withdraw" in err.replace("\n", " ")
    with open_store() as s:
        assert "YDM-BBBBB" in s.refs()


def test_store_destroy_removes_store_backups_key_and_cache_without_the_key(two, capsys, keyring_memory,
                                                                           isolated_home):
    path = default_path()
    backup = path.with_name(path.name + ".v1-20260101T000000Z.bak")
    backup.write_bytes(path.read_bytes())
    cache = isolated_home / "cache" / "http"
    cache.mkdir(parents=True)
    (cache / "x.json").write_text("{}")
    own = path.parent / "my_contacts.toml"
    own.write_text("# mine\n")
    assert len(keyring_memory.items) == 1
    keyring_memory.items.clear()  # a lost key: destroy must still work
    code, _, err = run(capsys, "store", "destroy", "--yes")
    assert code == 0, err
    assert not path.exists() and not backup.exists() and not (isolated_home / "cache").exists()
    assert not list(path.parent.glob("requests.db*"))
    assert own.exists() and "kept" in err and str(own) in err
    code, _, err = run(capsys, "store", "destroy", "--yes")
    assert code == 3 and "nothing to remove" in err


def test_store_destroy_refuses_a_file_that_is_not_a_store(capsys, isolated_home):
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"my thesis, not a database" * 10)
    code, _, err = run(capsys, "store", "destroy", "--yes")
    assert code == 5 and "not a ydm store" in err
    assert path.read_bytes().startswith(b"my thesis")


def test_store_destroy_at_a_real_terminal_asks_and_removes_the_keyring_key(tmp_path, keyring_file):
    with open_store() as s:
        s.save_profile(Person(name="Zebedee Quartermaine", address=("7 Quiet Lane",), postcode="SW1A 1AA"))
    assert len(json.loads(keyring_file.read_text())) == 1
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "ydm", "store", "destroy"], env=subprocess_env(),
                             stdin=follower, stderr=follower, stdout=subprocess.PIPE)
    os.close(follower)
    seen = b""
    end = time.monotonic() + 60
    while b"Type yes" not in seen and time.monotonic() < end:  # a bound, not a timing assertion
        if select.select([leader], [], [], 0.5)[0]:
            seen += os.read(leader, 4096)
    os.write(leader, b"yes\n")
    child.wait(timeout=60)
    while select.select([leader], [], [], 0.2)[0]:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    text = seen.decode(errors="replace")
    assert child.returncode == 0, text
    assert "cannot be undone" in text and "removed the store's key from the OS keyring" in text
    assert not default_path().exists()
    assert json.loads(keyring_file.read_text()) == {}
