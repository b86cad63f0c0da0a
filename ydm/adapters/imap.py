"""IMAP adapter: fetch replies from the person's own mailbox, read-only (imaplib, stdlib).

IMAP4rev1 is RFC 3501 (https://www.rfc-editor.org/rfc/rfc3501). What ydm does there, and only that:
- connects with implicit TLS (IMAPS, port 993, RFC 8314 s.3.3) with certificate checks, and logs in;
- opens the folder with EXAMINE (RFC 3501 s.6.3.2: read-only, "no changes to the permanent state of
  the mailbox, including per-user state, are permitted": no \\Seen flag is set), which imaplib's
  `select(..., readonly=True)` sends;
- searches with UID SEARCH SUBJECT "YDM-XXXXX" for each of the person's own references (s.6.4.4),
  so nothing else in the mailbox is read;
- fetches the matches with BODY.PEEK[] (s.6.4.5: the message "without setting the \\Seen flag").
Nothing is marked, moved, copied or deleted.

Settings (host, port, user, folder) live in `imap.toml` in the config folder; the password lives in
the OS keyring (`ydm.adapters.secrets`, name `imap-password`), never in a file; on a machine without
a keyring, `YDM_IMAP_PASSWORD` in the environment (as for SMTP, `ydm.adapters.mail`).
"""

from __future__ import annotations

import imaplib
import json
import re
import socket
import ssl
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ydm import paths
from ydm.errors import DataError, InputError, NetworkError, NotFoundError

CONFIG_NAME = "imap.toml"
PASSWORD_SECRET = "imap-password"
PASSWORD_ENV = "YDM_IMAP_PASSWORD"
DEFAULT_PORT = 993
DEFAULT_TIMEOUT = 30.0
_REF = re.compile(r"^YDM-[2-9A-HJ-NP-Z]{5}$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    port: int = DEFAULT_PORT
    mailbox: str = "INBOX"
    timeout: float = DEFAULT_TIMEOUT
    ca_file: str = ""  # extra CA certificates (a self-hosted server)

    def describe(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


def validate(s: ImapSettings) -> ImapSettings:
    if not s.host or any(c.isspace() for c in s.host):
        raise InputError("the IMAP host is missing or not a host name", hint="e.g. --host imap.example.org")
    if not s.user:
        raise InputError("the IMAP user name is missing", hint="--user you@example.org")
    if not 0 < s.port < 65536:
        raise InputError(f"the IMAP port {s.port} is not a port number (1-65535)")
    if s.timeout <= 0:
        raise InputError("the IMAP timeout must be more than 0 seconds")
    return s


def config_path() -> Path:
    return paths.config_dir() / CONFIG_NAME


def load_settings(path: Path | None = None) -> ImapSettings:
    path = path or config_path()
    from ydm.fileio import read_toml

    try:
        data = read_toml(path, what="the IMAP settings")
    except NotFoundError:
        raise NotFoundError("fetching replies is not set up yet",
                            hint="run: ydm replies fetch --setup --host HOST --user USER") from None
    imap = data.get("imap", data)
    try:
        s = ImapSettings(host=str(imap["host"]), user=str(imap["user"]), port=int(imap.get("port", DEFAULT_PORT)),
                         mailbox=str(imap.get("mailbox", "INBOX")), timeout=float(imap.get("timeout", DEFAULT_TIMEOUT)),
                         ca_file=str(imap.get("ca_file", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{path} is missing or has a wrong value for {exc}",
                        hint="run ydm replies fetch --setup again") from None
    try:
        return validate(s)
    except InputError as exc:
        raise DataError(f"{path}: {exc.message}", hint=exc.hint) from None


def save_settings(s: ImapSettings, path: Path | None = None) -> Path:
    validate(s)
    path = path or config_path()
    fields = {"host": s.host, "port": s.port, "user": s.user, "mailbox": s.mailbox, "timeout": s.timeout,
              "ca_file": s.ca_file}
    lines = ["# ydm: where to fetch replies from (the password is kept in the system keyring, not here)", "[imap]"]
    lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v not in ("", None)]
    try:
        from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

        private_dir(path.parent)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        from ydm.errors import OutputError

        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def get_password() -> str | None:
    import os

    from ydm.adapters import secrets

    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    try:
        return secrets.get_secret(PASSWORD_SECRET)
    except Exception:  # noqa: BLE001 - no usable keyring means "no stored password", not a crash
        return None


def set_password(password: str) -> None:
    from ydm.adapters import secrets
    from ydm.errors import StoreError

    if not secrets.keyring_available():
        raise StoreError("there is no system keyring to keep the IMAP password in",
                         hint=f"set {PASSWORD_ENV} in the environment instead")
    try:
        secrets.set_secret(PASSWORD_SECRET, password)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise many kinds; show one line
        raise StoreError(f"the system keyring did not store the IMAP password: {exc}",
                         hint=f"or set {PASSWORD_ENV} in the environment") from None


def _context(s: ImapSettings, ssl_context: ssl.SSLContext | None) -> ssl.SSLContext:
    if ssl_context is not None:
        return ssl_context
    ctx = ssl.create_default_context()
    if s.ca_file:
        try:
            ctx.load_verify_locations(cafile=s.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise DataError(f"cannot read the CA file {s.ca_file}: {exc}") from None
    return ctx


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fetch_messages(s: ImapSettings, password: str, refs: list[str], *, since: date | None = None,
                   ssl_context: ssl.SSLContext | None = None) -> list[tuple[str, bytes]]:
    """The messages (uid, RFC 5322 bytes) whose subject carries one of `refs`, read-only."""
    validate(s)
    refs = [r for r in refs if _REF.match(r)]  # only our own references go into a search
    where = f"{s.host}:{s.port}"
    try:
        client = imaplib.IMAP4_SSL(s.host, s.port, ssl_context=_context(s, ssl_context), timeout=s.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise NetworkError(f"the mail server {s.host} has a certificate that cannot be trusted "
                           f"({exc.verify_message})") from None
    except ssl.SSLError as exc:
        raise NetworkError(f"could not make a secure connection to {where} ({exc.reason or exc})",
                           hint="IMAP over TLS is usually port 993") from None
    except ConnectionRefusedError:
        raise NetworkError(f"could not connect to the mail server {where}: connection refused",
                           hint="check the host and port (IMAP over TLS is usually 993)") from None
    except TimeoutError:
        raise NetworkError(f"the mail server {where} did not answer within {s.timeout:g} seconds") from None
    except socket.gaierror:
        raise NetworkError(f"the mail server name '{s.host}' cannot be found",
                           hint="check the host name and your internet connection") from None
    except OSError as exc:
        raise NetworkError(f"could not reach the mail server {where}: {exc.strerror or exc}") from None
    try:
        try:
            client.login(s.user, password)
        except imaplib.IMAP4.error:
            raise NetworkError(f"the mail server {s.host} refused the user name or password for '{s.user}'",
                               hint="check them with: ydm replies fetch --setup") from None
        typ, _ = client.select(_quote(s.mailbox), readonly=True)  # EXAMINE
        if typ != "OK":
            raise NetworkError(f"the mail server has no folder '{s.mailbox}'", hint="give --mailbox NAME")
        uids: list[str] = []
        when = ["SINCE", f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"] if since else []
        for ref in refs:
            typ, data = client.uid("SEARCH", *when, "SUBJECT", f'"{ref}"')
            if typ == "OK" and data and data[0]:
                uids += [u for u in data[0].decode().split() if u not in uids]
        out = []
        for uid in uids:
            typ, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            if typ == "OK":
                out += [(uid, item[1]) for item in data if isinstance(item, tuple)]
        return out
    except (imaplib.IMAP4.error, imaplib.IMAP4.abort) as exc:
        raise NetworkError(f"the mail server {where} said: {exc}") from None
    except TimeoutError:
        raise NetworkError(f"the mail server {where} did not answer within {s.timeout:g} seconds") from None
    except OSError as exc:
        raise NetworkError(f"the connection to {where} failed: {exc.strerror or exc}") from None
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
