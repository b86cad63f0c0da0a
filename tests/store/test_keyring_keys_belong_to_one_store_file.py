"""A keyring store's key belongs to its own file: destroying a copy never takes the key the original
needs, a copy once opened has a key of its own, and a rekey killed half way leaves no key behind in the
keyring once the store is next opened. Real files copied with shutil, a file-backed keyring shared with
a real child process that dies with os._exit (no clean-up runs, as with SIGKILL)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from datetime import date

from tests.store.conftest import subprocess_env
from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store.db import SqliteStore
from ydm.store.destroy import destroy


def _entries(keyring_file) -> set[str]:
    if not keyring_file.exists():
        return set()
    return {k for k in json.loads(keyring_file.read_text()) if "store-key-" in k}


def _make(path) -> None:
    with SqliteStore(path) as s:
        s.add(Request(ref="YDM-ORIG1", kind=RequestKind.ACCESS, org_id="labour",
                      events=[Event(EventKind.DRAFTED, date(2026, 11, 2))], letter_text="Dear DPO\n"))


def test_destroying_a_copy_never_opened_keeps_the_originals_key(tmp_path, keyring_file):
    original, copy = tmp_path / "a" / "requests.db", tmp_path / "b" / "requests.db"
    _make(original)
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    done = destroy(copy)
    assert not copy.exists() and not done.key_removed and "copy" in done.key_problem
    with SqliteStore(original) as s:  # the original still opens: its key is in the keyring
        assert s.get("YDM-ORIG1").letter_text == "Dear DPO\n"
    assert len(_entries(keyring_file)) == 1


def test_a_copy_once_opened_has_its_own_key_and_each_destroy_removes_only_its_own(tmp_path, keyring_file):
    original, copy = tmp_path / "a" / "requests.db", tmp_path / "b" / "requests.db"
    _make(original)
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    with SqliteStore(copy) as s:  # opened as a copy: it gets its own entry
        assert s.refs() == ["YDM-ORIG1"]
    assert len(_entries(keyring_file)) == 2
    with SqliteStore(copy) as s:  # and keeps it (no new entry at every open)
        s.get("YDM-ORIG1")
    assert len(_entries(keyring_file)) == 2
    done = destroy(copy)
    assert done.key_removed and not done.key_problem
    assert len(_entries(keyring_file)) == 1
    with SqliteStore(original) as s:
        assert s.refs() == ["YDM-ORIG1"]
    assert destroy(original).key_removed and _entries(keyring_file) == set()


def test_a_renamed_store_is_the_same_store(tmp_path, keyring_file):
    original, moved = tmp_path / "requests.db", tmp_path / "moved.db"
    _make(original)
    original.rename(moved)
    with SqliteStore(moved) as s:
        assert s.refs() == ["YDM-ORIG1"]
    assert len(_entries(keyring_file)) == 1  # no second entry for a rename
    assert destroy(moved).key_removed and _entries(keyring_file) == set()


KILLED_REKEY = textwrap.dedent("""
    import os, sys
    from ydm.store import crypto
    from ydm.store.db import SqliteStore
    from ydm.store.rekey import rekey
    real = crypto.new_envelope
    def then_die(*a, **k):
        real(*a, **k)      # the new key is in the keyring now ...
        os._exit(9)        # ... and the process dies before its transaction (no clean-up runs)
    crypto.new_envelope = then_die
    rekey(SqliteStore(sys.argv[1]))
""")


def test_a_rekey_killed_after_making_its_key_leaves_no_orphan_after_the_next_open(tmp_path, keyring_file):
    path = tmp_path / "requests.db"
    _make(path)
    before = _entries(keyring_file)
    child = subprocess.run([sys.executable, "-c", KILLED_REKEY, str(path)], env=subprocess_env(), timeout=60,
                           capture_output=True, text=True)
    assert child.returncode == 9, child.stderr
    assert len(_entries(keyring_file)) == 2  # the orphan the killed rekey made
    with SqliteStore(path) as s:  # the old key still opens it, and the orphan is deleted
        assert s.refs() == ["YDM-ORIG1"]
    assert _entries(keyring_file) == before
    assert destroy(path).key_removed and _entries(keyring_file) == set()
