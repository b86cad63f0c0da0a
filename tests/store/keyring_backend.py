"""Test keyring backends: never the developer's keyring.

- `MemoryKeyring`: in-process dict (the `keyring_memory` fixture installs it with keyring.set_keyring).
- `FileKeyring`: a JSON file named by `YDM_TEST_KEYRING_FILE`, for subprocess tests. A child process
  selects it with the environment:
      PYTHON_KEYRING_BACKEND=tests.store.keyring_backend.FileKeyring
      YDM_TEST_KEYRING_FILE=/tmp/.../keyring.json
      PYTHONPATH=<repo root>            (so `tests.store.keyring_backend` imports)
  (`subprocess_env()` in conftest.py builds exactly that.)
- For "no keyring at all", use keyring's own `keyring.backends.fail.Keyring`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def _path(self) -> Path:
        return Path(os.environ["YDM_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        try:
            return json.loads(self._path.read_text())
        except FileNotFoundError:
            return {}

    def _save(self, data: dict) -> None:
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self._path)

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)


class BrokenKeyring(KeyringBackend):
    """A backend that fails in a way keyring does not document (not a KeyringError): what a broken
    D-Bus or a buggy third-party backend does. For subprocess tests, like FileKeyring."""

    priority = 1

    def get_password(self, service, username):
        raise RuntimeError("the backend exploded")

    def set_password(self, service, username, password):
        raise RuntimeError("the backend exploded")

    def delete_password(self, service, username):
        raise RuntimeError("the backend exploded")
