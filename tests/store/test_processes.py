"""Real processes: a writer killed with SIGKILL mid-batch, two writers at once, the CLI in a child.

Child processes select the test keyring through the environment (see conftest.subprocess_env):
PYTHON_KEYRING_BACKEND=tests.store.keyring_backend.FileKeyring, YDM_TEST_KEYRING_FILE=<tmp file>,
PYTHONPATH=<repo root>. They never touch the developer's keyring.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest

from tests.store.conftest import subprocess_env
from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store.db import SqliteStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

BATCH = 25

WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from ydm.model import Event, EventKind, Request, RequestKind
    from ydm.store.db import SqliteStore
    s = SqliteStore(sys.argv[1])
    n = 0
    while True:
        batch = [Request(ref=f"YDM-{n + i:05d}", kind=RequestKind.ACCESS, org_id="reform-uk",
                         events=[Event(EventKind.DRAFTED, date(2026, 9, 1))], letter_text="x" * 4000)
                 for i in range(BATCH)]
        s.add_many(batch)
        n += BATCH
        print(n, flush=True)
""").replace("BATCH", str(BATCH))


def test_sigkill_mid_batch_leaves_a_consistent_store(tmp_path, keyring_file):
    path = tmp_path / "requests.db"
    SqliteStore(path).close()  # created (and its key kept) by the parent
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                             env=subprocess_env(), text=True)
    try:
        for _ in range(4):
            line = child.stdout.readline()
            assert line, "writer died early"
        time.sleep(0.003)  # somewhere inside the next batch
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with SqliteStore(path) as s:
        n = s.count()
        assert n >= 4 * BATCH and n % BATCH == 0  # whole batches only
        rows = s.list()
        assert len(rows) == n and all(r.events[0].kind is EventKind.DRAFTED for r in rows)
        assert s.get(rows[-1].ref).letter_text == "x" * 4000
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


MARKER = textwrap.dedent("""
    import sys, time, os
    from datetime import date
    from ydm.model import Event, EventKind, Request, RequestKind
    from ydm.store.db import SqliteStore
    path, who, go = sys.argv[1], sys.argv[2], sys.argv[3]
    s = SqliteStore(path)
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(30):
        s.add(Request(ref=f"YDM-{who}{i:04d}", kind=RequestKind.ACCESS, org_id="x",
                      events=[Event(EventKind.DRAFTED, date(2026, 9, 1))]))
        s.add_event("YDM-SHARE", Event(EventKind.ACKNOWLEDGED, date(2026, 9, 2), note=f"{who}{i}"))
    s.close()
""")


def test_two_processes_writing_at_once(tmp_path, keyring_file):
    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        s.add(Request(ref="YDM-SHARE", kind=RequestKind.ACCESS, org_id="x", events=[]))
    go = tmp_path / "go"
    kids = [subprocess.Popen([sys.executable, "-c", MARKER, str(path), who, str(go)], env=subprocess_env(),
                             stderr=subprocess.PIPE, text=True) for who in "AB"]
    time.sleep(0.5)
    go.write_text("go")
    for k in kids:
        _, err = k.communicate(timeout=120)
        assert k.returncode == 0, err
    with SqliteStore(path) as s:
        assert s.count() == 61
        notes = sorted(e.note for e in s.get("YDM-SHARE").events)
        assert notes == sorted([f"A{i}" for i in range(30)] + [f"B{i}" for i in range(30)])


def test_cli_in_a_child_process_uses_the_file_keyring(tmp_path, keyring_file, isolated_home):
    from ydm.store.db import open_store

    with open_store() as s:  # same YDM_HOME and keyring file as the child
        s.add(Request(ref="YDM-KIDS1", kind=RequestKind.ERASURE, org_id="reform-uk", org_name="Reform UK",
                      events=[Event(EventKind.SENT, date(2026, 9, 1))]))
    env = subprocess_env(YDM_TODAY="2026-10-20")
    out = subprocess.run([sys.executable, "-m", "ydm", "requests", "list", "--json"], check=False, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [r["ref"] for r in data["requests"]] == ["YDM-KIDS1"] and data["requests"][0]["overdue"] is True
    assert json.loads(keyring_file.read_text())  # the key is in the test keyring file


def test_cli_without_any_keyring_needs_a_passphrase(tmp_path, isolated_home):
    env = subprocess_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    out = subprocess.run([sys.executable, "-m", "ydm", "requests", "list"], check=False, env=env, capture_output=True,
                         text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode == 5 and out.stderr.startswith("ydm: error:") and "passphrase" in out.stderr
    assert "Traceback" not in out.stderr
    env["YDM_PASSPHRASE"] = "long enough passphrase"
    out = subprocess.run([sys.executable, "-m", "ydm", "store", "info", "--json"], check=False, env=env, capture_output=True,
                         text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["key_mode"] == "passphrase"


CREATOR = textwrap.dedent("""
    import sys, time, os
    from datetime import date
    from ydm.model import Event, EventKind, Request, RequestKind
    from ydm.store.db import SqliteStore
    path, who, go = sys.argv[1], sys.argv[2], sys.argv[3]
    while not os.path.exists(go):
        time.sleep(0.001)
    with SqliteStore(path) as s:
        s.add(Request(ref=f"YDM-{who}0000", kind=RequestKind.ACCESS, org_id="x",
                      events=[Event(EventKind.DRAFTED, date(2026, 9, 1))]))
""")


def test_four_processes_creating_the_store_at_once(tmp_path, keyring_file):
    # SQLite answers the switch to WAL with an immediate SQLITE_BUSY (no busy handler) while another
    # connection is opening the same new file; before store._enter_wal waited for it, two creators
    # started together failed about one run in four with "database is locked".
    path = tmp_path / "data" / "requests.db"
    go = tmp_path / "go"
    kids = [subprocess.Popen([sys.executable, "-c", CREATOR, str(path), who, str(go)], env=subprocess_env(),
                             stderr=subprocess.PIPE, text=True) for who in "ABCD"]
    time.sleep(0.8)
    go.write_text("go")
    for k in kids:
        _, err = k.communicate(timeout=120)
        assert k.returncode == 0, err
    with SqliteStore(path) as s:
        assert sorted(s.refs()) == ["YDM-A0000", "YDM-B0000", "YDM-C0000", "YDM-D0000"]
    assert len(json.loads(keyring_file.read_text())) == 1  # one key, no orphan


def test_a_store_held_by_another_program_is_reported_busy_not_damaged(tmp_path, monkeypatch):
    import ydm.store.db as store_module
    from ydm.errors import StoreError

    path = tmp_path / "requests.db"
    with SqliteStore(path) as s:
        s.add(Request(ref="YDM-HELD1", kind=RequestKind.ACCESS, org_id="x",
                      events=[Event(EventKind.DRAFTED, date(2026, 9, 1))]))
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.3)
    with pytest.raises(StoreError) as err:
        SqliteStore(path)
    assert "busy" in str(err.value) and "damaged" not in str(err.value)
    holder.execute("ROLLBACK")
    holder.close()
    assert path.read_bytes() == before
    with SqliteStore(path) as s:  # released: it opens, with the request intact
        assert s.refs() == ["YDM-HELD1"]


def test_switch_to_wal_waits_for_a_lock_that_is_released(tmp_path):
    import threading

    from ydm.store.db import _enter_wal

    path = tmp_path / "plain.db"
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.4, lambda: holder.execute("COMMIT"))
    release.start()
    opener = sqlite3.connect(str(path), isolation_level=None, timeout=0)  # no busy handler: only _enter_wal waits
    try:
        _enter_wal(opener)
        assert opener.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.join()
        opener.close()
        holder.close()
