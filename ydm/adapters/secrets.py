"""OS keyring adapter (service `ydm`): the store's data key, the SMTP password, lookup API keys.

Imported lazily: `ydm letter` and `ydm deadline` never load keyring.
"""

from __future__ import annotations

import os

SERVICE = "ydm"

# Secrets that may come from the environment instead of a keyring (servers, containers, machines
# without a keyring): the lookup API keys, as YDM_SMTP_PASSWORD does for the SMTP password. The
# variable wins over the keyring, so one run can use another key. Never for the store's own keys.
ENV_FALLBACK = {
    "democracy-club-api-key": "YDM_DEMOCRACY_CLUB_KEY",
    "electoral-commission-api-key": "YDM_ELECTORAL_COMMISSION_KEY",
}


def env_name(name: str) -> str | None:
    """The environment variable that can hold secret `name`, if any."""
    return ENV_FALLBACK.get(name)


def get_secret(name: str) -> str | None:
    """The secret from its environment variable (when it has one and it is set), else the keyring.
    Without a usable keyring a secret that has a variable is simply absent (None)."""
    variable = ENV_FALLBACK.get(name)
    if variable:
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    import keyring

    if not variable:
        return keyring.get_password(SERVICE, name)
    try:
        return keyring.get_password(SERVICE, name)
    except Exception:  # noqa: BLE001 - no usable keyring: the key is just not set
        return None


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
