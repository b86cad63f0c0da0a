"""`ydm requests import` stores a whole export or nothing: a failure part way, or a SIGKILL at any moment,
never leaves half of a file imported (which a second import would then "merge" into a muddle)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from tests.store.conftest import subprocess_env
from ydm.errors import StoreError
from ydm.model import Event, EventKind, Person, Request, RequestKind
from ydm.store.codec import StoredLetter
from ydm.store.db import SqliteStore
from ydm.tracker.backup import export_json, import_json

TODAY = date(2026, 11, 20)


def _export(tmp_path, n: int) -> dict:
    with SqliteStore(tmp_path / "source.db") as s:
        s.save_profile(Person(name="Ada Export", address=("1 Export Row", "Leeds"), postcode="LS1 1AA"))
        s.add_many([Request(ref=f"YDM-I{i:04d}", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                            events=[Event(EventKind.DRAFTED, date(2026, 9, 1)), Event(EventKind.SENT, date(2026, 9, 2))],
                            letter_text=f"Dear DPO, letter {i}\n" * 20) for i in range(n)])
        for i in range(0, n, 3):
            s.add_letter(f"YDM-I{i:04d}", StoredLetter(RequestKind.REMINDER, date(2026, 10, 9), "A reminder.\n", "r"))
        return export_json(s, today=TODAY)


def test_a_failure_part_way_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    data = _export(tmp_path, 12)
    with SqliteStore(tmp_path / "target.db") as s:
        s.add(Request(ref="YDM-KEPT1", kind=RequestKind.ERASURE, org_id="libdems", events=[Event(EventKind.DRAFTED, TODAY)]))
        calls = []
        real = SqliteStore.add_letter

        def failing(self, ref, letter, event=None):
            calls.append(ref)
            if len(calls) == 3:  # the disk fills, the machine sleeps: any failure after some writes
                raise StoreError("could not save to the store (disk full); nothing was changed")
            return real(self, ref, letter, event)

        monkeypatch.setattr(SqliteStore, "add_letter", failing)
        with pytest.raises(StoreError, match="disk full"):
            import_json(s, data)
        assert len(calls) == 3  # the import really had written requests before it failed
        monkeypatch.setattr(SqliteStore, "add_letter", real)
        assert s.refs() == ["YDM-KEPT1"] and s.load_profile() is None  # nothing of the export stayed
        result = import_json(s, data)  # and the whole file imports cleanly afterwards
        assert result.added == 12 and s.count() == 13 and s.load_profile().name == "Ada Export"
        assert len(s.letters("YDM-I0003")) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_import_leaves_all_of_the_file_or_none(tmp_path, keyring_file):
    export = tmp_path / "export.json"
    export.write_text(json.dumps(_export(tmp_path, 300)))
    outcomes = set()
    for delay in (0.05, 0.2, 0.35, 0.5, 0.6, 0.8, 1.0, 1.3, 1.7):  # before, during and after start-up
        home = tmp_path / f"home-{delay}"
        env = subprocess_env(YDM_HOME=str(home), YDM_TODAY=TODAY.isoformat())
        child = subprocess.Popen([sys.executable, "-m", "ydm", "requests", "import", "--json", str(export)], env=env,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        db = home / "data" / "requests.db"
        if not db.exists() or not db.stat().st_size:
            outcomes.add("no store yet")
            continue
        try:
            with SqliteStore(db) as s:
                n = s.count()
        except StoreError as exc:  # killed while the store itself was being created: nothing in it
            assert "no key record" in str(exc) or "damaged" not in str(exc), exc
            outcomes.add("store being made")
            continue
        assert n in (0, 300), f"killed after {delay} s: {n} of 300 requests imported"
        outcomes.add(n)
    assert 0 in outcomes or "no store yet" in outcomes or "store being made" in outcomes
