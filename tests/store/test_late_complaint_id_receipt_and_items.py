"""Issue 16 findings 1, 2, 4 and 5 and issue 17's plain --missing names, through the tracker and the
CLI (real SQLite store and MemoryStore; `ydm.cli.main` in-process), on other organisations and dates
than the issue's examples."""

from __future__ import annotations

from datetime import date

import pytest

from tests.store.test_later_letters_from_the_cli import ME, PERSON_FLAGS, d, make, run  # noqa: F401
from ydm import tracker
from ydm.errors import InputError, LateComplaint
from ydm.law.escalation import assess
from ydm.model import Channel, Event, EventKind, Request, RequestKind
from ydm.orgs import contacts
from ydm.store.db import SqliteStore
from ydm.store.memory import MemoryStore
from ydm.tracker.facts import ITEM_NAMES, normalize_items

E = EventKind


@pytest.fixture(params=["sqlite", "memory"])
def st(request, tmp_path):
    s = SqliteStore(tmp_path / "s.db") if request.param == "sqlite" else MemoryStore()
    s.save_profile(ME)
    yield s
    s.close()


@pytest.fixture(scope="module")
def directory():
    return contacts.load()


# --- finding 1: the ICO complaint's "within three months" is true on its date ----------------------------

COMPLAINED = [(E.SENT, "2026-02-16"), (E.REMINDER_SENT, "2026-03-30"), (E.COMPLAINT_SENT, "2026-04-20")]


def test_an_ico_complaint_in_time_says_so(st, directory):
    st.add(make(COMPLAINED, kind=RequestKind.OBJECT_PROCESSING, org="snp"))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-07-01"), directory=directory)
    text = " ".join(step.letter.text.split())
    assert step.kind is RequestKind.ICO_COMPLAINT
    assert "My last contact with the organisation was on 20 April 2026. I am making this complaint within three months" in text


def test_a_late_ico_complaint_needs_a_reason_and_says_it_is_late(st, directory):
    st.add(make(COMPLAINED, kind=RequestKind.OBJECT_PROCESSING, org="snp"))
    with pytest.raises(LateComplaint, match="ended on 20 July 2026") as caught:
        tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-10-20"), directory=directory)
    assert "--late-reason" in str(caught.value)
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-10-20"), directory=directory,
                               late_reason="they told me on the phone a reply was coming")
    text = " ".join(step.letter.text.split())
    assert "within three months" not in text
    assert ("I am making this complaint more than three months after that date (the three months ended on 20 July "
            "2026). I ask you to consider it nonetheless, because they told me on the phone a reply was coming.") in text


def test_the_cli_refuses_a_late_complaint_without_a_reason_in_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("YDM_TODAY", "2025-12-01")
    code, _, err = run(capsys, "letter", "object-marketing", "--to", "libdems", *PERSON_FLAGS, "--record",
                       "--sent", "2025-12-01", "--via", "email")
    assert code == 0, err
    ref = err.split("recorded ")[1].split(":")[0]
    for event, on in (("reminder-sent", "2026-01-12"), ("complaint-sent", "2026-02-02")):
        monkeypatch.setenv("YDM_TODAY", on)
        assert run(capsys, "requests", "mark", ref, event)[0] == 0
    monkeypatch.setenv("YDM_TODAY", "2026-11-30")
    code, out, err = run(capsys, "requests", "next", ref, "--kind", "ico-complaint")
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("ydm: error: ")
    assert "2 May 2026" in err and "--late-reason" in err
    code, out, err = run(capsys, "requests", "next", ref, "--kind", "ico-complaint", "--late-reason",
                         "I did not know I could complain to the ICO")
    assert code == 0 and "more than three months after that date" in out
    assert "because I did not know I could complain to the ICO." in " ".join(out.split())


# --- finding 2 and issue 17: items by plain name; the lawful basis never under Article 15 ------------------


def test_missing_items_take_plain_names_and_an_unknown_one_lists_them():
    assert normalize_items(["sources", "recipients", "Lawful-Basis", "retention", "copy"]) == [
        "15(1)(g)", "15(1)(c)", "lawful-basis", "15(1)(d)", "15(1)-copy"]
    assert normalize_items(["c", "(g)", "15(2)"]) == ["15(1)(c)", "15(1)(g)", "15(2)"]
    with pytest.raises(InputError) as caught:
        normalize_items(["sauces"])
    assert all(name in str(caught.value) for name in ITEM_NAMES)


def test_the_requests_next_help_lists_the_names(capsys):
    with pytest.raises(SystemExit):
        run(capsys, "requests", "next", "--help")
    out = capsys.readouterr().out
    assert all(name in out for name in ITEM_NAMES) and "lawful-basis" in out


@pytest.mark.parametrize("org", ["transunion", "green-ew"])
def test_a_follow_up_asks_for_the_lawful_basis_under_articles_13_and_14_not_15(st, directory, org):
    st.add(make([(E.SENT, "2026-03-09"), (E.RESPONSE_INCOMPLETE, "2026-03-27")], org=org))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-03-30"), directory=directory,
                               missing=["purposes", "lawful-basis"])
    text = " ".join(step.letter.text.split())
    assert "the purposes of the processing (Article 15(1)(a))" in text
    assert "the lawful basis you rely on for each purpose, which you must tell me under Articles 13(1)(c) and 14(1)(c)" in text
    assert "entitled under Article 15 of the UK GDPR" not in text


# --- finding 5: the follow-up keeps the original deadline ---------------------------------------------------


def test_a_follow_up_before_the_deadline_says_the_original_date_still_applies(st, directory):
    st.add(make([(E.SENT, "2026-07-06"), (E.RESPONSE_INCOMPLETE, "2026-07-20")], org="meta"))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-07-21"), directory=directory, missing=["sources"])
    text = " ".join(step.letter.text.split())
    assert "that is by 6 August 2026" in text and "this letter does not give you a new period" in text
    assert "the information is due by 6 August 2026 at the latest" in text
    assert "within one month of this letter" not in text


def test_a_follow_up_after_the_deadline_says_it_is_already_late(st, directory):
    st.add(make([(E.SENT, "2026-01-12"), (E.RESPONSE_INCOMPLETE, "2026-03-02")], org="acxiom"))
    step = tracker.next_letter(st, "YDM-QQQQQ", today=d("2026-03-03"), directory=directory, missing=["recipients"])
    text = " ".join(step.letter.text.split())
    assert "(Article 12(3) UK GDPR), that is by 12 February 2026" in text  # received before 5 Feb: old Art 12(3)
    assert "that date has passed, so the information is already late" in text and "within 14 days" in text


# --- finding 4: proof of identity counts from when they receive it ----------------------------------------


def _with_id(data: dict, channel=Channel.FIRST_CLASS) -> Request:
    events = [(E.SENT, date(2026, 9, 7), {}), (E.ID_REQUESTED, date(2026, 9, 10), {}),
              (E.ID_PROVIDED, date(2026, 9, 15), data)]
    return Request(ref="YDM-IDIDI", kind=RequestKind.ACCESS, org_id="experian", channel=channel,
                   events=[Event(k, on, data=x) for k, on, x in events])


def test_id_sent_by_post_is_deemed_received_later_and_a_known_receipt_date_is_taken_as_given():
    # ID posted first class Tue 15 Sep 2026 arrives Thu 17 Sep: due Sat 17 Oct -> Mon 19 Oct.
    assert assess(_with_id({"via": "first-class"}), date(2026, 9, 20)).due == date(2026, 10, 19)
    # By default, deemed by the request's own channel (here first class, too).
    assert assess(_with_id({}), date(2026, 9, 20)).due == date(2026, 10, 19)
    # Emailed: received that day, due Thu 15 Oct; a known receipt date (Wed 16 Sep) is taken as given.
    assert assess(_with_id({"via": "email"}), date(2026, 9, 20)).due == date(2026, 10, 15)
    assert assess(_with_id({"received": True}, Channel.SECOND_CLASS), date(2026, 9, 20)).due == date(2026, 10, 15)


def test_mark_id_provided_takes_via_or_received(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-09-07")
    code, _, err = run(capsys, "letter", "access", "--to", "equifax", *PERSON_FLAGS, "--record",
                       "--sent", "2026-09-07", "--via", "email")
    ref = err.split("recorded ")[1].split(":")[0]
    monkeypatch.setenv("YDM_TODAY", "2026-09-16")
    assert run(capsys, "requests", "mark", ref, "id-requested", "--on", "2026-09-10")[0] == 0
    code, _, err = run(capsys, "requests", "mark", ref, "id-provided", "--on", "2026-09-15", "--via", "second-class")
    # Second class on Tue 15 Sep arrives on the fourth working day, Mon 21 Sep: due Wed 21 Oct.
    assert code == 0 and "due 2026-10-21" in err
    code, _, err = run(capsys, "requests", "mark", ref, "fee-paid", "--via", "email", "--received")
    assert code == 2 and "not both" in err
