"""The librarian's `envelope` in session.toml (or `ydm session --envelope`): the patron's printed and
saved letters are laid out for that window envelope (fold marks read back from the PDF)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.letters.formats.test_envelopes import fold_marks
from ydm.errors import DataError, InputError
from ydm.session import takehome
from ydm.session.flow import Session, load_config

from .conftest import TODAY
from .test_session_core import BASE, answer_all


def test_session_toml_envelope_reaches_the_letters(isolated_home, tmp_path):
    cfg_dir = isolated_home / "config"
    cfg_dir.mkdir()
    (cfg_dir / "session.toml").write_text('envelope = "c5"\n')
    assert load_config().envelope == "c5"
    assert load_config(envelope="dl").envelope == "dl"  # the flag wins
    session = Session(load_config(export_dir=tmp_path), today=TODAY, lookup=lambda pc: None)
    answer_all(session, {**BASE, "goal": "know", "channel": "second-class"})
    _name, data = takehome.payload(session, "save-letters")
    first = PdfReader(io.BytesIO(data)).pages[0]
    assert fold_marks(first) == [(148.5, 5.0)]  # C5: A4 folded once

    (cfg_dir / "session.toml").write_text('envelope = "c4"\n')
    with pytest.raises(DataError, match="unknown envelope 'c4'"):
        load_config()
    with pytest.raises(InputError, match="unknown envelope"):
        load_config(envelope="b4")


def test_without_a_setting_letters_are_for_dl(isolated_home, tmp_path):
    session = Session(load_config(export_dir=tmp_path), today=TODAY, lookup=lambda pc: None)
    answer_all(session, {**BASE, "goal": "know", "channel": "second-class"})
    first = PdfReader(io.BytesIO(takehome.payload(session, "save-letters")[1])).pages[0]
    assert fold_marks(first) == [(105.0, 5.0), (148.5, 3.0), (210.0, 5.0)]
