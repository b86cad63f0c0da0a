"""The words the screens show for the core's kinds of request and of organisation.

Shared by the dashboard, a request's timeline, the wizard, the organisations browser and the
add-your-own dialog. They live here, in plain data, so that no screen imports another screen for a
table of words (the add-your-own dialog once took these from the wizard's who step, which opens it).
"""

from __future__ import annotations

from ydm.model import Category, RequestKind

KIND_LABELS = {
    RequestKind.ACCESS: "Access",
    RequestKind.OBJECT_MARKETING: "Stop marketing",
    RequestKind.OBJECT_PROCESSING: "Stop profiling",
    RequestKind.OPEN_REGISTER: "Open register",
    RequestKind.ERASURE: "Erasure",
    RequestKind.REMINDER: "Reminder",
    RequestKind.COMPLAINT: "Complaint",
    RequestKind.ICO_COMPLAINT: "ICO complaint",
    RequestKind.FOLLOW_UP: "Follow-up",
    RequestKind.IMPRINT_REPORT: "Imprint report",
}



def in_sentence(label: str) -> str:
    """A label inside a sentence: "Reminder" → "reminder", but "ICO complaint" keeps its capitals."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() and len(first) > 1 else label[:1].lower() + label[1:]


CATEGORY_LABELS = {
    Category.PARTY: "Political parties",
    Category.CAMPAIGNER: "Campaigners",
    Category.BROKER: "Data brokers",
    Category.PLATFORM: "Platforms",
    Category.REGULATOR: "Regulators",
    Category.ERO: "Electoral registration",
    Category.OTHER: "Other",
}
