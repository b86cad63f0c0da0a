"""`ydm session --plain` for a screen reader user (issue 19 item 11): the take-home numbers are the
same in every session, a wrong answer says which number is wrong and repeats only the options, and
the take-home sheet has no arrows (read out as "right arrow")."""

from __future__ import annotations

import re

from ydm.session import takehome
from ydm.session.flow import Session, SessionConfig

from .conftest import PATRON, POSTCODE, STREET, TODAY
from .test_plain import WHOLE, run


def _menu(said: str) -> dict[str, str]:
    """{label: number} of the first take-home menu in what was said."""
    block = said[said.index("What would you like to take with you?"):]
    block = block[:block.index("\n> ")]
    labels = {m.group(2): m.group(1) for m in re.finditer(r"^(\d+)\. ([^:]+):", block, re.M)}
    normal = {label: re.sub(r"\d+ ", "", label) for label in labels}
    return {_SAME.get(normal[label], normal[label]): n for label, n in labels.items()}


# Labels that change with the plan but mean the same choice.
_SAME = {"Print the letter to post": "Print the letters to post",
         "Show the text for email and web forms": "Show the email text"}


def test_take_home_numbers_are_the_same_whatever_is_offered(fresh_dirs, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    bare = _menu(run([*WHOLE, "q"])[1])                                     # no printer, no folder
    full = _menu(run([*WHOLE, "q"], SessionConfig(printer="desk", export_dir=usb))[1])
    post = _menu(run([*WHOLE[:-1], "1", "q"], SessionConfig(printer="desk", export_dir=usb))[1])  # by post
    assert len(bare) < len(full)                                             # different menus...
    for label in bare.keys() & full.keys() | full.keys() & post.keys():
        numbers = {m[label] for m in (bare, full, post) if label in m}
        assert len(numbers) == 1, (label, numbers)                           # ...the same numbers
    assert bare["Finish"] == full["Finish"] == post["Finish"] == "9"
    assert bare["Read the take-home sheet here"] == "8"
    assert "Type one of the numbers (3, 7, 8 or 9), or back" in run([*WHOLE, "q"])[1]


def test_a_number_not_offered_says_so_and_the_menu_is_shown_again(fresh_dirs):
    _code, said, _s, _ = run([*WHOLE, "1", "8", "9", ""])                 # 1 is printing: no printer here
    assert "Sorry: 1 is not one of the options." in said
    assert said.count("What would you like to take with you?") == 3
    assert "Everything was wiped. Thank you." in said


def test_a_wrong_number_says_which_one_and_repeats_only_the_options(fresh_dirs):
    # Question 1: 9 of 4 goals; then "choose the letters" (5 kinds): 1 3 9, then 1 3.
    _code, said, session, _ = run(["", "9", "4", "1 3 9", "1 3", PATRON])
    assert "Sorry: 9 is not one of the options (they are numbered from 1 to 4)." in said
    assert said.count("What would you like to do today?") == 1                 # the question once...
    assert said.count("1. Find out what the parties know about me") == 2     # ...its options again
    assert "Sorry: 9 is not one of the options (they are numbered from 1 to 5)." in said
    assert said.count("Which letters would you like to send?") == 1
    assert said.count("Why we ask: Each organisation you pick later") == 1
    assert "Question 3 of" in said                                            # 1 3 was taken, then the name
    assert said.count("Sorry") == 2


def test_other_wrong_answers_say_what_is_wrong(fresh_dirs):
    _code, said, _s, _ = run(["", "two", "1 2", "1", "  ", PATRON])
    assert "Sorry: 'two' is not a number. Type the numbers of the options (from 1 to 4)." in said
    assert "Sorry: please type just one number, from 1 to 4." in said
    assert "Sorry: Please type your name." in said
    assert said.count("What is your full name?") == 1                        # asked once, then just the line
    assert said.count("Type your answer (as it appears on the electoral register).") == 2


def test_no_arrows_in_the_sheet_or_anywhere_in_the_dialogue(fresh_dirs):
    _code, said, _s, _ = run([*WHOLE[:-1], "1", "8", "7", "3", "9", ""])  # by post: read sheet, letters
    assert "Answer due by:" in said and "then one month" in said
    assert "→" not in said


def test_the_sheet_itself_has_no_arrows():
    """The same words go on the app's screen and in the PDF (`sheet_sections`)."""
    session = Session(SessionConfig(), today=TODAY, lookup=lambda pc: None)
    for qid, value in (("goal", "know"), ("name", PATRON), ("postcode", POSTCODE), ("address", f"{STREET}, Edinburgh"),
                       ("email", "")):
        session.answer(qid, value)
    while (q := session.current()) is not None:  # every other question as it comes (parties, channel)
        session.answer(q.id, q.default)
    text = takehome.sheet_text(session.plan(), TODAY)
    assert "Answer due by:" in text and "then one month" in text and "→" not in text
