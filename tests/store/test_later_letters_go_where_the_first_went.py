"""An address the person gave for a letter (`--address-to`, `--email-to`, or typed in the app for an
organisation with no postal address known) is kept with the request, encrypted, so that its reminder
and complaint go to the same place and never carry the "[ADDRESS NEEDED" placeholder; it survives an
export and import. Real SQLite store, `ydm.cli.main` in-process (issue 17 item 3)."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import date

from ydm import tracker
from ydm.cli import main
from ydm.letters.render import ADDRESS_PLACEHOLDER, render
from ydm.model import Person
from ydm.orgs import contacts
from ydm.service.channels import with_postal_address
from ydm.store.db import SqliteStore, open_store

PERSON_FLAGS = ("--name", "Alex Example", "--email", "alex@example.org", "--address", "1 Road, Town",
                "--postcode", "SW1A 1AA")
TYPED = "Data Protection Officer, 20 Brewer Street, Hull, HU1 2AB"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _recorded_ref(err: str) -> str:
    return err.split("recorded ")[1].split(":")[0]


def test_a_reminder_goes_to_the_postal_address_the_person_gave(capsys, monkeypatch, tmp_path):
    # Labour publishes no postal address: the first letter was posted to an address the person found.
    monkeypatch.setenv("YDM_TODAY", "2026-09-07")
    code, out, err = run(capsys, "letter", "access", "--to", "labour", *PERSON_FLAGS, "--address-to", TYPED,
                         "--format", "pdf", "-o", str(tmp_path / "first.pdf"), "--record", "--sent", "2026-09-07")
    assert code == 0, err
    ref = _recorded_ref(err)
    monkeypatch.setenv("YDM_TODAY", "2026-11-02")
    code, out, err = run(capsys, "requests", "next", ref)
    assert code == 0, err
    assert "REMINDER" in out.upper() and "20 Brewer Street" in out and "HU1 2AB" in out
    assert ADDRESS_PLACEHOLDER not in out


def test_an_email_address_the_person_gave_is_where_the_reminder_goes(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2026-09-07")
    code, _, err = run(capsys, "letter", "access", "--to", "reform-uk", *PERSON_FLAGS, "--email-to",
                       "privacy@reform.example", "--format", "eml", "-o", str(tmp_path / "first.eml"),
                       "--record", "--sent", "2026-09-07")
    assert code == 0, err
    ref = _recorded_ref(err)
    monkeypatch.setenv("YDM_TODAY", "2026-11-02")
    code, _, err = run(capsys, "requests", "next", ref, "-o", str(tmp_path / "reminder.eml"))
    assert code == 0, err
    message = email.message_from_bytes((tmp_path / "reminder.eml").read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "privacy@reform.example"


def test_the_given_address_is_kept_through_an_export_and_an_import(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2026-09-07")
    code, _, err = run(capsys, "letter", "access", "--to", "labour", *PERSON_FLAGS, "--address-to", TYPED,
                       "--record", "--sent", "2026-09-07", "--via", "first-class")
    assert code == 0, err
    ref = _recorded_ref(err)
    dump = tmp_path / "backup.json"
    assert run(capsys, "requests", "export", "--json", str(dump))[0] == 0
    exported = {r["ref"]: r for r in json.loads(dump.read_text())["requests"]}
    assert exported[ref]["address_to"] == ["Data Protection Officer", "20 Brewer Street", "Hull", "HU1 2AB"]

    monkeypatch.setenv("YDM_HOME", str(tmp_path / "another-computer"))  # a new store, its own key
    code, _, err = run(capsys, "requests", "import", "--json", str(dump))
    assert code == 0, err
    with open_store() as s:
        assert s.get(ref).address_to == ("Data Protection Officer", "20 Brewer Street", "Hull", "HU1 2AB")


def test_an_import_with_a_damaged_address_is_refused_with_what_is_wrong(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2026-09-07")
    dump = tmp_path / "bad.json"
    dump.write_text(json.dumps({"format": "ydm-requests", "version": 1, "exported": "2026-09-07", "profile": None,
                                "requests": [{"ref": "YDM-ABCDE", "kind": "access", "org_id": "labour",
                                              "events": [], "address_to": [5, {"x": 1}]}]}))
    code, _, err = run(capsys, "requests", "import", "--json", str(dump))
    assert code != 0 and "ydm: error:" in err and '"address_to" is not a list of address lines' in err


def test_the_address_typed_in_the_app_is_kept_for_later_letters(tmp_path):
    # The app's Send step: with_postal_address, then record_letters (the same service calls the TUI makes).
    directory = contacts.load()
    labour = directory.get("labour")
    me = Person(name="Alex Example", address=("1 Road", "Town"), postcode="SW1A 1AA", email="alex@example.org")
    first = render("access", me, labour, today=date(2026, 9, 7))
    assert first.address_missing
    posted = with_postal_address(first, TYPED)
    with SqliteStore(tmp_path / "s.db") as s:
        s.save_profile(me)
        (r,) = tracker.record_letters([posted], channel="first-class", sent_on=date(2026, 9, 7),
                                      store=s, today=date(2026, 9, 7))
        step = tracker.next_letter(s, r.ref, today=date(2026, 11, 2), directory=directory)
    assert step.letter is not None and "20 Brewer Street" in step.letter.text
    assert ADDRESS_PLACEHOLDER not in step.letter.text
