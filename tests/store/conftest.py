"""Store test fixtures: a test keyring (never the developer's), a fresh store, subprocess env."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest

from tests.store.keyring_backend import FileKeyring, MemoryKeyring

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def keyring_memory():
    """Every store test gets an empty in-memory keyring; the previous backend is restored after."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    """keyring's own 'fail' backend: what a machine without any keyring looks like."""
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    """A file-backed keyring shared with child processes (see `subprocess_env`)."""
    path = tmp_path / "keyring.json"
    monkeypatch.setenv("YDM_TEST_KEYRING_FILE", str(path))
    keyring.set_keyring(FileKeyring())
    return path


@pytest.fixture
def store(tmp_path):
    from ydm.store.db import SqliteStore

    s = SqliteStore(tmp_path / "store" / "requests.db")
    yield s
    s.close()


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a child `python -m ydm ...`: same YDM_HOME, the file keyring, repo on the path."""
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "tests.store.keyring_backend.FileKeyring"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env
