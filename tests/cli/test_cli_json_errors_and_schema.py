"""Under `--json` every answer on stdout is a JSON object with `schema`, failures included: an error
object next to the usual `ydm: error:` line (issue 20, "Minor")."""

from __future__ import annotations

import json

import pytest

from ydm.cli import main


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's errors leave through SystemExit(2), as from the console script
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_deadline_json_carries_schema(capsys):
    code, out, _ = run(capsys, "deadline", "--received", "2026-11-02", "--json")
    assert code == 0 and json.loads(out)["schema"] == 1


def test_requests_show_json_carries_schema(capsys):
    from datetime import date

    from ydm.model import Channel, Event, EventKind, Request, RequestKind
    from ydm.store.db import open_store

    with open_store() as store:  # the test's own store (tests/conftest.py: YDM_HOME, a memory keyring)
        store.add(Request(ref="YDM-SHOW2", kind=RequestKind.ACCESS, org_id="libdems", org_name="Liberal Democrats",
                          channel=Channel.EMAIL, events=[Event(EventKind.SENT, date(2026, 11, 2))]))
    code, out, _ = run(capsys, "requests", "show", "YDM-SHOW2", "--json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1 and data["ref"] == "YDM-SHOW2"
    code, out, err = run(capsys, "requests", "show", "YDM-NOPE2", "--json")
    assert code != 0 and json.loads(out)["error"]["exit_code"] == code and "YDM-NOPE2" in err


@pytest.mark.parametrize("argv, code, kind", [
    (["deadline", "--received", "2026-02-30", "--json"], 2, "input"),
    (["deadline", "--received", "2026-11-02", "--nation", "france", "--json"], 2, "input"),
    (["deadline", "--received", "2026-11-02", "--json", "--bogus"], 2, "usage"),  # argparse's own
    (["orgs", "--category", "nope", "--json"], 2, None),
])
def test_errors_under_json_are_an_object_on_stdout_too(capsys, argv, code, kind):
    got, out, err = run(capsys, *argv)
    assert got == code and err.startswith("ydm: error: ")
    data = json.loads(out)
    assert data["schema"] == 1 and data["error"]["exit_code"] == code
    assert data["error"]["message"] and data["error"]["message"] in err
    if kind:
        assert data["error"]["kind"] == kind


def test_without_json_stdout_stays_empty_on_error(capsys):
    got, out, err = run(capsys, "deadline", "--received", "2026-02-30")
    assert got == 2 and out == "" and err.startswith("ydm: error: ")
