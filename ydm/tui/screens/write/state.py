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
    # Details to leave out of every letter (DetailsScreen; `--leave-out`); None: the usual choice.
    leave_out: tuple[str, ...] | None = None

    @property
    def continuing(self) -> bool:
        """True when this letter continues an existing request (reminder, complaint, …)."""
        return bool(self.related_ref)

    # --- kept for next time (Ctrl+Q in the middle of the wizard; ydm.store.drafts seals it) --------
    def to_draft(self, step: int) -> dict:
        """What is needed to go on later: the details, whom, what, the words added, and the step."""
        from ydm.store.codec import person_to_dict  # lazy: start-up needs no codec

        return {
            "step": step,
            "person": person_to_dict(self.person) if self.person is not None else None,
            "nation": self.nation,
            "orgs": [o.id for o in self.orgs],
            "kinds": [k.value for k in self.kinds],
            "extra_text": self.extra_text,
            "leave_out": list(self.leave_out) if self.leave_out is not None else None,
        }

    @classmethod
    def from_draft(cls, data: dict, get_org) -> tuple[WizardState, int]:  # noqa: ANN001 - backend.get_org
        """The state kept by `to_draft` and the step to go on at; organisations no longer known are left out."""
        from ydm.store.codec import person_from_dict  # lazy: start-up needs no codec

        orgs = []
        for org_id in data.get("orgs", []):
            try:
                orgs.append(get_org(org_id))
            except Exception:  # noqa: BLE001, S112 - an organisation removed since: leave it out
                continue
        kinds = [RequestKind(k) for k in data.get("kinds", []) if k in {x.value for x in RequestKind}]
        person = person_from_dict(data["person"]) if data.get("person") else None
        state = cls(person=person, nation=str(data.get("nation") or "england"), orgs=orgs, kinds=kinds,
                    extra_text=str(data.get("extra_text") or ""),
                    leave_out=tuple(str(x) for x in data["leave_out"]) if data.get("leave_out") else None)
        step = int(data.get("step") or 1)
        # a step is gone back to only when what it needs is there (drafts are written again at review)
        if person is None:
            step = 1
        elif not orgs:
            step = min(step, 2)
        elif not kinds:
            step = min(step, 3)
        return state, max(1, min(step, 4))

    def summary(self) -> str:
        """The kept draft in a few words, for the question whether to go on with it."""
        who = ", ".join(o.display_name for o in self.orgs[:3]) + (" and more" if len(self.orgs) > 3 else "")
        return f"to {who}" if who else "(no organisation chosen yet)"
