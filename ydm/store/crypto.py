"""Encryption at rest for the request store: AES-GCM records, a wrapped data key, scrypt passphrases.

Why this shape:
- One random 256-bit *data key* (DEK) encrypts every record with AES-GCM (`cryptography`, no
  home-made primitives). Each record is bound to its row by associated data, so ciphertexts cannot
  be swapped between rows or tables without detection.
- The DEK never touches disk in the clear: the store keeps it *wrapped* (AES-GCM) by a *key
  encryption key* (KEK). The KEK lives in the OS keyring (service `ydm`) or, where no keyring
  backend exists, is derived from a passphrase with scrypt. A wrong KEK fails the unwrap, which
  gives a clear "wrong key" error before anything is read or written.
- Plaintexts are padded before sealing, by one scheme for every kind of record (`padded_size`): up
  to a floor chosen above what a record of that table usually holds, then to the next power of two.
  So a ciphertext's length tells neither which letter kind (e.g. a political objection) a row holds
  nor how many events a request has; what lengths still show is how many records there are, their
  order, and that a record is unusually long (a letter with pages of added text). (A reply's files,
  whose bytes may end with NUL, are padded by `binary_padding` instead.)
- Lookup tokens (HMAC-SHA256 under a sub-key of the DEK) let the store find a request by reference
  without storing the reference itself.

Imported lazily by the store only; `ydm letter` and `ydm deadline` never load cryptography.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ydm.errors import StoreError

KEY_LEN = 32
NONCE_LEN = 12
_VERSION = b"\x01"
# scrypt cost: 2**15 * 8 * 128 bytes = 32 MiB and ~0.1 s; OWASP's minimum is 2**17/8/1 for
# password *storage*; here an attacker needs the file AND the passphrase search, and the user waits
# on every CLI call, so we take N=2**15 and record the parameters so they can be raised later.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# One rule for every new passphrase, whichever face asks (the TUI's modal checks the same length):
# YDM_PASSPHRASE / YDM_NEW_PASSPHRASE for a new store or a rekey, and the terminal prompt. Existing
# stores open with whatever passphrase they were made with (nobody is locked out by a later rule).
MIN_PASSPHRASE = 8


class WrongKey(StoreError):
    """The key or passphrase does not open this store."""


def new_key() -> bytes:
    """A fresh random 256-bit key from the OS CSPRNG."""
    return os.urandom(KEY_LEN)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def padded_size(length: int, floor: int) -> int:
    """The size a plaintext of `length` bytes is padded to: `floor`, or the next power of two above
    it when the record is longer (at least one NUL always follows the text). Powers of two, not
    multiples of a step: with steps, each added event or paragraph shows as one more step."""
    size = max(floor, 1)
    while size < length + 1:
        size *= 2
    return size


def _pad(data: bytes, bucket: int) -> bytes:
    """Pad with NUL bytes to `padded_size(len(data), bucket)` (JSON text never ends with NUL)."""
    if bucket <= 1:
        return data
    return data + b"\x00" * (padded_size(len(data), bucket) - len(data))


def _unpad(data: bytes) -> bytes:
    return data.rstrip(b"\x00")


class Cipher:
    """Seals and opens records under one data key."""

    def __init__(self, key: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != KEY_LEN:
            raise StoreError("the store key has the wrong length")
        self._aead = AESGCM(key)
        # A separate sub-key for lookup tokens: never use one key for two purposes.
        self._mac_key = hmac.new(key, b"ydm lookup-token v1", hashlib.sha256).digest()

    def seal(self, plaintext: bytes, aad: bytes, *, bucket: int = 1) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        return _VERSION + nonce + self._aead.encrypt(nonce, _pad(plaintext, bucket), _VERSION + aad)

    def open(self, blob: bytes, aad: bytes, *, padded: bool = True) -> bytes:
        """The plaintext; `padded` strips the NUL padding of records sealed with a bucket (JSON text,
        which never ends with NUL). Binary payloads (a wrapped key) are opened with padded=False:
        a random key ends with a NUL byte one time in 256, and stripping it broke that store."""
        from cryptography.exceptions import InvalidTag

        if not blob or blob[:1] != _VERSION or len(blob) < 1 + NONCE_LEN + 16:
            raise StoreError("a record in the store is damaged or from an unknown version")
        try:
            plain = self._aead.decrypt(blob[1 : 1 + NONCE_LEN], blob[1 + NONCE_LEN :], _VERSION + aad)
        except InvalidTag:
            raise StoreError("a record in the store is damaged or was encrypted with another key") from None
        return _unpad(plain) if padded else plain

    def open_texts(self, sealed: Iterable[tuple[bytes, bytes]], prefix: bytes = b"") -> list[str]:
        """`open` of many padded text records, as str, in one loop: the same checks and errors without a
        Python call per record (that was a third of the time of listing 10,000). `sealed` gives
        (blob, the end of its associated data); the associated data is `prefix` + that end."""
        from cryptography.exceptions import InvalidTag

        decrypt, first, start, out = self._aead.decrypt, _VERSION[0], _VERSION + prefix, []
        try:
            for blob, suffix in sealed:
                if not blob or blob[0] != first or len(blob) < 1 + NONCE_LEN + 16:
                    raise StoreError("a record in the store is damaged or from an unknown version")
                out.append(decrypt(blob[1:1 + NONCE_LEN], blob[1 + NONCE_LEN:], start + suffix)
                           .rstrip(b"\x00").decode("utf-8"))
        except InvalidTag:
            raise StoreError("a record in the store is damaged or was encrypted with another key") from None
        return out

    def token(self, text: str) -> bytes:
        """A stable, keyed, non-reversible lookup token (16 bytes) for an identifier."""
        return hmac.new(self._mac_key, text.encode("utf-8"), hashlib.sha256).digest()[:16]


def wrap_key(kek: bytes, dek: bytes, aad: bytes) -> bytes:
    return Cipher(kek).seal(dek, b"ydm wrapped-key|" + aad)


def unwrap_key(kek: bytes, wrapped: bytes, aad: bytes) -> bytes:
    """Unwrap the data key; a wrong KEK gives `WrongKey` with a plain message."""
    try:
        dek = Cipher(kek).open(wrapped, b"ydm wrapped-key|" + aad, padded=False)  # sealed unpadded
    except StoreError:
        raise WrongKey("the key or passphrase does not open this store; nothing was changed") from None
    if len(dek) != KEY_LEN:
        raise WrongKey("the key or passphrase does not open this store; nothing was changed")
    return dek


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters, stored next to the wrapped key so they can be raised in later versions."""

    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    # "NFC": the passphrase is put in Unicode normal form C before scrypt, so "é" typed as one code
    # point or as e + combining accent (macOS, some keyboards) is the same passphrase. "" = a store
    # made before this rule: opened with the passphrase as typed, then moved to NFC (open_envelope).
    norm: str = ""

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=os.urandom(16), norm="NFC")

    def to_dict(self) -> dict:
        d = {"alg": "scrypt", "salt": b64(self.salt), "n": self.n, "r": self.r, "p": self.p}
        return {**d, "norm": self.norm} if self.norm else d

    @classmethod
    def from_dict(cls, d: dict) -> KdfParams:
        if d.get("alg") != "scrypt" or d.get("norm", "") not in ("", "NFC"):
            raise StoreError("the store uses an unknown key-derivation method")
        return cls(salt=unb64(d["salt"]), n=int(d["n"]), r=int(d["r"]), p=int(d["p"]), norm=d.get("norm", ""))


def derive_kek(passphrase: str, params: KdfParams) -> bytes:
    """Stretch a passphrase into a key with scrypt (memory-hard, from `cryptography`)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not passphrase:
        raise StoreError("the passphrase is empty")
    if params.norm == "NFC":
        passphrase = unicodedata.normalize("NFC", passphrase)
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 (a terminal or variable in another encoding)
        raise StoreError("the passphrase is not valid text (it has bytes that are not UTF-8); "
                         "nothing was changed") from None
    kdf = Scrypt(salt=params.salt, length=KEY_LEN, n=params.n, r=params.r, p=params.p)
    return kdf.derive(secret)


def _legacy_forms(passphrase: str) -> list[str]:
    """A pre-NFC store: the passphrase as typed first (what it was made with, most likely), then its
    other normal forms, so whoever typed it in another form is not locked out."""
    forms = [passphrase]
    for form in ("NFC", "NFD"):
        other = unicodedata.normalize(form, passphrase)
        if other not in forms:
            forms.append(other)
    return forms


# --- Key handling: where the key-encryption key comes from -----------------------------------

KEYRING = "keyring"
PASSPHRASE = "passphrase"

# provider(purpose, confirm) -> passphrase; the CLI passes a getpass prompt, the TUI a modal.
PassphraseProvider = Callable[[str, bool], str]


def check_new_passphrase(value: str, where: str = "the passphrase") -> str:
    """The rule for a passphrase that will protect a store from now on (not for opening one)."""
    from ydm.errors import InputError

    if len(value) < MIN_PASSPHRASE:
        raise InputError(f"{where} is too short for a new store: choose at least {MIN_PASSPHRASE} characters; "
                         "nothing was changed")
    return value


def _passphrase(provider: PassphraseProvider | None, *, new: bool) -> str:
    name = "YDM_NEW_PASSPHRASE" if new else "YDM_PASSPHRASE"
    env = os.environ.get(name)
    if new and not env:
        name = "YDM_PASSPHRASE"
        env = os.environ.get(name) if provider is None else None
    if env:
        return check_new_passphrase(env, name) if new else env
    if provider is None:
        if new:
            raise StoreError("no OS keyring is available, so the store needs a passphrase: "
                             "set YDM_PASSPHRASE (or YDM_NEW_PASSPHRASE) or run ydm in a terminal")
        raise StoreError("the store is locked with a passphrase: set YDM_PASSPHRASE or run ydm in a terminal")
    purpose = "new passphrase for the ydm store" if new else "passphrase for the ydm store"
    value = provider(purpose, new)
    if not value:
        raise StoreError("no passphrase given; nothing was changed")
    return check_new_passphrase(value) if new else value


def _keyring_kek(name: str) -> bytes:
    from ydm.adapters import secrets

    if not secrets.keyring_available():
        raise StoreError(
            "the store's key is kept in the OS keyring, but no keyring is available now "
            "(unlock or install one; nothing was changed)"
        )
    try:
        value = secrets.get_secret(name)
    except Exception as exc:  # noqa: BLE001 - locked, denied, or a backend's own error (D-Bus, OS calls)
        raise StoreError(f"the OS keyring refused to give the store key ({type(exc).__name__}); "
                         "nothing was changed") from None
    if not value:
        raise WrongKey("the store's key is missing from the OS keyring; nothing was changed")
    try:
        return unb64(value)
    except ValueError:
        raise WrongKey("the store's key in the OS keyring is damaged; nothing was changed") from None


def choose_mode() -> str:
    """Keyring when a real backend exists, else passphrase. Never plain text."""
    from ydm.adapters import secrets

    return KEYRING if secrets.keyring_available() else PASSPHRASE


def new_key_name(store_id: str) -> str:
    """A new keyring entry name: the store's id (whose key it is) and a random part (which one)."""
    return f"store-key-{store_id}-{b64(os.urandom(6)).replace('/', '_').replace('+', '-')}"


def new_envelope(
    store_id: str, dek: bytes, *, mode: str, provider: PassphraseProvider | None, new: bool, name: str = ""
) -> dict[str, str]:
    """Wrap `dek` under a fresh KEK; returns the meta rows to store next to the data.

    In keyring mode the KEK is written to the keyring under a *new* name first (`name`, or a fresh
    one), so a crash before the database commit leaves the old key in place; the new entry is then
    an orphan, which the next open deletes when its name was noted as pending (store.keyring_keys).
    """
    aad = store_id.encode()
    if mode == KEYRING:
        from ydm.adapters import secrets

        if not secrets.keyring_available():
            raise StoreError("no OS keyring is available; use a passphrase instead")
        kek = new_key()
        name = name or new_key_name(store_id)
        try:
            secrets.set_secret(name, b64(kek))
            stored = secrets.get_secret(name)
        except Exception as exc:  # noqa: BLE001 - KeyringError or a backend's own error: report, never crash
            raise StoreError(f"the OS keyring refused to keep the store key ({type(exc).__name__})") from None
        if stored != b64(kek):
            raise StoreError("the OS keyring did not keep the store key; nothing was changed")
        return {"key_mode": KEYRING, "key_name": name, "kdf": "", "wrapped_key": b64(wrap_key(kek, dek, aad))}
    if mode == PASSPHRASE:
        params = KdfParams.fresh()
        kek = derive_kek(_passphrase(provider, new=new), params)
        return {
            "key_mode": PASSPHRASE,
            "key_name": "",
            "kdf": json.dumps(params.to_dict()),
            "wrapped_key": b64(wrap_key(kek, dek, aad)),
        }
    raise StoreError(f"unknown key mode {mode!r}")


def open_envelope(store_id: str, meta: dict[str, str], provider: PassphraseProvider | None,
                  upgrade: dict[str, str] | None = None) -> bytes:
    """Recover the data key from the meta rows, or raise `WrongKey` / `StoreError`. A passphrase store
    made before the NFC rule fills `upgrade` (when given) with the meta rows that move it to the rule."""
    try:
        wrapped = unb64(meta["wrapped_key"])
        mode = meta["key_mode"]
    except (KeyError, ValueError):
        raise StoreError("the store's key record is missing or damaged; nothing was changed") from None
    if mode == KEYRING:
        kek = _keyring_kek(meta.get("key_name", ""))
    elif mode == PASSPHRASE:
        try:
            params = KdfParams.from_dict(json.loads(meta["kdf"]))
        except (KeyError, ValueError, TypeError):
            raise StoreError("the store's key record is missing or damaged; nothing was changed") from None
        typed = _passphrase(provider, new=False)
        if params.norm:
            return unwrap_key(derive_kek(typed, params), wrapped, store_id.encode())
        for form in _legacy_forms(typed):  # a store made before the NFC rule
            try:
                dek = unwrap_key(derive_kek(form, params), wrapped, store_id.encode())
            except WrongKey:
                continue
            if upgrade is not None:  # from now on under the NFC rule: every form of it opens the store
                fresh = KdfParams.fresh()
                upgrade.update(kdf=json.dumps(fresh.to_dict()),
                               wrapped_key=b64(wrap_key(derive_kek(typed, fresh), dek, store_id.encode())))
            return dek
        raise WrongKey("the key or passphrase does not open this store; nothing was changed")
    else:
        raise StoreError(f"the store uses an unknown key mode {mode!r}")
    return unwrap_key(kek, wrapped, store_id.encode())


def forget_keyring_key(meta: dict[str, str]) -> None:
    """Delete an old keyring entry after a rekey has committed (best effort)."""
    if meta.get("key_mode") == KEYRING and meta.get("key_name"):
        from ydm.adapters import secrets

        with contextlib.suppress(Exception):  # best effort: the committed store no longer needs it
            secrets.delete_secret(meta["key_name"])


def terminal_passphrase(purpose: str, confirm: bool) -> str:
    """Ask on the terminal (getpass: no echo, writes to the tty, never to stdout); twice for a new one."""
    import getpass

    first = getpass.getpass(f"{purpose[:1].upper()}{purpose[1:]}: ")  # Ctrl-D: EOFError, a line at the CLI's edge
    if confirm:
        check_new_passphrase(first)
        if getpass.getpass("Type it again: ") != first:
            raise StoreError("the two passphrases differ; nothing was changed")
    return first


def default_provider() -> PassphraseProvider | None:
    """The terminal prompt when there is a terminal, else None (then only YDM_PASSPHRASE works).

    The TUI must pass its own provider (a modal); getpass would draw over the Textual screen.
    """
    import sys

    try:
        return terminal_passphrase if sys.stdin.isatty() else None
    except (AttributeError, ValueError):
        return None
