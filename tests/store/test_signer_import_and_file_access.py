"""The store: who signed a request, permission problems told apart from damage, one passphrase rule for
new stores, plain-word import errors, API keys from the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date

import pytest

from ydm import tracker
from ydm.cli import main
from ydm.errors import DataError
from ydm.letters import render as letters
from ydm.model import Person
from ydm.orgs import contacts
from ydm.store.db import SqliteStore, open_store
from ydm.store.memory import MemoryStore
from ydm.tracker import backup as tracker_io

ALEX = Person(name="Alex Example", address=("12 Example Road", "Exampletown"), postcode="SW1A 1AA",
              email="alex@example.org")
BEA = Person(name="Bea Other", address=("3 Other Street", "Othertown"), postcode="LS1 1AA", email="bea@example.org")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture(params=["sqlite", "memory"])
def st(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


def _letter(person, org="libdems", on="2026-09-01"):
    return letters.render("access", person, contacts.load().get(org), today=date.fromisoformat(on))


# --- A3: the sender is a fact of the request -------------------------------------------------------


def test_a_recorded_request_keeps_who_signed_it(st):
    (r,) = tracker.record_letters([_letter(ALEX)], channel="email", store=st, today=date(2026, 9, 2))
    st.save_profile(BEA)  # the profile changes later (or was someone else's all along)
    assert st.get(r.ref).sender == ALEX
    assert st.list()[0].sender is None  # heads only: listing does not open the body


def test_sender_lives_in_the_encrypted_body_and_old_bodies_still_load(tmp_path):
    with SqliteStore(tmp_path / "s.db") as s:
        (r,) = tracker.record_letters([_letter(ALEX)], channel="email", store=s, today=date(2026, 9, 2))
        rid, token, head, body = s._row(s._conn, r.ref)
        assert "sender" not in s._open_json(head, b"requests/head|" + token)
        assert s._open_json(body, b"requests/body|" + token)["sender"]["name"] == "Alex Example"
        # A body written before ydm kept the sender: only the letter text.
        old = s._seal_json({"letter_text": "Dear DPO"}, b"requests/body|" + token, 1024)
        s._conn.execute("UPDATE requests SET body = ? WHERE id = ?", (old, rid))
        again = s.get(r.ref)
        assert again.sender is None and again.letter_text == "Dear DPO"
    raw = (tmp_path / "s.db").read_bytes()
    assert b"Alex Example" not in raw and b"alex@example.org" not in raw


def test_update_and_events_keep_the_sender(st):
    (r,) = tracker.record_letters([_letter(ALEX)], channel="email", store=st, today=date(2026, 9, 2))
    tracker.mark(st, r.ref, "sent", today=date(2026, 9, 3), on=date(2026, 9, 2))
    full = st.get(r.ref)
    st.update(full)
    assert st.get(r.ref).sender == ALEX


def test_next_letter_is_signed_by_the_request_sender_not_the_profile(st):
    (r,) = tracker.record_letters([_letter(ALEX)], channel="email", sent_on=date(2026, 9, 1), store=st,
                                  today=date(2026, 9, 2))
    st.save_profile(BEA)
    step = tracker.next_letter(st, r.ref, today=date(2026, 10, 20))
    assert step.kind.value == "reminder"
    assert "Alex Example" in step.letter.text and "Bea Other" not in step.letter.text


def test_export_carries_the_sender_losslessly(st, tmp_path):
    tracker.record_letters([_letter(ALEX)], channel="email", store=st, today=date(2026, 9, 2))
    exported = tracker_io.export_json(st, today=date(2026, 9, 2))
    assert exported["requests"][0]["sender"]["name"] == "Alex Example"
    with SqliteStore(tmp_path / "other.db") as other:
        tracker_io.import_json(other, json.loads(json.dumps(exported)))
        assert tracker_io.export_json(other, today=date(2026, 9, 2)) == exported


def test_import_cleans_invisible_characters_from_profile_and_sender(st, tmp_path):
    """An export is typed text too: the direction override that the forms strip (profile.clean_text)
    must not reach letters through `requests import`."""
    tracker.record_letters([_letter(ALEX)], channel="email", store=st, today=date(2026, 9, 2))
    st.save_profile(ALEX)
    data = json.loads(json.dumps(tracker_io.export_json(st, today=date(2026, 9, 2))))
    data["profile"]["name"] = "Alex \u202eelpmaxE"
    data["requests"][0]["sender"]["address"] = ["1 High\u200b Street"]
    with SqliteStore(tmp_path / "other.db") as other:
        tracker_io.import_json(other, data)
        assert other.load_profile().name == "Alex elpmaxE"
        (ref,) = other.refs()
        assert other.get(ref).sender.address == ("1 High Street",)


def _two_homes(capsys, monkeypatch, tmp_path, *, strip_senders: bool):
    """Alex records a letter and exports; Bea, with her own profile, imports Alex's export."""
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    monkeypatch.setenv("YDM_HOME", str(tmp_path / "alex"))
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "Alex Example", "--email",
                       "alex@example.org", "--record", "--sent", "2026-09-01")
    assert code == 0, err
    export = tmp_path / "alex.json"
    assert run(capsys, "requests", "export", "--json", str(export))[0] == 0
    if strip_senders:  # an export from before ydm kept the sender
        data = json.loads(export.read_text())
        for item in data["requests"]:
            item.pop("sender")
        export.write_text(json.dumps(data))
    monkeypatch.setenv("YDM_HOME", str(tmp_path / "bea"))
    with open_store() as s:
        s.save_profile(BEA)
    code, _, err = run(capsys, "requests", "import", "--json", str(export))
    assert code == 0, err
    ref = json.loads(export.read_text())["requests"][0]["ref"]
    return ref, err


@pytest.mark.parametrize("strip_senders", [False, True], ids=["export-with-senders", "old-export"])
def test_import_into_another_home_keeps_the_signer_and_warns(capsys, monkeypatch, tmp_path, strip_senders):
    ref, err = _two_homes(capsys, monkeypatch, tmp_path, strip_senders=strip_senders)
    assert "1 added" in err
    warning = [line for line in err.splitlines() if line.startswith("ydm: warning:")]
    assert len(warning) == 1 and "profile" in warning[0] and "stored profile is kept" in warning[0]
    with open_store() as s:
        assert s.load_profile() == BEA  # kept
    code, out, err = run(capsys, "requests", "next", ref)
    assert code == 0, err
    assert "Full name: Alex Example" in out and "Bea Other" not in out


def test_import_with_the_same_profile_does_not_warn(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        s.save_profile(ALEX)
        s.add_many([])
    export = tmp_path / "same.json"
    assert run(capsys, "requests", "export", "--json", str(export))[0] == 0
    code, _, err = run(capsys, "requests", "import", "--json", str(export))
    assert code == 0 and "warning" not in err


# --- B9: import errors in plain words --------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    ("", "is empty"),
    ("   \n", "is empty"),
    ('{"format": "ydm-requests",\n "version": 1,\n "requests": [}', "is not JSON (line 3"),
    ('{"format": "ydm-requests", "version": 1, "requests": [{"ref": "YDM-AAAAA", "org_id": "libdems"}]}',
     'request 1 (YDM-AAAAA) in this export is damaged: it has no "kind"'),
    ('{"format": "ydm-requests", "version": 1, "requests": [{"ref": "YDM-AAAAA", "kind": "access", '
     '"org_id": "x", "events": [{"kind": "sent"}]}]}', 'event 1, is damaged: it has no "on"'),
    ('{"format": "ydm-requests", "version": 1, "requests": [{"ref": "YDM-AAAAA", "kind": "cake", "org_id": "x"}]}',
     "\"kind\" is 'cake', not one of access"),
    ('{"format": "ydm-requests", "version": 1, "requests": [{"ref": "YDM-AAAAA", "kind": "access", '
     '"org_id": "x", "events": [{"kind": "sent", "on": "2026-02-30"}]}]}', "not a date (YYYY-MM-DD)"),
    ('{"format": "ydm-requests", "version": 1, "profile": {"email": "a@b.org"}, "requests": []}',
     'the profile in this export is damaged: it has no "name"'),
    ('[1, 2]', "not a ydm requests export"),
])
def test_import_errors_say_what_is_wrong(capsys, tmp_path, content, expected):
    path = tmp_path / "in.json"
    path.write_text(content)
    code, _, err = run(capsys, "requests", "import", "--json", str(path))
    assert code == 4
    assert err.startswith("ydm: error:") and err.count("\n") == 1, err
    assert expected in err, err
    for internal in ("KeyError", "Expecting value", "char ", "JSONDecodeError", "TypeError"):
        assert internal not in err
    with open_store() as s:
        assert s.count() == 0  # nothing written


def test_import_of_a_binary_file_is_plain(capsys, tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    code, _, err = run(capsys, "requests", "import", "--json", str(path))
    assert code == 4 and "not a text file" in err


def test_damaged_export_raises_before_any_write(st):
    data = {"format": "ydm-requests", "version": 1, "requests": [
        {"ref": "YDM-AAAAA", "kind": "access", "org_id": "libdems"},
        {"ref": "YDM-BBBBB", "org_id": "libdems"},
    ]}
    with pytest.raises(DataError, match='request 2 \\(YDM-BBBBB\\) in this export is damaged: it has no "kind"'):
        tracker_io.import_json(st, data)
    assert st.count() == 0


# --- B8: permissions are not damage -----------------------------------------------------------------


def _can_freeze() -> bool:
    return os.geteuid() != 0 or shutil.which("chattr") is not None


class _ReadOnly:
    """Make paths read-only for real: chattr +i as root (root ignores modes), chmod otherwise."""

    def __init__(self, *paths):
        self.paths = paths
        self.modes = {}

    def __enter__(self):
        for p in self.paths:
            if os.geteuid() == 0:
                if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode:
                    pytest.skip("chattr +i is not supported here")
            else:
                self.modes[p] = p.stat().st_mode
                p.chmod(0o500 if p.is_dir() else 0o400)
        return self

    def __exit__(self, *exc):
        for p in reversed(self.paths):
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(p)], capture_output=True)
            else:
                p.chmod(self.modes[p])


@pytest.mark.skipif(not _can_freeze(), reason="no way to make a file read-only here")
def test_a_read_only_store_file_is_not_called_damaged(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    with open_store() as s:
        path = s.path
        s.save_profile(ALEX)
    with _ReadOnly(path):
        code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "A B", "--email", "a@b.org",
                           "--record")
    assert code == 5 and "damaged" not in err, err
    assert f"cannot write to the store at {path}" in err and "read-only" in err
    assert err.count("\n") == 1


@pytest.mark.skipif(not _can_freeze(), reason="no way to make a folder read-only here")
def test_a_store_in_a_read_only_folder_cannot_be_opened_plainly(capsys, monkeypatch):
    with open_store() as s:
        path = s.path
        s.save_profile(ALEX)
    for companion in path.parent.glob(path.name + "-*"):
        companion.unlink()  # a clean close: SQLite must create -wal and -shm to open it again
    with _ReadOnly(path.parent, path):
        code, _, err = run(capsys, "requests", "list")
    assert code == 5 and "damaged" not in err, err
    assert f"the store at {path}" in err and ("read-only" in err or "permission" in err)


def test_a_damaged_store_is_still_called_damaged(capsys):
    with open_store() as s:
        path = s.path
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)  # the schema page, after the header
    path.write_bytes(bytes(data))
    code, _, err = run(capsys, "requests", "list")
    assert code == 5 and "damaged" in err and "permission" not in err


# --- B13: one passphrase rule for new stores ------------------------------------------------------


def test_a_new_store_refuses_a_short_passphrase_from_the_environment(capsys, monkeypatch, no_keyring):
    monkeypatch.setenv("YDM_TODAY", "2026-10-20")
    monkeypatch.setenv("YDM_PASSPHRASE", "abc")
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "A B", "--email", "a@b.org",
                         "--record")
    assert code == 2 and "at least 8 characters" in err and "YDM_PASSPHRASE" in err
    assert out == ""  # nothing printed: the letter was not recorded
    monkeypatch.setenv("YDM_PASSPHRASE", "abcdefgh")
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "A B", "--email", "a@b.org",
                       "--record")
    assert code == 0, err


def test_rekey_to_a_short_new_passphrase_is_refused(capsys, monkeypatch):
    with open_store() as s:
        s.save_profile(ALEX)
    monkeypatch.setenv("YDM_NEW_PASSPHRASE", "short")
    code, _, err = run(capsys, "store", "rekey", "--passphrase")
    assert code == 2 and "at least 8 characters" in err
    with open_store() as s:
        assert s.key_mode == "keyring" and s.load_profile() == ALEX


def test_an_existing_store_with_a_short_passphrase_still_opens(capsys, monkeypatch, no_keyring):
    from ydm.store import crypto

    monkeypatch.setenv("YDM_PASSPHRASE", "abc")
    with pytest.MonkeyPatch.context() as before_the_rule:  # a store made before the rule
        before_the_rule.setattr(crypto, "MIN_PASSPHRASE", 1)
        with open_store() as s:
            s.save_profile(ALEX)
    assert crypto.MIN_PASSPHRASE == 8
    code, _, err = run(capsys, "requests", "list")
    assert code == 0, err


# --- B12: lookup API keys from the environment ---------------------------------------------------


def test_lookup_keys_come_from_the_environment_without_a_keyring(capsys, monkeypatch, no_keyring):
    from ydm.adapters import lookup

    assert lookup.api_key("democracy-club") is None
    monkeypatch.setenv("YDM_DEMOCRACY_CLUB_KEY", "dc-key-123")
    monkeypatch.setenv("YDM_ELECTORAL_COMMISSION_KEY", "ec-key-456")
    assert lookup.api_key("democracy-club") == "dc-key-123"
    assert lookup.api_key("electoral-commission") == "ec-key-456"
    code, out, _ = run(capsys, "config", "show", "--json")
    assert code == 0 and json.loads(out)["keys_set"] == {"democracy-club": True, "electoral-commission": True}


def test_the_environment_key_wins_over_the_keyring(monkeypatch, keyring_memory):
    from ydm.adapters import lookup
    from ydm.adapters.secrets import set_secret

    set_secret(lookup.key_name("democracy-club"), "from-keyring")
    assert lookup.api_key("democracy-club") == "from-keyring"
    monkeypatch.setenv("YDM_DEMOCRACY_CLUB_KEY", "from-env")
    assert lookup.api_key("democracy-club") == "from-env"


def test_set_key_without_a_keyring_names_the_variable(capsys, monkeypatch, no_keyring):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("KEY123\n"))
    code, _, err = run(capsys, "config", "set-key", "democracy-club")
    assert code == 5 and "YDM_DEMOCRACY_CLUB_KEY" in err and err.count("\n") == 1
