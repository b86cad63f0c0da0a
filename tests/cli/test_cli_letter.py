"""`ydm letter` and `ydm orgs`: output, files, batch targets and every bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ydm.cli import main

ROOT = Path(__file__).resolve().parents[2]
ME = str(ROOT / "examples" / "me.toml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_access_letter_to_libdems(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME)
    # The one note: the date of birth is left out of a letter to a party (issue 16 finding 10).
    assert code == 0 and err.startswith("left out of the letter: dob") and err.count("\n") == 1
    assert "Liberal Democrats" in out and "66 Buckingham Gate" in out and "data.protection@libdems.org.uk" in out
    assert "Alex Example" in out and "SW1A 1AA" in out and "26 November 2026" in out
    assert "SUBJECT ACCESS REQUEST" in out and "Subject: Subject access request (UK GDPR Article 15) - ref YDM-" in out


def test_person_from_flags(capsys):
    code, out, _ = run(capsys, "letter", "object-marketing", "--to", "reform-uk", "--name", "Zoë Example",
                       "--address", "1 High St, Anytown", "--postcode", "ls11aa", "--email", "zoe@example.org",
                       "--dob", "1990-01-31", "--other-name", "Zoe Smith", "--text", "I also want my canvass records.",
                       "--leave-out", "none")
    assert code == 0
    assert "Zoë Example" in out and "LS1 1AA" in out and "31 January 1990" in out and "Zoe Smith" in out
    assert "I also want my canvass records." in out


def test_batch_to_a_folder_writes_one_file_per_organisation(capsys, tmp_path):
    folder = tmp_path / "letters"
    code, _, err = run(capsys, "letter", "access", "--to", "elected-parties", "--in", "northern-ireland",
                       "--me", ME, "-o", str(folder) + "/")
    assert code == 0
    files = sorted(p.name for p in folder.iterdir())
    assert any(name.startswith("access-sinn-fein-YDM-") and name.endswith(".txt") for name in files)
    assert len(files) >= 5 and "wrote" in err
    assert "no address, email or web form is known for Sinn Féin" in err
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in folder.iterdir())


def test_category_batch_to_one_file(capsys, tmp_path):
    target = tmp_path / "brokers.txt"
    code, _, _ = run(capsys, "letter", "erasure", "--category", "broker", "--me", ME, "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0 and text.count("REQUEST TO ERASE PERSONAL DATA") >= 10 and "Experian" in text


def test_address_to_fills_the_gap(capsys):
    code, out, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--me", ME,
                         "--address-to", "Sinn Féin, 1 Example Street, Belfast, BT1 1AA")
    assert code == 0 and "BT1 1AA" in out and "ADDRESS NEEDED" not in out and err.startswith("left out of the letter: dob")


def test_orgs_search_and_json(capsys):
    code, out, _ = run(capsys, "orgs", "sinn", "fein")
    assert code == 0 and out.startswith("sinn-fein")
    code, out, _ = run(capsys, "orgs", "--category", "platform", "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1
    assert {o["id"] for o in data["organisations"]} >= {"meta", "google", "tiktok"}
    assert all(o["category"] == "platform" for o in data["organisations"])


@pytest.mark.parametrize("argv, code, message", [
    (["letter", "access", "--to", "labur", "--me", ME], 3, "unknown organisation 'labur' (did you mean labour"),
    (["letter", "acess", "--to", "libdems", "--me", ME], 2, "unknown letter kind 'acess'"),
    (["letter", "reminder", "--to", "libdems", "--me", ME], 2, "ydm requests next"),
    (["letter", "open-register", "--to", "libdems", "--name", "A B", "--email", "a@example.org"], 2,
     "address you are registered to vote at"),
    (["letter", "access", "--to", "libdems", "--name", "A B", "--email", "a@example.org", "--postcode", "XYZ"], 2,
     "'XYZ' is not a UK postcode"),
    (["letter", "access", "--to", "libdems", "--name", "A B", "--email", "not-an-email"], 2,
     "'not-an-email' is not an email address"),
    (["letter", "access", "--to", "libdems", "--me", "/nonexistent/me.toml"], 4, "does not exist"),
    (["letter", "access", "--to", "libdems", "--me", ME, "-o", "/nonexistent/dir/x.txt"], 7, "does not exist"),
    (["letter", "access", "--me", ME], 2, "no organisation chosen"),
    (["letter", "access", "--to", "elected-parties", "--me", ME], 2, "needs --in"),
    (["letter", "access", "--to", "all-parties", "--me", ME, "--address-to", "x"], 2, "one organisation at a time"),
    (["letter", "access", "--to", "libdems", "--me", ME, "--format", "pdf"], 2, "needs -o"),
    (["letter", "access", "--to", "libdems", "--name", "A B"], 2, "address or an email"),
    (["orgs", "--category", "shop"], 2, "unknown category 'shop'"),
])
def test_bad_input_is_one_clear_line(capsys, argv, code, message):
    got, out, err = run(capsys, *argv)
    assert got == code
    assert err.startswith("ydm: error:") and message in err, err
    assert out == ""


def test_unreadable_profile(capsys, tmp_path):
    broken = tmp_path / "me.toml"
    broken.write_text('name = "A\n', encoding="utf-8")
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", str(broken))
    assert code == 4 and "is not valid TOML" in err
    odd = tmp_path / "odd.toml"
    odd.write_text('name = "A B"\nemail = "a@example.org"\nshoe_size = 9\n', encoding="utf-8")
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", str(odd))
    assert code == 2 and "shoe_size" in err


def test_console_script_in_a_subprocess(tmp_path):
    env = {**os.environ, "YDM_HOME": str(tmp_path), "YDM_TODAY": "2026-11-26"}
    ydm = Path(sys.executable).parent / "ydm"
    done = subprocess.run([str(ydm), "letter", "access", "--to", "libdems", "--me", ME],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and "Liberal Democrats" in done.stdout and done.stderr.startswith("left out of the letter: dob")
    done = subprocess.run([sys.executable, "-m", "ydm", "letter", "access", "--to", "nobody", "--me", ME],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 3 and done.stderr.startswith("ydm: error: unknown organisation")
    assert "Traceback" not in done.stderr


def test_record_puts_every_letter_in_the_tracker(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--to", "labour",
                       "--me", ME, "--record", "--sent", "2026-11-20")
    assert code == 0 and "recorded 2 request(s)" in err
    # No address is known for Sinn Féin: sent by post only to the address the person gives (QA2 B6).
    code, _, err = run(capsys, "letter", "access", "--to", "sinn-fein", "--address-to", "1 Example Street, Belfast, BT1 1AA",
                       "--me", ME, "--record", "--sent", "2026-11-20")
    assert code == 0 and "recorded 1 request(s)" in err
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert code == 0
    rows = {row["org_id"]: row for row in json.loads(out)["requests"]}
    assert set(rows) == {"libdems", "labour", "sinn-fein"}
    from datetime import date

    from ydm.law import deadlines

    by_email = deadlines.compute_deadline("access", sent=date(2026, 11, 20), channel="email").due
    by_post = deadlines.compute_deadline("access", sent=date(2026, 11, 20), channel="first-class").due
    assert rows["libdems"]["channel"] == "email" and rows["libdems"]["due"] == by_email.isoformat()
    assert rows["sinn-fein"]["channel"] == "first-class" and rows["sinn-fein"]["due"] == by_post.isoformat()


def test_via_without_record_is_refused(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "--via", "email")
    assert code == 2 and "--via and --sent go with --record" in err


def test_in_narrows_a_batch_to_a_nation(capsys, tmp_path):
    folder = tmp_path / "wales"
    code, _, _ = run(capsys, "letter", "access", "--to", "all-parties", "--in", "wales", "--me", ME, "-o",
                     str(folder) + "/")
    names = " ".join(p.name for p in folder.iterdir())
    assert code == 0 and "plaid-cymru" in names and "labour" in names
    assert "sinn-fein" not in names and "snp" not in names and "alba" not in names


def test_output_extension_decides_the_format(capsys, tmp_path):
    target = tmp_path / "letter.pdf"
    code, _, _ = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", ME, "-o", str(target), "--format", "md")
    assert code == 2 and "looks like pdf, but --format is md" in err


def test_grounds_go_into_an_objection_to_processing(capsys):
    code, out, err = run(capsys, "letter", "object-processing", "--to", "reform-uk", "--me", ME,
                         "--grounds", "I work in a politically restricted post.")
    assert code == 0 and "My particular situation: I work in a politically restricted post." in out
    assert "stronger with your own reasons" not in err
    code, _, err = run(capsys, "letter", "object-processing", "--to", "reform-uk", "--me", ME)
    assert code == 0 and "stronger with your own reasons" in err
    code, _, err = run(capsys, "letter", "access", "--to", "reform-uk", "--me", ME, "--grounds", "x")
    assert code == 2 and "--grounds goes with object-processing" in err


def test_email_file_for_an_organisation_without_email_says_where_to_send(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--to", "tiktok", "--me", ME, "-o", str(tmp_path / "t.eml"))
    assert code == 0 and "no email address is known for TikTok" in err and "web form https://" in err


@pytest.mark.parametrize("argv, code, message", [
    (["letter", "open-register", "--to", "libdems", "--me", ME], 2, "goes to your electoral registration office"),
    (["letter", "access", "--to", "libdems", "--me", ME, "--dob", "1985-13-01"], 2, "date of birth '1985-13-01'"),
    (["letter", "access", "--to", "all-parties", "--in", "cornwall", "--me", ME], 2, "unknown nation 'cornwall'"),
    (["orgs", "zzzzzz"], 3, "no organisation matches 'zzzzzz'"),
    (["deadline", "--received", "9999-12-31"], 2, "outside the dates ydm counts"),
    (["deadline", "--received", "1900-01-01"], 2, "outside the dates ydm counts"),
])
def test_more_bad_input(capsys, argv, code, message):
    got, out, err = run(capsys, *argv)
    assert got == code and err.startswith("ydm: error:") and message in err, err
    assert "profile" not in err


@pytest.mark.parametrize("body, field", [
    ('name = 5\nemail = "a@example.org"\n', "'name' must be text"),
    ('name = "A B"\naddress = 5\n', "'address' must be text or a list of lines"),
    ('name = "A B"\nemail = ["a@example.org"]\n', "'email' must be text"),
    ('name = "A B"\npostcode = 12345\nemail = "a@example.org"\n', "'postcode' must be text"),
])
def test_wrongly_typed_profile_fields(capsys, tmp_path, body, field):
    profile = tmp_path / "p.toml"
    profile.write_text(body, encoding="utf-8")
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--me", str(profile))
    assert code == 2 and err.startswith(f"ydm: error: profile {profile}: {field}"), err


def test_pdf_warns_about_characters_it_cannot_show(capsys, tmp_path):
    target = tmp_path / "x.pdf"
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "Zoë 🙂 Example",
                       "--address", "1 Road, Town", "--postcode", "SW1A 1AA", "-o", str(target))
    assert code == 0 and target.exists()
    assert "cannot show these characters" in err and "U+1F642" in err
    code, _, err = run(capsys, "letter", "access", "--to", "libdems", "--name", "Zoë Example",
                       "--address", "1 Road, Town", "--postcode", "SW1A 1AA", "-o", str(tmp_path / "y.pdf"))
    assert code == 0 and "cannot show" not in err


def test_record_picks_the_channel_every_face_picks(capsys):
    """Meta takes a web form and post but no email: `--record` keeps first-class post, as the TUI's Send
    step offers first (ydm.service.channels.choose_channel), and email where an address is known."""
    code, _, _ = run(capsys, "letter", "access", "--to", "meta", "--to", "libdems", "--me", ME, "--record")
    assert code == 0
    code, out, _ = run(capsys, "requests", "list", "--json")
    channels = {r["org_id"]: r["channel"] for r in json.loads(out)["requests"]}
    assert channels == {"meta": "first-class", "libdems": "email"}
