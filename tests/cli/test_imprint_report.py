"""`ydm letter imprint-report`: a report to the Electoral Commission of online political material
without a digital imprint (issue 16, Elections Act 2022 Part 6): listed in --help, addressed to the
Commission, with what it needs to look into it and what it can and cannot do; never recorded."""

from __future__ import annotations

import pytest

from ydm.cli import main

FLAGS = ("--name", "Ciarán Doyle", "--address", "4 Lisburn Road, Belfast", "--postcode", "BT9 6AA",
         "--email", "ciaran@example.org")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_letter_help_lists_the_electoral_commission_report(capsys):
    with pytest.raises(SystemExit):
        main(["letter", "--help"])
    out = capsys.readouterr().out
    assert "imprint-report" in out and "Electoral Commission" in out and "--promoter" in out


def test_the_report_gives_the_advert_where_when_and_promoter_and_points_to_an_access_request(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2027-04-30")
    code, out, err = run(capsys, "letter", "imprint-report", *FLAGS, "--advert", "a sponsored post about the border poll",
                         "--where", "Instagram", "--seen-on", "2027-04-28", "--url", "https://example.org/ad/1",
                         "--promoter", "Alliance Party of Northern Ireland", "--paid", "--targeted", "--screenshot")
    assert code == 0, err
    text = " ".join(out.split())
    assert "The Electoral Commission" in out and "3 Bunhill Row" in out
    for words in ("What it is: a sponsored post about the border poll", "Where I saw it: Instagram",
                  "When I saw it: 28 April 2027", "Link: https://example.org/ad/1",
                  "published: Alliance Party of Northern Ireland", "I enclose a screenshot",
                  "Part 6 of the Elections Act 2022", "(in Northern Ireland, the Police Service of Northern Ireland)",
                  "does not rule on whether what the material says is true",
                  "I am asking the Alliance Party of Northern Ireland, under Article 15"):
        assert words in text, words
    assert 'ydm letter access --to "Alliance Party of Northern Ireland"' in err


def test_a_report_outside_northern_ireland_does_not_name_the_psni(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-05-02")
    code, out, _ = run(capsys, "letter", "imprint-report", "--name", "Sam Lee", "--email", "sam@example.org",
                       "--address", "1 Quay St, Cardiff", "--postcode", "CF10 1EU", "--advert", "a video")
    assert code == 0 and "Police Service of Northern Ireland" not in out and "I do not know" in out


@pytest.mark.parametrize(("argv", "words"), [
    (("--advert", "x", "--record"), "not recorded"),
    (("--advert", "x", "--to", "labour"), "goes to the Electoral Commission"),
    ((), "say what the advert was"),
    (("--advert", "x", "--seen-on", "last tuesday"), "not a date"),
])
def test_bad_report_input_is_one_clear_line(capsys, monkeypatch, argv, words):
    monkeypatch.setenv("YDM_TODAY", "2026-05-02")
    code, out, err = run(capsys, "letter", "imprint-report", *FLAGS, *argv)
    assert code == 2 and out == "" and err.startswith("ydm: error: ") and words in err and err.count("\n") == 1


def test_report_flags_belong_to_the_report(capsys):
    code, _, err = run(capsys, "letter", "access", "--to", "labour", *FLAGS, "--promoter", "someone")
    assert code == 2 and "go with imprint-report" in err
