"""Every folder ydm makes is 0700, whatever the umask (issue 18 item 9): under umask 000 the cache
folders used to come out world-writable, among them the compiled-template cache ydm loads code from."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ydm.cli import main

ROOT = Path(__file__).resolve().parents[1]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture
def umask_zero():
    before = os.umask(0)
    yield
    os.umask(before)


def _folders(under: Path) -> dict[str, int]:
    return {str(p.relative_to(under)): stat.S_IMODE(p.stat().st_mode) for p in [under, *under.rglob("*")]
            if p.is_dir()}


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022, 0o277])
def test_every_folder_ydm_makes_is_the_users_only(isolated_home, tmp_path, monkeypatch, capsys, umask):
    from ydm.adapters.http import Cache
    from ydm.letters.render import environment
    from ydm.model import Category, Organisation
    from ydm.orgs import user_contacts
    from ydm.tui import settings

    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    environment.cache_clear()  # the template cache folder is made when the environment is built
    before = os.umask(umask)
    try:
        assert main(["letter", "access", "--to", "libdems", "--me", ME, "--record"]) == 0  # store, template cache
        assert main(["letter", "access", "--to", "libdems", "--me", ME, "-o", f"{tmp_path}/new/letters/"]) == 0
        Cache().put("https://example.invalid/x", {"a": 1})
        user_contacts.save(Organisation(id="my-example", display_name="Example Ltd", category=Category.BROKER,
                                        email="dpo@example.invalid"))
        settings.save_theme("ydm-high-contrast")
    finally:
        os.umask(before)
        environment.cache_clear()
    capsys.readouterr()
    made = _folders(isolated_home)
    made.pop(".")  # YDM_HOME itself: the test made it
    made.update({f"out/{k}": v for k, v in _folders(tmp_path / "new").items()})
    assert {"data", "cache", "cache/templates", "cache/http", "config", "out/.", "out/letters"} <= set(made)
    assert {name: oct(mode) for name, mode in made.items() if mode != 0o700} == {}
