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
