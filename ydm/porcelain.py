"""Stable JSON shapes for `--json`: every field always present, versioned by `schema`.

Scripts depend on these; add fields, never rename or drop them.
"""

from __future__ import annotations

from dataclasses import asdict

from ydm.model import Organisation

SCHEMA = 1


def organisation(org: Organisation) -> dict:
    return {
        "id": org.id,
        "display_name": org.display_name,
        "legal_name": org.legal_name,
        "category": org.category.value,
        "aliases": list(org.aliases),
        "nations": list(org.nations),
        "postal_address": list(org.postal_address),
        "email": org.email,
        "alt_emails": list(org.alt_emails),
        "webform": org.webform,
        "privacy_notice": org.privacy_notice,
        "ico_registration": org.ico_registration,
        "electoral_commission_id": org.electoral_commission_id,
        "company_number": org.company_number,
        "phone": org.phone,
        "has_channel": org.has_channel,
        "confidence": dict(org.confidence),
        "seats": [asdict(s) for s in org.seats],
        "sources": [asdict(s) for s in org.sources],
        "last_verified": org.last_verified,
        "notes": org.notes,
        "origin": org.origin,
        # Every published postal address, the one letters use first, each with its date and source.
        "postal_addresses": [asdict(a) for a in org.address_options],
        "local_controllers": asdict(org.local_controllers) if org.local_controllers else None,
    }


def organisations(orgs) -> dict:
    return {"schema": SCHEMA, "organisations": [organisation(o) for o in orgs]}


def error(message: str, *, code: int, kind: str = "", hint: str | None = None) -> dict:
    """What a failed command prints on stdout under `--json` (the `ydm: error:` line still goes to
    stderr): a script reading stdout gets an object, not nothing."""
    return {"schema": SCHEMA, "error": {"message": message, "hint": hint, "exit_code": code, "kind": kind}}
