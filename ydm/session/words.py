"""The guided session's plain words: what each goal and letter means, the ways to send, the nations.

Kept apart from the questions (`session.questions`) and the answer checks (`session.answers`) so the
everyday wording can be read and edited in one place, and so the faces (`plain_session`, the guided
screens, `takehome`) can show it without loading the question flow. Depends on nothing in the session.
"""

from __future__ import annotations

from ydm import postcodes
from ydm.model import Channel, RequestKind

GOALS: dict[str, tuple[str, str]] = {
    "know": (
        "Find out what the parties know about me",
        ("A letter to each party with elected representatives where you live, asking for a copy "
        "of everything they hold about you and where they got it."),
    ),
    "stop-contact": (
        "Stop parties contacting me",
        ("A letter to each of those parties telling them to stop sending you leaflets, calls, texts "
        "and emails. They must stop, with one exception: at an election, each candidate may still "
        "send you one election leaflet free by post."),
    ),
    "stop-sold": (
        "Stop my details being sold",
        ("Letters to data brokers telling them to stop using your details for marketing, and one to "
        "the electoral registration office for your address to take you off the open register, "
        "which anyone can buy."),
    ),
    "choose": ("Choose the letters myself", "Pick the kind of letter and the organisations yourself."),
}

KIND_TITLES = {
    RequestKind.ACCESS: "Get a copy of my data",
    RequestKind.OBJECT_MARKETING: "Stop marketing me",
    RequestKind.OBJECT_PROCESSING: "Stop profiling me",
    RequestKind.OPEN_REGISTER: "Take me off the open register",
    RequestKind.ERASURE: "Delete my data",
}

# What each letter does, what to expect, how long, and what if nothing comes back: everyday words.
KIND_EXPLAINED = {
    RequestKind.ACCESS: (
        "A 'subject access request'. The law says they must send you a copy of the information "
        "they hold about you, say where they got it, why they use it and who they shared it with. "
        "It is free. They have one month; they can extend by two more months if they tell you why "
        "within the first month. If they ask you to prove who you are, their month starts again "
        "from the day they receive your proof. If they ask what exactly you want, the days from "
        "their question to your answer do not count."
    ),
    RequestKind.OBJECT_MARKETING: (
        "An objection to direct marketing. You do not need a reason: once they get it they must "
        "stop using your details to send you political or marketing messages, by post, phone, "
        "text or email. They should confirm within one month."
    ),
    RequestKind.OBJECT_PROCESSING: (
        "An objection to profiling. It asks them to stop scoring you or guessing how you vote. "
        "They must stop unless they can show a strong reason of their own. They have one month."
    ),
    RequestKind.OPEN_REGISTER: (
        "A request to your electoral registration office to leave you out of the open register, "
        "the version of the electoral register that anyone can buy. You stay on the full "
        "register and can still vote. Copies already sold cannot be changed."
    ),
    RequestKind.ERASURE: (
        "A request to delete what they hold about you. They must delete it unless the law lets "
        "them keep it, and tell you what they did within one month."
    ),
}

NO_ANSWER = (
    "If there is no answer by the due date, send a reminder. If there is still nothing, complain "
    "to the organisation itself; it must acknowledge a complaint within 30 days. After that you can "
    "complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113) within three "
    "months of your last contact with the organisation."
)

# The same fact the objection letter states for parties (letter_templates/object-marketing.txt.j2;
# law.md R27): candidates keep their right to one election mailing free of postage.
ELECTION_POST = (
    "A letter telling a party to stop contacting you covers everything except one thing: at an "
    "election, each candidate still has a legal right to send you one election leaflet free of "
    "postage (section 91 of the Representation of the People Act 1983). The letter says so."
)

# Question ids for "we have no address for this organisation": RECIPIENT + the organisation's id.
RECIPIENT = "to:"

CHANNELS: dict[str, tuple[Channel, str, str]] = {
    "first-class": (Channel.FIRST_CLASS, "Post, first class", "We print the letters; you post them."),
    "second-class": (Channel.SECOND_CLASS, "Post, second class", "Cheaper; counted as arriving two days later."),
    "email": (Channel.EMAIL, "Email from my own email",
              ("We show the address and the text to paste into your own webmail. Organisations "
              "without an email address get theirs by web form or first-class post.")),
    "hand": (Channel.HAND, "By hand", "You deliver the letters yourself."),
}
# The app's tick boxes; `--plain` leaves the sentence out (it says how to choose by number instead).
UNTICK = " Untick any you want to leave out."
# First-class post where no printer is set up (the welcome says so too).
NO_PRINTER_POST = "You print the letters elsewhere and post them: no printer is set up here."

NATION_NAMES = {"england": "England", "scotland": "Scotland", "wales": "Wales",
                "northern-ireland": "Northern Ireland"}


def nation_guess(postcode: str) -> tuple[str, bool]:
    """(england|scotland|wales|northern-ireland, sure): near a border, not sure, so we ask."""
    return postcodes.nation_of_residence(postcode)


def ero_words(nation: str | None) -> dict[str, str]:
    """Who keeps the electoral register, in the patron's nation, and how to find it (law.md §5).

    England and Wales: the council's electoral registration officer. Scotland: not the council but
    the electoral registration officer at the local assessor or valuation joint board. Northern
    Ireland: the Electoral Office for Northern Ireland (EONI) for everyone, so nothing is asked.
    """
    if nation == "scotland":
        return {
            "who": ("the electoral registration officer at your local assessor or valuation joint board "
                    "(in Scotland it is not the council)"),
            "title": "Registration office",
            "ask": "Which assessor or valuation joint board covers your address?",
            "find": ("the librarian can help you find it: search the web for 'electoral registration' "
                     "and your council area, or look at the Scottish Assessors' website, saa.gov.uk."),
            "hint": "like Lothian Valuation Joint Board",
            "address": "It is on the assessor's or valuation joint board's 'electoral registration' web page.",
            "empty": "Please type the name of the assessor or valuation joint board.",
        }
    if nation == "northern-ireland":
        return {
            "who": "the Electoral Office for Northern Ireland (EONI), which keeps the register for everyone there",
            "title": "Registration office", "ask": "", "find": "", "hint": "", "address": "",
            "empty": "Please type the office's name.",
        }
    return {
        "who": "the electoral registration officer at your council",
        "title": "Council",
        "ask": "Which council do you pay council tax to?",
        "find": "the librarian can help you find it on the council's website.",
        "hint": "like Cardiff Council",
        "address": "It is usually on the council's 'electoral registration' web page.",
        "empty": "Please type the council's name.",
    }


def seconds(n: int) -> str:
    """'1 second', '20 seconds'."""
    return f"{n} second" + ("" if n == 1 else "s")


def minutes(n: float) -> str:
    """'1 minute', '10 minutes', '1.5 minutes'; under a minute in seconds ('30 seconds')."""
    if n < 1:
        return seconds(round(n * 60))
    return f"{n:g} minute" + ("" if n == 1 else "s")
