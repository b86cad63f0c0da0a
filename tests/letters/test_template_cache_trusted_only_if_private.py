"""The compiled-template cache runs as ydm's code, so it is loaded only when no one else could have
written it (issue 18 item 9): an entry in a folder open to others, an entry others may write, or a
folder that is someone else's is never loaded; the letter is compiled from its template instead."""

from __future__ import annotations

import marshal
import os
import pickle
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from ydm import paths
from ydm.letters.render import environment

TAMPERED = "TAMPERED: this text came from a planted cache entry"


def _render() -> str:
    environment.cache_clear()  # as a new ydm process would: the cache is read when templates load
    try:
        return environment().get_template("access.txt.j2").render()
    except Exception as exc:  # noqa: BLE001 - the real template needs values; a planted one does not
        return f"(compiled from the template: {type(exc).__name__})"
    finally:
        environment.cache_clear()


def _plant(folder: Path) -> Path:
    """Replace the cached access template with code that prints TAMPERED, keeping its checksum so
    jinja2 takes it for the right entry: what someone who can write the folder could do."""
    _render()  # fills the cache
    env = environment()
    [entry] = [p for p in folder.glob("*.cache")
               if _checksum(p) == env.bytecode_cache.get_source_checksum(
                   env.loader.get_source(env, "access.txt.j2")[0])]
    code = env.compile(TAMPERED, "access.txt.j2", "access.txt.j2")
    entry.write_bytes(bc_magic + pickle.dumps(_checksum(entry), 2) + marshal.dumps(code))
    environment.cache_clear()
    return entry


def _checksum(path: Path) -> str:
    with open(path, "rb") as handle:
        handle.read(len(bc_magic))
        return pickle.load(handle)


@pytest.fixture
def cache_folder():
    environment.cache_clear()
    yield paths.cache_dir() / "templates"
    environment.cache_clear()


def test_a_private_entry_is_used(cache_folder):
    """The control: an entry the user alone wrote is loaded (so the refusals below are the checks')."""
    _plant(cache_folder)
    assert _render() == TAMPERED


def test_an_entry_in_a_folder_open_to_others_is_not_loaded(cache_folder):
    entry = _plant(cache_folder)
    os.chmod(cache_folder, 0o777)  # as umask 000 made it; anyone could have put the entry there
    assert TAMPERED not in _render()
    assert oct(cache_folder.stat().st_mode & 0o777) == "0o700"  # closed again, and emptied
    assert not entry.exists() or TAMPERED.encode() not in entry.read_bytes()


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_an_entry_others_may_write_is_not_loaded(cache_folder, mode):
    entry = _plant(cache_folder)
    os.chmod(entry, mode)
    assert TAMPERED not in _render()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_or_folder_owned_by_someone_else_is_not_loaded(cache_folder):
    entry = _plant(cache_folder)
    os.chown(entry, 12345, 12345)
    os.chmod(entry, 0o600)
    assert TAMPERED not in _render()
    entry = _plant(cache_folder)
    os.chown(cache_folder, 12345, 12345)
    assert TAMPERED not in _render()
    assert environment().bytecode_cache is None  # someone else's folder: no cache at all


def test_a_linked_entry_is_not_followed(cache_folder, tmp_path):
    entry = _plant(cache_folder)
    elsewhere = tmp_path / "planted.cache"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert TAMPERED not in _render()


def test_entries_are_written_for_the_user_only_whatever_the_umask(cache_folder):
    before = os.umask(0)
    try:
        _render()
    finally:
        os.umask(before)
    entries = list(cache_folder.glob("*.cache"))
    assert entries and {oct(p.stat().st_mode & 0o777) for p in entries} == {"0o600"}
