"""What the wizard has gathered so far. Plain data; the screens fill it in step by step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ydm.model import Organisation, Person, RequestKind
from ydm.tui.rows import Draft, RequestRow


@dataclass
class WizardState:
    person: Person | None = None
    nation: str = "england"  # contacts nation name, for "all parties elected in my nation"
    orgs: list[Organisation] = field(default_factory=list)
    kinds: list[RequestKind] = field(default_factory=list)
    extra_text: str = ""
    drafts: list[Draft] = field(default_factory=list)
    sent_on: date | None = None
    related_ref: str = ""  # set when writing the next letter of an existing request
    missing: list[str] = field(default_factory=list)  # follow-up: the Art 15 items their reply left out
    recorded: list[RequestRow] = field(default_factory=list)
    # The registration office the person typed in at step 4 (no lookup key, or the lookup failed);
    # the open-register letter goes there. Kept when they step back and forth.
    office: Organisation | None = None
    # Why an ICO complaint is past the ICO's three months (asked at step 4, LateReasonScreen).
    late_reason: str = ""

    @property
    def continuing(self) -> bool:
        """True when this letter continues an existing request (reminder, complaint, …)."""
        return bool(self.related_ref)
