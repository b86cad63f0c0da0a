"""QA2: a person's text is cleaned in one place (ydm.profile) before it goes into a letter, whichever
face took it (CLI, TUI form, guided session): no bidirectional or other invisible control
characters, and sensible length limits with a clear message."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.cli import main
from ydm.errors import InputError
from ydm.letters import render as letters
from ydm.orgs import contacts
from ydm.profile import clean_text, make_person

RLO, PDF, LRI, PDI, LRM, RLM, ZWSP, BOM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200e", "\u200f", "\u200b", "\ufeff"
INVISIBLE = (RLO, PDF, LRI, PDI, LRM, RLM, ZWSP, BOM, "\u202a", "\u202b", "\u202d", "\u2067", "\u2068", "\x1b", "\x00")


def test_clean_text_drops_bidi_and_invisible_controls_but_keeps_letters():
    assert clean_text(f"Al{RLO}ex{PDF} Sm{ZWSP}ith{BOM}") == "Alex Smith"
    assert clean_text(f"{LRI}7 Quiet Lane{PDI}{LRM}{RLM}") == "7 Quiet Lane"
    assert clean_text("Tab\there\x1b[31m") == "Tab here[31m"
    assert clean_text("Siân Ó Súilleabháin") == "Siân Ó Súilleabháin"
    assert clean_text("a\u0302") == "â"  # NFC: one letter
    assert clean_text("مهدی\u200cزاده") == "مهدی\u200cزاده"  # ZWNJ is part of the spelling: kept
    assert clean_text("line one\nline two", keep_newlines=True) == "line one\nline two"


def test_make_person_cleans_every_field():
    p = make_person(name=f"Zoë{RLO} Example{PDF}", address=f"1 High{ZWSP} Street\n{LRI}Exampletown{PDI}",
                    postcode=f"EX1{BOM} 2AB", email=f"zoe{ZWSP}@example.org", phone=f"{LRM}0123 456",
                    other_names=[f"Zoë{RLM} Other"], electoral_number=f"AB{RLO}-123")
    assert p.name == "Zoë Example"
    assert p.address == ("1 High Street", "Exampletown") and p.postcode == "EX1 2AB"
    assert p.email == "zoe@example.org" and p.phone == "0123 456"
    assert p.other_names == ("Zoë Other",) and p.electoral_number == "AB-123"
    text = letters.render("access", p, contacts.load().get("libdems"), today=date(2026, 11, 26)).text
    assert not any(ch in text for ch in INVISIBLE)


@pytest.mark.parametrize("field, value, message", [
    ("name", "A" * 201, "your name is too long (201 characters; at most 200)"),
    ("address", "1 " + "Long Road " * 30, "an address line is too long"),
    ("other_names", ["B" * 500], "another name is too long"),
    ("account_refs", ["x"] * 21, "too many lines in 'account_refs'"),
])
def test_lengths_are_capped_with_a_clear_message(field, value, message):
    fields = {"name": "Alex Example", "email": "alex@example.org", field: value}
    with pytest.raises(InputError) as err:
        make_person(**fields)
    assert message in err.value.message
    assert make_person(name="A" * 200, email="alex@example.org").name == "A" * 200


def test_cli_letter_has_no_bidi_controls_and_refuses_a_huge_name(capsys, monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")
    code = main(["letter", "access", "--to", "libdems", "--name", f"Eve{RLO}lyn{PDF} Example",
                 "--email", "eve@example.org"])
    out, _err = capsys.readouterr()
    assert code == 0 and "Evelyn Example" in out and not any(ch in out for ch in INVISIBLE)
    code = main(["letter", "access", "--to", "libdems", "--name", "N" * 5000, "--email", "eve@example.org"])
    out, err = capsys.readouterr()
    assert code == 2 and "too long (5000 characters; at most 200)" in err and "N" * 300 not in out + err


def test_tui_form_and_session_use_the_same_rules():
    from ydm.session.flow import Session
    from ydm.tui.screens.write.about_you import person_from

    values = {"name": f"Ada{RLO} Lovelace", "address": f"{LRI}12 St James's Square{PDI}, London",
              "postcode": "SW1Y 4LB", "email": "", "phone": "", "previous": "", "other_names": "", "dob": "",
              "electoral_number": ""}
    p = person_from(values)
    assert p.name == "Ada Lovelace" and p.address == ("12 St James's Square", "London")
    with pytest.raises(InputError, match="too long"):
        person_from({**values, "name": "Z" * 5000})

    s = Session(today=date(2026, 11, 26), lookup=lambda pc, *a: None)
    s.answer("goal", "know")
    s.answer("name", f"Ada{RLO} Love{ZWSP}lace")
    assert s.answers["name"] == "Ada Lovelace"
    with pytest.raises(InputError, match="too long"):
        s.answer("name", "Z" * 5000)
    s.answer("postcode", "SW1Y 4LB")
    s.answer("address", f"{LRI}12 St James's Square{PDI}\nLondon")
    assert s.answers["address"] == "12 St James's Square, London"
    with pytest.raises(InputError, match="too long"):
        s.answer("address", "1 " + "Long Road " * 30)
    assert s.person().name == "Ada Lovelace"


def test_the_persons_own_words_in_a_letter_are_cleaned_too():
    p = make_person(name="Alex Example", email="alex@example.org")
    letter = letters.render("object-processing", p, contacts.load().get("libdems"), today=date(2026, 11, 26),
                            extra_text=f"Please {RLO}stop{PDF}.\nThank you{ZWSP}.", grounds=f"I{LRI} object{PDI}")
    assert "Please stop.\nThank you." in letter.text and "I object" in letter.text
    assert not any(ch in letter.text for ch in INVISIBLE)
