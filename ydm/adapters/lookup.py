"""Find a person's electoral registration office (ERO) from their postcode.

Used by `ydm lookup`, the TUI wizard and the guided session, all through `find_office`. Two public
APIs give the answer (law.md §6): the Democracy Club developer API and the Electoral Commission API,
both keyed, both with the same JSON shape. We use the `registration` contact when present (in
Scotland and Northern Ireland registration is not the council's job) and fall back to
`electoral_services`. Northern Ireland is always EONI, so a BT postcode is answered without any call.

Privacy: only the postcode (and the API token) leaves the machine; never a name or address. Cached
answers are trimmed to the contact fields, keyed by a hash of the token-free URL, and expire after a
day. A remembered office is saved as a user organisation *without* the person's postcode.

Without a key, or offline, the faces offer the manual path: the person types the office's address
(`manual_office` + `remember_office`), and letters can then go to it like to any organisation.

This module is the adapter (keys, providers, the HTTP call, its cache and errors). What an office
is, reading an answer into one, typed-in and remembered offices live in `ydm.orgs.offices`; their
public names are re-exported here, so `lookup.Office`, `lookup.manual_office`, ... keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ydm import clock
from ydm.adapters.http import HttpClient, HttpStatusError, base_url, load_config
from ydm.errors import InputError, NotFoundError
from ydm.model import Nation
from ydm.orgs.offices import (
    ADDRESS_SLUG,
    EONI,
    EONI_SOURCE,
    LABELS,
    AddressChoice,
    Office,
    dated,
    manual_office,
    office_as_organisation,
    office_id,
    parse_answer,
    remember_office,
    remembered_offices,
)
from ydm.postcodes import nation_of_postcode, normalise

__all__ = [
    "CACHE_TTL",
    "EONI",
    "EONI_SOURCE",
    "KEY_SIGNUP",
    "LABELS",
    "PROVIDERS",
    "AddressChoice",
    "LookupResult",
    "MissingKeyError",
    "Office",
    "api_key",
    "choice_slug",
    "choose_provider",
    "find_office",
    "key_help",
    "key_name",
    "manual_office",
    "office_as_organisation",
    "office_id",
    "parse_answer",
    "remember_office",
    "remembered_offices",
]

PROVIDERS = ("democracy-club", "electoral-commission")
_TOKEN_PARAM = {"democracy-club": "auth_token", "electoral-commission": "token"}
KEY_SIGNUP = {
    "democracy-club": "https://developers.democracyclub.org.uk/ (ask Democracy Club for a key: the API is in private beta)",
    "electoral-commission": "https://api.electoralcommission.org.uk/ (log in or register, then create a key)",
}
CACHE_TTL = 24 * 3600  # seconds: postcode -> office is location data, so keep it briefly


def key_name(provider: str) -> str:
    """The keyring entry (service `ydm`) that holds a provider's API key."""
    return f"{provider}-api-key"


class MissingKeyError(InputError):
    """No API key for any lookup provider: the face explains how to get one and offers manual entry."""


@dataclass(frozen=True)
class LookupResult:
    """Either an office, or the addresses to choose from (a postcode split between councils)."""

    postcode: str
    office: Office | None = None
    choices: tuple[AddressChoice, ...] = ()
    provider: str = ""
    from_cache: bool = False
    stale: bool = False  # an expired cached answer, used because the network failed
    notes: tuple[str, ...] = field(default=())
    constituencies: tuple[str, ...] = ()  # Westminster constituencies of upcoming ballots, when the answer has any

    @property
    def needs_address(self) -> bool:
        return self.office is None and bool(self.choices)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "found" if self.office else "choose-address",
            "postcode": self.postcode,
            "provider": self.provider,
            "office": self.office.as_dict() if self.office else None,
            "organisation_id": office_id(self.office) if self.office else None,
            "addresses": [
                {"number": i, "slug": c.slug, "address": c.address, "postcode": c.postcode}
                for i, c in enumerate(self.choices, 1)
            ],
            "from_cache": self.from_cache,
            "stale": self.stale,
            "notes": list(self.notes),
        }


# --- keys and providers -------------------------------------------------------------------------


def api_key(provider: str) -> str | None:
    """The stored key, or None (also when no keyring backend exists: then there is no key)."""
    from keyring.errors import KeyringError

    from ydm.adapters.secrets import get_secret

    try:
        return get_secret(key_name(provider)) or None
    except (KeyringError, RuntimeError):  # no usable backend: there is no key
        return None


def choose_provider(provider: str | None = None) -> tuple[str, str]:
    """(provider, key): the one asked for, else lookup.toml's `provider`, else the first with a key."""
    if provider is not None and provider not in PROVIDERS:
        raise InputError(f"unknown lookup provider '{provider}' (choose {' or '.join(PROVIDERS)})")
    if provider is None:
        preferred = load_config().get("provider")
        order = [preferred] if preferred in PROVIDERS else []
        order += [p for p in PROVIDERS if p not in order]
    else:
        order = [provider]
    for name in order:
        key = api_key(name)
        if key:
            return name, key
    raise MissingKeyError(
        "no API key is set for finding electoral registration offices",
        hint=key_help(provider),
    )


def key_help(provider: str | None = None) -> str:
    """How to get and store a key, in one paragraph for any face."""
    names = [provider] if provider else list(PROVIDERS)
    from ydm.adapters.secrets import env_name

    ways = "; or ".join(f"{LABELS[p]}: {KEY_SIGNUP[p]}, then run 'ydm config set-key {p}' "
                        f"(or set {env_name(key_name(p))})" for p in names)
    return (f"get a key from {ways}. Or type the office's address yourself: ydm lookup POSTCODE --manual")


# --- the lookup ---------------------------------------------------------------------------------


def find_office(
    postcode: str,
    *,
    address: str | None = None,
    provider: str | None = None,
    client=None,
    today: date | None = None,
    use_cache: bool = True,
) -> LookupResult:
    """The registration office for a postcode, or the addresses to pick from when it is split.

    `address` is a slug/UPRN from an earlier answer's choices. `use_cache=False` writes nothing to
    disk and reads nothing from it (the guided session, which persists nothing). Raises InputError (bad postcode or
    slug), MissingKeyError (no key), NotFoundError (the API does not know the postcode/address),
    NetworkError (offline with nothing cached, or an answer that cannot be read).
    """
    postcode = normalise(postcode)
    today = today or clock.today()
    if nation_of_postcode(postcode) is Nation.NORTHERN_IRELAND:
        office = dated(EONI, today)
        return LookupResult(postcode, office, provider="eoni", notes=("In Northern Ireland EONI keeps the register.",))
    if address is not None and not ADDRESS_SLUG.match(address):
        raise InputError(f"'{address}' is not an address id from the list (use --address N or the slug shown)")
    provider, key = choose_provider(provider)
    path = f"address/{address}/" if address else f"postcode/{postcode.replace(' ', '')}/"
    url = f"{base_url(provider)}/{path}"
    token = _TOKEN_PARAM[provider]
    own_client = client is None
    client = client or HttpClient()
    try:
        answer = client.get_json(
            url,
            params={token: key},
            secret_params=(token,),
            cache_ttl=CACHE_TTL if use_cache else None,
            keep=_trim,
            what=f"the {LABELS[provider]} lookup",
        )
    except HttpStatusError as exc:
        raise _explain(exc, provider, postcode, address) from None
    finally:
        if own_client:
            client.close()
    checked = answer.fetched_at.date() if answer.from_cache else today
    office, choices = parse_answer(answer.data, provider, today=checked)
    notes = ()
    if answer.stale:
        notes = (f"Offline: this is the answer saved on {answer.fetched_at.date().isoformat()}.",)
    if office is None and not choices:
        raise NotFoundError(f"{LABELS[provider]} has no electoral registration contact for {postcode}")
    return LookupResult(postcode, office, choices, provider, answer.from_cache, answer.stale, notes,
                        constituencies(answer.data))


def constituencies(data: Any) -> tuple[str, ...]:
    """The constituency names of upcoming UK Parliament ballots (`parl.` ballot ids) in an answer."""
    names: list[str] = []
    for day in (data.get("dates") or []) if isinstance(data, dict) else []:
        for ballot in (day.get("ballots") or []) if isinstance(day, dict) else []:
            if isinstance(ballot, dict) and str(ballot.get("ballot_paper_id", "")).startswith("parl."):
                name = str(ballot.get("post_name") or "").strip()
                if name and name not in names:
                    names.append(name)
    return tuple(names)


def _explain(exc, provider: str, postcode: str, address: str | None):
    label = LABELS[provider]
    if exc.status in (401, 403):
        return InputError(
            f"{label} refused the API key (HTTP {exc.status}); store a new one with 'ydm config set-key {provider}'"
        )
    if exc.status in (400, 404):
        what = "that address" if address else f"the postcode {postcode}"
        detail = f" ({exc.detail})" if exc.detail else ""
        return NotFoundError(f"{label} does not know {what}{detail}")
    return exc


def _trim(data: Any) -> Any:
    """Keep only what we use before caching: no candidates, no polling stations, no coordinates."""
    if not isinstance(data, dict) or "address_picker" not in data:
        return data  # left whole, so parse_answer reports the wrong shape
    kept = {k: data.get(k) for k in ("address_picker", "addresses", "electoral_services", "registration")}
    kept["dates"] = [{"ballots": [{"ballot_paper_id": b.get("ballot_paper_id"), "post_name": b.get("post_name")}
                                  for b in (d.get("ballots") or []) if isinstance(b, dict)]}
                     for d in (data.get("dates") or []) if isinstance(d, dict)]  # the constituency only
    return kept


def choice_slug(result: LookupResult, number: int) -> str:
    """The slug of the Nth (1-based) address choice; InputError when out of range."""
    if not 1 <= number <= len(result.choices):
        raise InputError(f"--address must be between 1 and {len(result.choices)}")
    return result.choices[number - 1].slug
