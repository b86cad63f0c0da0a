"""Where ydm keeps things, and where it finds the files it ships.

User folders come from platformdirs; `YDM_HOME` puts all of them under one folder (tests, portable
use). Shipped data (letter templates, the organisations file) lives in `ydm/_data/` inside a wheel;
in a checkout or editable install that folder does not exist, so we fall back to the repo root.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ydm"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _home_override() -> Path | None:
    value = os.environ.get("YDM_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The user's data folder (the request store, their own organisations)."""
    home = _home_override()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_file() -> Path:
    """The request store's default place (ydm.store.db opens it; the CLI's output guard keeps off it
    without loading the store)."""
    return data_dir() / "requests.db"


def config_dir() -> Path:
    """The user's config folder (SMTP settings, lookup base URLs, session settings)."""
    home = _home_override()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The cache folder (GOV.UK bank holidays, lookup answers): safe to delete."""
    home = _home_override()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def shipped(name: str) -> Path:
    """A file or folder shipped with ydm: `ydm/_data/<name>` in a wheel, else the repo root."""
    in_wheel = _PACKAGE_DIR / "_data" / name
    if in_wheel.exists():
        return in_wheel
    return _PACKAGE_DIR.parent / name


def templates_dir() -> Path:
    return shipped("letter_templates")


def contacts_file() -> Path:
    return shipped("party_contacts.toml")


def user_contacts_file() -> Path:
    """Organisations the user added; same schema as party_contacts.toml, merged over it."""
    return data_dir() / "my_contacts.toml"
