"""The guided session's plan: each letter, the way it actually travels, and when the answer is due.

Kept apart from `session` (the questions and answers) because the routing rule is the part that
must never go wrong: a letter goes only by a way the organisation accepts (postal address, email,
web form) and the patron can use; a letter with no such way is not planned but shown as blocked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ydm.law import deadlines
from ydm.letters.letter import Letter
from ydm.model import Channel


@dataclass(frozen=True)
class PlanItem:
    """One letter, how it travels and when the answer is due (assuming it is sent today)."""

    letter: Letter
    channel: Channel
    how: str  # "Email to dpo@x.org" / "Post to: ..." / "Web form: https://..."
    deadline: deadlines.Deadline

    @property
    def org_name(self) -> str:
        return self.letter.org.display_name


@dataclass(frozen=True)
class Blocked:
    """A letter that cannot go yet: no way to reach the organisation with what the patron has."""

    letter: Letter
    reason: str

    @property
    def org_name(self) -> str:
        return self.letter.org.display_name


@dataclass
class Plan:
    items: list[PlanItem] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)  # shown on screen and on the sheet, never printed
    notes: list[str] = field(default_factory=list)  # e.g. where the open register letter goes in NI
    by_post: bool = False  # the patron chose post or by hand: a letter that cannot go so is named

    @property
    def letters(self) -> list[Letter]:
        return [i.letter for i in self.items]

    def by_channel(self, *channels: Channel) -> list[PlanItem]:
        return [i for i in self.items if i.channel in channels]


def route(letter: Letter, preferred: Channel, *, can_email: bool) -> tuple[Channel | None, str]:
    """The channel actually used for one letter and where it goes, in words; (None, why) if it cannot go.

    Only ways the organisation accepts (its postal address, email or web form) and the patron can
    use: `can_email` is False when the patron gave no email address and chose post or by hand.
    """
    post = "Post to: " + ", ".join(line for line in letter.recipient_lines)
    web = f"Web form: {letter.recipient_webform}" if letter.recipient_webform else ""
    if preferred is Channel.EMAIL:
        if letter.recipient_email:
            return Channel.EMAIL, f"Email to {letter.recipient_email}"
        if web:
            return Channel.WEBFORM, web + " (no email address is known)"
        if not letter.address_missing:
            return Channel.FIRST_CLASS, post + " (no email address is known, so by first-class post)"
    elif not letter.address_missing:
        if preferred is Channel.HAND:
            return Channel.HAND, post.replace("Post to", "Deliver to")
        return preferred, post
    else:  # no postal address known: email or web form instead of a blank envelope
        if letter.recipient_email and can_email:
            return Channel.EMAIL, f"Email to {letter.recipient_email} (no postal address is known)"
        if web:
            return Channel.WEBFORM, web + " (no postal address is known)"
    name = letter.org.display_name
    if letter.recipient_email:
        return None, (f"Not sent: {name} takes email only and you gave no email address. It needs an email "
                      f"address, or a postal address we don't have. To send it, go back and type your "
                      f"email address, or ask the librarian.")
    return None, (f"Not sent: we have no way to reach {name} (no postal address, email or web form), "
                  "and none was typed in. If you or the librarian find one on their website's privacy "
                  "page, go back and type it in.")
