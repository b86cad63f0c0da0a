"""OS keyring adapter (service `ydm`): the store's data key, the SMTP password, lookup API keys.

Imported lazily: `ydm letter` and `ydm deadline` never load keyring.
"""

from __future__ import annotations

SERVICE = "ydm"


def get_secret(name: str) -> str | None:
    import keyring

    return keyring.get_password(SERVICE, name)


def set_secret(name: str, value: str) -> None:
    import keyring

    keyring.set_password(SERVICE, name, value)


def delete_secret(name: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, name)
    except PasswordDeleteError:
        pass


def keyring_available() -> bool:
    """Whether a real keyring backend exists (not keyring's fail/null backend or an empty chain).

    The store uses this to choose between the OS keyring and a passphrase; it never falls back to
    plain text.
    """
    import keyring
    from keyring.backends import chainer, fail, null

    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring config means "no keyring", not a crash
        return False
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


def keyring_name() -> str:
    """The keyring backend's name, for `ydm store info` (no secrets)."""
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"
