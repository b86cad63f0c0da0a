"""The `ydm lookup`, `ydm config` and `ydm holidays` commands, end to end against a local server."""

from __future__ import annotations

import io
import json

import pytest

from tests.adapters import samples
from tests.adapters.conftest import Reply
from ydm.cli import main

DC = "/dc/api/v1"


def run(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lookup_json(api_server, dc_key, capsys):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    code, out, err = run(capsys, "lookup", "cf10", "1aa", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["status"] == "found" and data["postcode"] == "CF10 1AA"
    assert data["office"]["name"] == "Cardiff Council" and data["organisation_id"] == "ero-cardiff-council"
    assert data["remembered"] is False


def test_lookup_text_and_remember(api_server, dc_key, capsys, isolated_home):
    api_server.route(f"{DC}/postcode/EH11YJ/", Reply(200, samples.EDINBURGH))
    code, out, _ = run(capsys, "lookup", "EH1 1YJ", "--remember")
    assert code == 0
    assert "Lothian Valuation Joint Board" in out and "ero@lothian-vjb.gov.uk" in out
    assert "ydm letter open-register --to ero-lothian-valuation-joint-board" in out
    saved = (isolated_home / "data" / "my_contacts.toml").read_text()
    assert "ero-lothian-valuation-joint-board" in saved and "EH1 1YJ" not in saved


def test_split_postcode_lists_numbers_then_address_n(api_server, dc_key, capsys):
    api_server.route(f"{DC}/postcode/WV148TU/", Reply(200, samples.SPLIT))
    api_server.route(f"{DC}/address/10035187882/", Reply(200, samples.DUDLEY))
    code, out, _ = run(capsys, "lookup", "WV14 8TU")
    assert code == 0
    assert " 1. 1 Example Road, Coseley, Bilston  [id 10035187881]" in out
    assert " 2. 2 Example Road" in out and "--address N" in out
    code, out, _ = run(capsys, "lookup", "WV14 8TU", "--address", "2")
    assert code == 0 and "Dudley Metropolitan Borough Council" in out
    code, out, _ = run(capsys, "lookup", "WV14 8TU", "--uprn", "10035187882", "--json")
    assert json.loads(out)["office"]["council_id"] == "DUD"
    code, _, err = run(capsys, "lookup", "WV14 8TU", "--address", "9")
    assert code == 2 and err.startswith("ydm: error: --address must be between 1 and 2")


def test_lookup_errors_are_one_line(api_server, dc_key, capsys):
    api_server.route(f"{DC}/postcode/AB999ZZ/", Reply(404, samples.NOT_FOUND))
    code, out, err = run(capsys, "lookup", "AB99 9ZZ")
    assert code == 3 and out == "" and err.count("\n") == 1 and err.startswith("ydm: error: Democracy Club")
    code, _, err = run(capsys, "lookup", "NOT A POSTCODE")
    assert code == 2 and "is not a UK postcode" in err and "Traceback" not in err


def test_lookup_bad_json(api_server, dc_key, capsys):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, b"{oops"))
    code, _, err = run(capsys, "lookup", "CF10 1AA")
    assert code == 6 and "not valid JSON" in err and "--manual" in err


def test_lookup_offline(dead_url, dc_key, capsys):
    code, _, err = run(capsys, "lookup", "CF10 1AA")
    assert code == 6 and err.startswith("ydm: error: could not fetch") and "Traceback" not in err


def test_lookup_without_key_says_how_to_get_one(api_server, capsys):
    code, out, err = run(capsys, "lookup", "CF10 1AA")
    assert code == 2 and out == ""
    assert "ydm config set-key democracy-club" in err and "--manual" in err
    assert api_server.seen == []


def test_manual_entry_is_remembered(capsys, monkeypatch, isolated_home, api_server):
    typed = "Cardiff Council\nElectoral Registration Officer\nCounty Hall\nCF10 4UW\n\n" \
            "electoralservices@cardiff.gov.uk\n\n\n"
    code, out, err = run(capsys, "lookup", "CF10 1AA", "--manual", stdin=typed, monkeypatch=monkeypatch)
    assert code == 0, err
    assert "Saved as organisation 'ero-cardiff-council'" in out
    saved = (isolated_home / "data" / "my_contacts.toml").read_text()
    assert "CF10 4UW" in saved and "CF10 1AA" not in saved
    assert api_server.seen == []
    # later, without a key, the remembered office is mentioned
    code, _, err = run(capsys, "lookup", "CF10 1AA")
    assert code == 2 and "offices you saved earlier: ero-cardiff-council" in err


def test_manual_entry_prompts_are_prompts_not_warnings(capsys, monkeypatch, isolated_home, api_server):
    typed = "Cardiff Council\nCounty Hall\nCF10 4UW\n\n\n\n\n"
    code, out, err = run(capsys, "lookup", "CF10 1AA", "--manual", stdin=typed, monkeypatch=monkeypatch)
    assert code == 0, err
    assert "warning" not in err
    assert "Postal address, one line at a time, postcode last; an empty line ends it:" in err
    assert "Nothing is sent anywhere" in err
    assert "Postal address" not in out and "Office name" not in out  # stdout is only the result


def test_config_set_key_from_stdin(capsys, monkeypatch, memory_keyring):
    code, out, _ = run(capsys, "config", "set-key", "democracy-club", stdin="abc123\n", monkeypatch=monkeypatch)
    assert code == 0 and "abc123" not in out
    assert memory_keyring.get_password("ydm", "democracy-club-api-key") == "abc123"
    code, out, _ = run(capsys, "config", "show", "--json")
    data = json.loads(out)
    assert data["keys_set"] == {"democracy-club": True, "electoral-commission": False}
    assert "abc123" not in out
    code, out, _ = run(capsys, "config", "delete-key", "democracy-club")
    assert code == 0 and memory_keyring.get_password("ydm", "democracy-club-api-key") is None


def test_config_never_takes_a_key_from_argv(capsys, monkeypatch):
    with pytest.raises(SystemExit) as exc:
        main(["config", "set-key", "democracy-club", "abc123"])
    assert exc.value.code == 2
    code, _, err = run(capsys, "config", "set-key", "democracy-club", stdin="", monkeypatch=monkeypatch)
    assert code == 2 and "no key given" in err
    code, _, err = run(capsys, "config", "set-key", "democracy-club", stdin="two words\n", monkeypatch=monkeypatch)
    assert code == 2


def test_config_show_text(capsys, api_server):
    code, out, _ = run(capsys, "config", "show")
    assert code == 0 and f"{api_server.base}/dc/api/v1" in out and "not set" in out


@pytest.mark.usefixtures("clean_holidays")
def test_holidays_update_and_list(api_server, capsys):
    code, out, _ = run(capsys, "holidays", "list", "--nation", "scotland", "--year", "2027")
    assert code == 0 and "offline 'holidays' package" in out and "2027-11-30" in out
    api_server.route("/bank-holidays.json", Reply(200, samples.govuk_holidays()))
    code, out, _ = run(capsys, "holidays", "update")
    assert code == 0 and "Saved GOV.UK bank holidays for 2027-2027 (9 dates)" in out
    code, out, _ = run(capsys, "holidays", "list", "--nation", "scotland", "--year", "2027", "--json")
    data = json.loads(out)
    assert data["source"] == "gov.uk" and data["source_text"].startswith("GOV.UK list downloaded")
    assert [h["date"] for h in data["holidays"]] == ["2027-01-01", "2027-01-04", "2027-11-30"]


@pytest.mark.usefixtures("clean_holidays")
def test_holidays_update_failures(capsys, dead_url):
    code, out, err = run(capsys, "holidays", "update")
    assert code == 6 and out == "" and err.startswith("ydm: error: could not fetch the GOV.UK bank holidays")


@pytest.mark.usefixtures("clean_holidays")
def test_holidays_update_bad_shape(api_server, capsys):
    api_server.route("/bank-holidays.json", Reply(200, {"scotland": {}}))
    code, _, err = run(capsys, "holidays", "update", "--json")
    assert code == 4 and "nothing was changed" in err


def test_holidays_list_bad_year(capsys):
    code, _, err = run(capsys, "holidays", "list", "--year", "99999")
    assert code == 2 and "out of range" in err


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_no_key_at_a_terminal_offers_manual_entry(capsys, monkeypatch, isolated_home, api_server):
    typed = "y\nCity of Edinburgh Council\nElectoral Registration Officer\n17A South Gyle Crescent\nEH12 9FL\n\n\n\n\n"
    monkeypatch.setattr("sys.stdin", _Tty(typed))
    code = main(["lookup", "EH1 1YJ"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "ydm: warning: no API key is set" in err and "set-key" in err
    assert "Saved as organisation 'ero-city-of-edinburgh-council'" in out
    assert api_server.seen == []


def test_no_key_at_a_terminal_declined(capsys, monkeypatch, api_server):
    monkeypatch.setattr("sys.stdin", _Tty("n\n"))
    assert main(["lookup", "EH1 1YJ"]) == 2


def test_set_key_at_a_terminal_uses_a_hidden_prompt(capsys, monkeypatch, memory_keyring):
    asked = []
    monkeypatch.setattr("sys.stdin", _Tty(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "  k3y  ")
    assert main(["config", "set-key", "electoral-commission"]) == 0
    assert asked and "not shown" in asked[0]
    assert memory_keyring.get_password("ydm", "electoral-commission-api-key") == "k3y"


def test_keyring_unavailable_is_a_plain_error(capsys, monkeypatch):
    from keyring.errors import NoKeyringError

    def broken(*_):
        raise NoKeyringError("no backend")

    monkeypatch.setattr("ydm.adapters.secrets.set_secret", broken)
    code, _, err = run(capsys, "config", "set-key", "democracy-club", stdin="abc\n", monkeypatch=monkeypatch)
    assert code == 5 and "OS keyring is not available" in err


def test_clear_cache(api_server, dc_key, capsys, isolated_home):
    api_server.route(f"{DC}/postcode/CF101AA/", Reply(200, samples.CARDIFF))
    run(capsys, "lookup", "CF10 1AA")
    code, out, _ = run(capsys, "config", "clear-cache")
    assert code == 0 and "Removed 1 saved lookup answer(s)." in out
    assert list((isolated_home / "cache" / "http").glob("*.json")) == []
