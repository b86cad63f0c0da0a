"""`ydm requests check`: each Art 15 item and political question found / not found / unclear with its
evidence; corrections kept; `ydm requests next` then asks for exactly what is missing."""

from __future__ import annotations

import json

from tests.tracker.replies import samples
from tests.tracker.replies.conftest import run
from ydm.store.db import open_store


def _add(tmp_path, capsys, **kw):
    eml = tmp_path / "reply.eml"
    eml.write_bytes(samples.email_bytes(**kw))
    code, _, err = run(capsys, "replies", "add", str(eml))
    assert code == 0, err


def _lines(capsys, ref="YDM-AAAAA", *extra):
    code, out, err = run(capsys, "requests", "check", ref, "--json", *extra)
    assert code == 0, err
    return {x["code"]: x for x in json.loads(out)["lines"]}


def test_each_line_with_the_words_file_and_row_that_show_it(seeded, tmp_path, capsys):
    _add(tmp_path, capsys, body="Please find attached a copy of your data.",
         attachments={"letter.pdf": ("application/pdf", samples.pdf_bytes()), "data.csv": ("text/csv", samples.csv_bytes())})
    lines = _lines(capsys)
    assert lines["15(1)-copy"]["status"] == "found" and lines["15(1)-copy"]["evidence"] == ["data.csv: 2 rows, 6 columns"]
    assert lines["15(1)(c)"]["status"] == "found"
    assert lines["15(1)(c)"]["evidence"][0].startswith('letter.pdf p.1: "Your data is shared with our local parties')
    assert lines["pol:inferred"]["evidence"][0] == 'data.csv column "voting_intention" = "Likely Labour" (row 2)'
    assert lines["pol:register"]["status"] == "found"
    assert lines["15(1)(h)"]["status"] == "not found" and lines["15(2)"]["status"] == "not found"
    assert lines["pol:audiences"]["status"] == "not found" and lines["pol:bought"]["status"] == "not found"
    code, out, _ = run(capsys, "requests", "check", "YDM-AAAAA")
    assert "[x] 15(1)(c)" in out and "[ ] 15(2)" in out


def test_a_scan_says_tick_it_yourself_and_lines_are_unclear(seeded, tmp_path, capsys):
    f = tmp_path / "scan.pdf"
    f.write_bytes(samples.scanned_pdf_bytes())
    assert run(capsys, "replies", "add", str(f), "--ref", "YDM-AAAAA")[0] == 0
    code, out, err = run(capsys, "requests", "check", "YDM-AAAAA")
    assert "scan.pdf: scanned: no text in it; tick the checklist yourself" in err
    assert "[?] 15(1)(a)" in out


def test_corrections_are_kept_and_undone(seeded, tmp_path, capsys):
    _add(tmp_path, capsys, body="Hello, your data is attached.")
    lines = _lines(capsys, "YDM-AAAAA", "--set", "15(1)(c)=found", "--set", "pol:audiences=not-found")
    assert lines["15(1)(c)"] == {**lines["15(1)(c)"], "status": "found", "by": "you"}
    assert _lines(capsys)["15(1)(c)"]["by"] == "you"
    assert _lines(capsys, "YDM-AAAAA", "--set", "c=auto")["15(1)(c)"]["by"] == "rules"
    code, _, err = run(capsys, "requests", "check", "YDM-AAAAA", "--set", "15(9)=found")
    assert code == 2 and "ydm: error: --set: unknown item" in err
    code, _, err = run(capsys, "requests", "check", "YDM-AAAAA", "--set", "15(1)(c)=maybe")
    assert code == 2 and "is not a status" in err


def test_next_writes_the_follow_up_for_exactly_what_is_missing(seeded, tmp_path, capsys):
    _add(tmp_path, capsys, body=samples.LETTER, attachments={"data.csv": ("text/csv", samples.csv_bytes())})
    run(capsys, "requests", "check", "YDM-AAAAA", "--set", "15(1)(h)=found")
    code, out, err = run(capsys, "requests", "next", "YDM-AAAAA")
    assert code == 0, err
    assert "INCOMPLETE RESPONSE" in out and "follow-up" in err
    assert "safeguards for any transfer of my data outside the UK (Article 15(2))" in out
    assert "custom or lookalike audience" in out  # pol:audiences
    assert "bought, licensed or were given data" in out  # pol:bought
    assert "automated decisions" not in out  # corrected to found
    assert "the recipients or categories of recipient" not in out  # found in the letter
    with open_store() as s:
        assert "response-incomplete" in [e.kind.value for e in s.get("YDM-AAAAA").events]
    # The follow-up went. It gives no new month (docs/law-letters.md §5): the request stays due on its own
    # date (emailed 1 Sep, due 1 Oct), and as that has passed the items are asked for within 14 days.
    code, _, err = run(capsys, "requests", "mark", "YDM-AAAAA", "sent")
    assert code == 0, err
    code, out, _ = run(capsys, "requests", "show", "YDM-AAAAA", "--json")
    assert json.loads(out)["due"] == "2026-10-01"
    assert "within 14 days" in out and "2026-11-20" not in out


def test_an_answer_that_covers_everything_needs_no_follow_up(seeded, tmp_path, capsys):
    _add(tmp_path, capsys, body=samples.LETTER, attachments={"data.csv": ("text/csv", samples.csv_bytes())})
    codes = ["15(1)(h)", "15(2)", "pol:bought", "pol:audiences"]
    run(capsys, "requests", "check", "YDM-AAAAA", *[a for c in codes for a in ("--set", f"{c}=found")])
    code, out, err = run(capsys, "requests", "next", "YDM-AAAAA")
    assert code == 0 and "nothing to send for YDM-AAAAA now" in err and out == ""
