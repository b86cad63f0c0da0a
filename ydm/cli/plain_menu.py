"""The numbers and small sentences of `ydm session --plain` (see `plain_session`): the take-home
menu's fixed numbers, how a wrong number is named, and removing the files a patron saved.

Why fixed numbers: a librarian can say "type 9 to finish", and a screen reader user learns the
menu once; a choice this computer cannot offer (no printer, no export folder) is left out and the
others keep their number.
"""

from __future__ import annotations

from ydm.session import takehome


def delete_saved(paths: list[str]) -> list[str]:
    """Remove the files this session saved; a sentence for each one that could not be removed."""
    from ydm.session.export_folder import remove

    return [f"could not delete {path} ({why})" for path, why in remove(paths)]


# The take-home menu's numbers: each choice keeps its number whether or not it is offered.
MENU_NUMBERS = {"print-letters": 1, "save-letters": 2, "email": 3, "print-sheet": 4, "save-sheet": 5,
                "save-ics": 6, "read-letters": 7, "read-sheet": 8, "finish": 9}


def menu_numbers(acts: list[takehome.Action]) -> dict[int, takehome.Action]:
    """{number: action}, by MENU_NUMBERS; a choice added later gets the next number after them."""
    numbered: dict[int, takehome.Action] = {}
    extra = max(MENU_NUMBERS.values())
    for act in acts:
        if act.id not in MENU_NUMBERS:
            extra += 1
        numbered[MENU_NUMBERS.get(act.id, extra)] = act
    return dict(sorted(numbered.items()))


def spoken(numbers: list[int]) -> str:
    """1, 3, 7 or 9."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def numbers_wrong(part: str, count: int) -> str:
    """Which answer is wrong, and what the right ones are: '9 is not one of the options (...)'."""
    span = "1" if count == 1 else f"from 1 to {count}"
    if part.isdigit():
        return f"{part} is not one of the options (they are numbered {span})."
    return f"'{part}' is not a number. Type the numbers of the options ({span})."
