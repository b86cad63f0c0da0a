"""The guided session's state machine: questions in order, checks in plain words, plan, idle, wipe."""

from __future__ import annotations

import pytest

from ydm.errors import DataError, InputError
from ydm.law import deadlines
from ydm.model import Channel, RequestKind
from ydm.orgs import contacts
from ydm.session.flow import MemoryCache, Session, SessionConfig, load_config, nation_guess

from .conftest import PATRON, POSTCODE, STREET, TODAY, FakeClock


def answer_all(s: Session, answers: dict) -> list[str]:
    """Answer questions in the order asked; returns the ids seen."""
    seen = []
    while (q := s.current()) is not None:
        if s.needs_lookup():
            s.look_up_office()
            continue
        seen.append(q.id)
        s.answer(q.id, answers.get(q.id, q.default))
    return seen


BASE = {"name": PATRON, "postcode": POSTCODE, "address": STREET + ", Edinburgh", "email": ""}


def test_know_preset_writes_to_every_party_elected_in_the_nation():
    s = Session(today=TODAY, lookup=lambda pc: None)
    seen = answer_all(s, {**BASE, "goal": "know", "channel": "email"})
    assert seen == ["goal", "name", "postcode", "address", "email", "targets", "channel"]
    plan = s.plan()
    expected = contacts.load().parties_elected_in("scotland")
    assert [i.letter.org.id for i in plan.items] == [o.id for o in expected]
    assert {i.letter.kind for i in plan.items} == {RequestKind.ACCESS}
    for item in plan.items:
        want = deadlines.compute_deadline(RequestKind.ACCESS, sent=TODAY, channel=item.channel,
                                          nation=item.letter.org.home_nation)
        assert item.deadline.due == want.due
        assert PATRON in item.letter.text
    assert s.store.count() == len(plan.items)  # kept in memory, like the tracker would


def test_stop_sold_goes_to_brokers_and_the_registration_office_typed_by_hand():
    s = Session(today=TODAY, lookup=lambda pc: None)
    seen = answer_all(s, {**BASE, "goal": "stop-sold", "office_name": "City of Edinburgh Council",
                          "office_address": "Waverley Court, 4 East Market Street, Edinburgh, EH8 8BG",
                          "channel": "first-class"})
    assert seen[-4:] == ["office_name", "office_address", "targets", "channel"]
    plan = s.plan()
    kinds = [i.letter.kind for i in plan.items]
    assert kinds.count(RequestKind.OPEN_REGISTER) == 1
    office = next(i for i in plan.items if i.letter.kind is RequestKind.OPEN_REGISTER)
    assert "EH8 8BG" in office.letter.recipient_lines
    assert {i.letter.org.category.value for i in plan.items if i is not office} == {"broker"}


def test_a_found_office_is_offered_and_can_be_replaced_by_a_typed_one():
    from ydm.adapters.lookup import Office, office_as_organisation

    lothian = Office(name="Lothian Valuation Joint Board", address=("17A South Gyle Crescent", "Edinburgh"),
                     postcode="EH12 9FL", nation="scotland", source="democracy-club", contact="registration")
    s = Session(today=TODAY, lookup=lambda pc: office_as_organisation(lothian))
    s.answer("goal", "stop-sold")
    for qid in ("name", "postcode", "address", "email"):
        s.answer(qid, {**BASE, "postcode": "EH1 1YJ"}[qid])
    assert s.needs_lookup()
    s.look_up_office()
    q = s.current()
    assert q.id == "office" and "Lothian Valuation Joint Board" in q.options[0].label
    assert "assessor or valuation joint board" in q.why and "council's" not in q.why
    s.answer("office", "manual")
    assert s.current().id == "office_name"


def test_choose_asks_which_letters_and_starts_with_nothing_ticked():
    s = Session(today=TODAY, lookup=lambda pc: None)
    s.answer("goal", "choose")
    q = s.current()
    assert q.id == "kinds" and q.kind == "multi"
    s.answer("kinds", ("erasure", "access"))
    assert s.kinds == [RequestKind.ACCESS, RequestKind.ERASURE]  # in the usual order
    for qid in ("name", "postcode", "address", "email"):
        s.answer(qid, BASE[qid])
    q = s.current()
    assert q.id == "targets" and q.default == ()
    with pytest.raises(InputError, match="at least one"):
        s.answer("targets", ())


@pytest.mark.parametrize(("postcode", "nation", "sure"), [
    ("CF10 1AA", "wales", True), ("SA1 1AA", "wales", True), ("SW1A 1AA", "england", True),
    ("EH1 1YJ", "scotland", True), ("BT1 1AA", "northern-ireland", True), ("CH5 1AA", "wales", True),
    ("SY23 1AA", "wales", True), ("CH4 8AA", "england", False), ("SY10 0AA", "england", False),
    ("TD15 1AA", "england", True), ("TD12 4AA", "scotland", False), ("NP16 7AA", "wales", False),
])
def test_nation_from_postcode_asks_near_a_border(postcode, nation, sure):
    assert nation_guess(postcode) == (nation, sure)


def test_border_postcode_adds_a_nation_question():
    s = Session(today=TODAY, lookup=lambda pc: None)
    s.answer("goal", "know")
    s.answer("name", PATRON)
    s.answer("postcode", "SY10 0AA")  # Oswestry, with villages in Powys
    q = s.current()
    assert q.id == "nation" and q.default == "england"
    s.answer("nation", "wales")
    assert s.nation == "wales"


@pytest.mark.parametrize(("qid", "value", "message"), [
    ("name", "   ", "Please type your name."),
    ("postcode", "12345", "does not look like a UK postcode"),
    ("address", "", "Please type your address"),
])
def test_answers_are_checked_in_plain_words(qid, value, message):
    s = Session(today=TODAY, lookup=lambda pc: None)
    s.answer("goal", "know")
    if qid == "address":
        s.answer("name", PATRON)
        s.answer("postcode", POSTCODE)
    elif qid == "postcode":
        s.answer("name", PATRON)
    with pytest.raises(InputError, match=message):
        s.answer(qid, value)


def test_email_is_optional_but_checked():
    s = Session(today=TODAY)
    s.answer("goal", "know")
    with pytest.raises(InputError, match="email address"):
        s.answer("email", "not-an-email")
    s.answer("email", "")
    assert s.answers["email"] == ""


def test_back_forgets_the_last_answer():
    s = Session(today=TODAY)
    assert s.back() is None
    s.answer("goal", "know")
    s.answer("name", PATRON)
    q = s.back()
    assert q.id == "name" and "name" not in s.answers
    assert q.default == PATRON  # shown again, to correct rather than retype
    assert s.current().id == "name"
    s.wipe()
    assert s.drafts == {}


def test_email_preference_falls_back_to_post_or_webform():
    s = Session(today=TODAY, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "stop-sold", "office_name": "Council",
                   "office_address": "1 Town Hall, Edinburgh, EH1 1AA", "channel": "email"})
    plan = s.plan()
    for item in plan.items:
        if item.letter.recipient_email:
            assert item.channel is Channel.EMAIL
        elif item.letter.recipient_webform:
            assert item.channel is Channel.WEBFORM
        else:
            assert item.channel is Channel.FIRST_CLASS and "first-class post" in item.how


def test_idle_clock_warns_then_expires_and_wipe_forgets_everything():
    clock = FakeClock()
    s = Session(SessionConfig(timeout=100), today=TODAY, clock=clock, lookup=lambda pc: None)
    answer_all(s, {**BASE, "goal": "know", "channel": "first-class"})
    s.plan()
    clock.advance(79)
    assert not s.should_warn()
    clock.advance(1)
    assert s.should_warn() and not s.expired() and s.seconds_left() == 20
    clock.advance(20)
    assert s.expired()
    s.wipe()
    assert s.answers == {} and s.history == [] and s.store.count() == 0 and not s.expired()
    assert s.current().id == "goal"


def test_config_file_and_flags(isolated_home, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    cfg_dir = isolated_home / "config"
    cfg_dir.mkdir()
    (cfg_dir / "session.toml").write_text(f'printer = "lib-1"\ntimeout = 5\nexport_dir = "{folder}"\n')
    cfg = load_config()
    assert (cfg.printer, cfg.timeout, cfg.export_dir) == ("lib-1", 300.0, folder)
    cfg = load_config(printer="front-desk", timeout_min=0.5)
    assert (cfg.printer, cfg.timeout) == ("front-desk", 30.0)
    assert load_config(tmp_path / "missing.toml").timeout == 600.0
    with pytest.raises(InputError, match="positive number"):
        load_config(timeout_min=0)
    with pytest.raises(InputError, match="does not exist"):
        load_config(export_dir=tmp_path / "nope")
    (cfg_dir / "session.toml").write_text('colour = "red"\n')
    with pytest.raises(DataError, match="unknown setting"):
        load_config()


def test_lookup_cache_stays_in_memory():
    cache = MemoryCache()
    cache.put("https://x/postcode/EH39QZ/", {"a": 1})
    assert cache.get("https://x/postcode/EH39QZ/", 60)[0] == {"a": 1}
    assert cache.clear() == 1 and cache.get("https://x/postcode/EH39QZ/", 60) is None
