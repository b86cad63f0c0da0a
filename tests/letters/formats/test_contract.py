"""The contract with `ydm letter --format text|md|pdf|eml`: importlib + render(letter) -> bytes."""

from __future__ import annotations

import email
import email.policy
import importlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ydm.cli import main

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", ["text", "markdown", "pdf", "eml"])
def test_every_format_module_renders_bytes(name, letter):
    data = importlib.import_module(f"ydm.letters.formats.{name}").render(letter)
    assert isinstance(data, bytes) and data


def test_ydm_letter_writes_each_format(tmp_path, capsys):
    me = REPO / "examples" / "me.toml"
    for fmt, ext in (("pdf", "pdf"), ("eml", "eml"), ("md", "md")):
        out = tmp_path / fmt
        assert main(["letter", "access", "--to", "libdems", "--to", "snp", "--me", str(me), "--format", fmt,
                     "-o", str(out) + "/"]) == 0
        files = sorted(out.glob(f"*.{ext}"))
        assert len(files) == 2, files
        data = files[0].read_bytes()
        if fmt == "pdf":
            assert "Reference: YDM-" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
        elif fmt == "eml":
            msg = email.message_from_bytes(data, policy=email.policy.default)
            assert "YDM-" in str(msg["Subject"]) and msg["To"]
        else:
            assert data.decode("utf-8").startswith("# ")
    capsys.readouterr()


def test_ydm_letter_combined_pdf(tmp_path, capsys):
    me = REPO / "examples" / "me.toml"
    out = tmp_path / "all.pdf"
    assert main(["letter", "access", "--to", "libdems", "--to", "snp", "--me", str(me), "--format", "pdf",
                 "-o", str(out)]) == 0
    reader = PdfReader(out)
    starts = [p for p in reader.pages if "Reference: YDM-" in p.extract_text()]
    assert len(starts) == 2
    capsys.readouterr()
