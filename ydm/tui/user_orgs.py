"""Save an organisation the user adds in the TUI to their own contacts file (my_contacts.toml).

The writing is `ydm.contacts.add_user_organisation` (the one safe writer every face uses: it checks
the result with the contacts loader before replacing the file); this checks what was typed, in the
words the add-organisation dialog shows, and gives the organisation a fresh readable id.
"""

from __future__ import annotations

from ydm.errors import DataError, InputError
from ydm.model import Category, Organisation


def add(
    display_name: str,
    category: str = "other",
    email: str = "",
    postal_address=(),
    webform: str = "",
    **_ignored,
) -> Organisation:
    """Validate, save through ydm.contacts, and return the organisation as the loader reads it."""
    from ydm import contacts
    from ydm.user_contacts import new_id

    name = " ".join((display_name or "").split())
    if not name:
        raise InputError("the organisation needs a name")
    if not (email or postal_address or webform):
        raise InputError("give at least one way to reach them: an email, a postal address or a web form")
    try:
        kind = Category(category)
    except ValueError:
        raise InputError(f"unknown kind of organisation '{category}'") from None
    webform = (webform or "").strip()
    if webform and not webform.startswith(("http://", "https://")):
        raise InputError(f"'{webform}' is not a web address (it should start with https://)")
    org = Organisation(
        id=new_id(name),
        display_name=name,
        category=kind,
        email=(email or "").strip(),
        postal_address=tuple(line.strip() for line in postal_address if line.strip()),
        webform=webform,
        origin="user",
    )
    try:
        return contacts.add_user_organisation(org)
    except DataError as exc:
        raise InputError(exc.message) from None
