"""`ydm report`: per organisation and across all, what the replies show; who answered in time, late or
not at all; the timeline as inline SVG (HTML) and drawn in the PDF (read back with pypdf)."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

from tests.tracker.replies import samples
from tests.tracker.replies.conftest import run


def _seed_replies(tmp_path, capsys):
    on_time = tmp_path / "a.eml"
    on_time.write_bytes(samples.email_bytes(attachments={"data.csv": ("text/csv", samples.csv_bytes())},
                                            when=datetime(2026, 9, 25, 9, 0, tzinfo=UTC)))
    late = tmp_path / "b.eml"  # YDM-BBBBB sent 10 Sep; due 10 Oct; answered 15 Oct
    late.write_bytes(samples.email_bytes(subject="YDM-BBBBB", sender="dataprotection@conservatives.com",
                                         body="We do not hold any data about you.",
                                         when=datetime(2026, 10, 15, 9, 0, tzinfo=UTC)))
    for f in (on_time, late):
        assert run(capsys, "replies", "add", str(f))[0] == 0


def test_the_json_says_what_each_holds_and_who_was_late(seeded, tmp_path, capsys):
    _seed_replies(tmp_path, capsys)
    code, out, err = run(capsys, "report", "--json")
    assert code == 0, err
    orgs = {o["ref"]: o for o in json.loads(out)["organisations"]}
    assert set(orgs) == {"YDM-AAAAA", "YDM-BBBBB"}  # the objection (CCCCC) is not an access request
    a, b = orgs["YDM-AAAAA"], orgs["YDM-BBBBB"]
    assert (a["due"], a["replied"], a["timeliness"]) == ("2026-10-01", "2026-09-25", "on time")
    # sent Thu 10 Sep: one month is Sat 10 Oct, moved to the next working day, Mon 12 Oct
    assert (b["due"], b["replied"], b["timeliness"], b["days_late"]) == ("2026-10-12", "2026-10-15", "late", 3)
    assert "voting_intention: Likely Labour (data.csv row 2)" in a["inferences"]
    assert "voting_intention" in a["categories"]
    assert any("Electoral register 2025" in s for s in a["sources"])
    assert any("local parties" in r for r in a["recipients"])


def test_markdown_html_and_pdf(seeded, tmp_path, capsys):
    _seed_replies(tmp_path, capsys)
    code, out, _ = run(capsys, "report")
    assert code == 0 and out.startswith("# What they hold about me")
    assert "| Labour Party | YDM-AAAAA | 2026-09-01 |" in out
    assert "### Inferences about your political opinions (special-category data: UK GDPR Article 9)" in out
    html = tmp_path / "r.html"
    assert run(capsys, "report", "-o", str(html))[0] == 0
    page = html.read_text()
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert svg.count("<circle") == 2  # two answers: one in time (green), one late (red)
    assert svg.count('fill="#2e8b57"') == 1 and svg.count('fill="#c0392b"') == 1
    assert "<script" not in page and "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    pdf = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", "-o", str(pdf))
    assert code == 0 and "NOT encrypted" in err
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "What they hold about me" in text and "voting_intention: Likely Labour" in text
    assert "Conservative Party (YDM-BBBBB)" in text
    code, _, err = run(capsys, "report", "-o", str(tmp_path / "r.docx"))
    assert code == 2 and "say .md, .html or .pdf" in err


def test_an_organisation_that_never_answered(seeded, capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-20")
    code, out, _ = run(capsys, "report", "--json")
    orgs = {o["ref"]: o for o in json.loads(out)["organisations"]}
    assert orgs["YDM-AAAAA"]["timeliness"] == "not answered" and orgs["YDM-AAAAA"]["replied"] is None
    assert orgs["YDM-AAAAA"]["days_late"] > 0
