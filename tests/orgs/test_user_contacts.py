"""The user's own organisations: added, replaced by id, validated, never breaking the file."""

from __future__ import annotations

import pytest

from ydm import paths
from ydm.errors import InputError
from ydm.model import Category, Organisation
from ydm.orgs import contacts, user_contacts


def test_added_organisation_is_found_and_merged():
    org = user_contacts.add("Save Our Park Campaign", "campaigner", postal_address=["1 Park Lane", "Leeds LS1 1AA"])
    assert org.id == "my-save-our-park-campaign" and org.origin == "user"
    again = user_contacts.add("Save Our Park Campaign", "campaigner", email="hello@park.example")
    assert again.id == "my-save-our-park-campaign-2"
    directory = contacts.load()
    assert directory.get("my-save-our-park-campaign").postal_address == ("1 Park Lane", "Leeds LS1 1AA")
    assert directory.search("save our park")[0].category is Category.CAMPAIGNER


def test_save_replaces_by_id_and_keeps_everything_else():
    path = paths.user_contacts_file()
    path.parent.mkdir(parents=True)
    path.write_text('# my notes stay\n[[organisation]]\nid = "keep-me"\ndisplay_name = "Keep"\ncategory = "other"\n'
                    'email = "k@example.org"\n', encoding="utf-8")
    office = Organisation(id="ero-leeds", display_name="Leeds ERO", category=Category.ERO,
                          postal_address=("Civic Hall", "Leeds", "LS1 1UR"))
    user_contacts.save(office)
    user_contacts.save(Organisation(id="ero-leeds", display_name="Leeds Electoral Services", category=Category.ERO,
                                    postal_address=("Civic Hall", "Leeds", "LS1 1UR")))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes stay") and text.count('id = "ero-leeds"') == 1
    assert contacts.load().get("ero-leeds").display_name == "Leeds Electoral Services"
    assert contacts.load().get("keep-me").email == "k@example.org"


def test_a_file_the_loader_would_reject_is_left_untouched():
    path = paths.user_contacts_file()
    path.parent.mkdir(parents=True)
    broken = '[[organisation]]\nid = "x"\ndisplay_name = "X"\ncategory = "shop"\n'
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError):
        user_contacts.add("New One", "other", email="n@example.org")
    assert path.read_text(encoding="utf-8") == broken
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize("fields, message", [
    ({"display_name": " "}, "needs a name"),
    ({"display_name": "A"}, "at least one way to reach them"),
    ({"display_name": "A", "category": "shop", "email": "a@example.org"}, "unknown kind"),
    ({"display_name": "A", "email": "not-an-email"}, "not an email address"),
    ({"display_name": "A", "webform": "ftp://x"}, "not a web address"),
])
def test_bad_input(fields, message):
    with pytest.raises(InputError, match=message):
        user_contacts.add(**fields)
