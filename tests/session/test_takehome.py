"""The take-home sheet, printing through `lp` on stdin (fake lp on PATH), saving to the export folder."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from ydm.errors import OutputError
from ydm.law.deadlines import fmt
from ydm.session import takehome
from ydm.session.flow import Session, SessionConfig

from .conftest import PATRON, POSTCODE, TODAY
from .test_session_core import BASE, answer_all


@pytest.fixture
def session(tmp_path):
    s = Session(SessionConfig(printer="library-1", export_dir=tmp_path), today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "second-class"})
    return s


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_sheet_says_what_went_to_whom_when_due_and_what_next(session):
    plan = session.plan()
    text = takehome.sheet_text(plan, TODAY)
    for item in plan.items:
        assert item.org_name in text
        assert item.letter.reference in text
        assert f"Answer due by: {fmt(item.deadline.due, full=True)}" in text
        steps = takehome.next_steps(item)
        assert steps[0].on == item.deadline.due
        reminder = steps[1]
        assert f"{fmt(reminder.on)}: no answer yet? send a reminder" in text
    assert "Information Commissioner" in text
    pdf = pdf_text(takehome.sheet_pdf(plan, TODAY))
    assert "your letters and what happens next" in pdf
    assert plan.items[0].org_name in pdf and plan.items[0].letter.reference in pdf


def test_print_pipes_the_pdf_to_lp_without_a_file_or_a_name_in_the_title(session, fake_lp):
    message = takehome.carry_out(session, "print-letters")
    assert "library-1" in message
    (job,) = fake_lp()
    assert job["args"] == ["-d", "library-1", "-t", "ydm letters", "-"]
    assert job["magic"] == "%PDF-"
    assert PATRON in pdf_text(bytes.fromhex(job["pdf"]))
    assert session.printed == ["letters"]


def test_print_failure_is_one_plain_line(session, tmp_path, monkeypatch):
    bindir = tmp_path / "badbin"
    bindir.mkdir()
    lp = bindir / "lp"
    lp.write_text("#!/bin/sh\ncat >/dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n")
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))
    with pytest.raises(OutputError, match="refused the job: lp: The printer or class does not exist"):
        takehome.carry_out(session, "print-sheet")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(OutputError, match="needs the 'lp' command"):
        takehome.carry_out(session, "print-sheet")


def test_save_writes_only_into_the_export_folder_with_fresh_names(session, tmp_path):
    takehome.carry_out(session, "save-letters")
    takehome.carry_out(session, "save-letters")
    takehome.carry_out(session, "save-ics")
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert names == ["ydm-due-dates.ics", "ydm-letters-2.pdf", "ydm-letters.pdf"]
    assert session.saved == [str(tmp_path / n) for n in ("ydm-letters.pdf", "ydm-letters-2.pdf", "ydm-due-dates.ics")]
    ics = (tmp_path / "ydm-due-dates.ics").read_text()
    assert PATRON not in ics and POSTCODE not in ics and session.plan().items[0].letter.reference in ics


def test_actions_follow_the_librarians_setup(session):
    ids = [a.id for a in takehome.actions(session)]
    assert ids[:2] == ["print-letters", "save-letters"] and ids[-1] == "finish"
    session.config.printer = None
    session.config.export_dir = None
    ids = [a.id for a in takehome.actions(session)]
    assert not any(i.startswith(("print-", "save-")) for i in ids)
    assert "save-sheet" in [a.id for a in takehome.actions(session, web=True)]


def test_what_next_comes_from_the_escalation_engine(session):
    from ydm.law import escalation

    item = session.plan().items[0]
    due, remind, complain, ack, ico = takehome.next_steps(item)
    assert remind.on == due.on + timedelta(days=1)
    # the reminder's 14 days run first (whether the complaint may go on the last of them or the day
    # after is the engine's call, not this sheet's)
    assert complain.on >= remind.on + timedelta(days=escalation.REMINDER_GRACE_DAYS)
    assert ack.on > complain.on and "acknowledge" in ack.what
    assert "Information Commissioner" in ico.what and ico.on == ack.on + timedelta(days=1)


def test_the_sheet_points_to_the_electoral_commission_report_for_letters_to_parties(session):
    plan = session.plan()
    assert any(item.letter.org.category.is_political for item in plan.items)
    text = takehome.sheet_text(plan, TODAY)
    assert "An online political advert that does not say who is behind it" in text
    assert "ydm letter imprint-report" in text and "Electoral Commission" in text
