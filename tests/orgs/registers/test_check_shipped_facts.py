"""`scripts/build_contacts.py --check-register`: shipped facts compared with an imported register;
differences reported, nothing overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.orgs.registers.samples import ec_files, ico_row, ico_zip
from ydm import paths
from ydm.orgs import contacts
from ydm.orgs.registers import check, index

ROOT = Path(__file__).resolve().parents[3]


def _registers(tmp_path):
    rows = [ico_row("Z5909711", "Conservative and Unionist Party", postcode="ZZ9 9ZZ", end="2026-06-30")]
    index.build("ico", ico_zip(tmp_path, rows=rows), origin="test")
    index.build("ec", ec_files(tmp_path), origin="test")


def test_differences_are_listed(tmp_path):
    _registers(tmp_path)
    found = check.differences(contacts.load(), date(2026, 12, 4))
    assert any(line.startswith("conservatives: postcode") and "ZZ9 9ZZ" in line for line in found)
    assert "conservatives: registration Z5909711 lapsed on 2026-06-30 in the register" in found
    assert "labour: no ec number shipped; the register has PP53 'Labour Party'" in found
    assert "labour: ico number Z5487928 is not in the imported register" in found


def test_the_script_reports_and_changes_nothing(tmp_path):
    _registers(tmp_path)
    before = paths.contacts_file().read_bytes()
    env = {**os.environ, "YDM_TODAY": "2026-12-04", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_contacts.py"), "--check-register"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1 and "difference(s)" in done.stdout and "PP53" in done.stdout
    assert paths.contacts_file().read_bytes() == before
