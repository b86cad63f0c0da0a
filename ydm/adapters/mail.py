"""SMTP adapter: send a letter from the person's own mail account (smtplib, stdlib).

Settings (host, port, user, security, from address) live in `smtp.toml` in the config folder; the
password lives in the OS keyring (`ydm.adapters.secrets`, name `smtp-password`), never in a file (on a machine
without a keyring, `YDM_SMTP_PASSWORD` in the environment). Security is
STARTTLS (port 587, the default) or implicit TLS ("ssl", port 465), both with certificate checks;
"plain" (no encryption) is refused for anything but this computer (127.0.0.0/8, ::1, localhost),
so it can only serve a local relay or a test server.

Every failure becomes a `NetworkError` with one plain sentence (wrong password, connection refused,
timeout, certificate problem, recipient refused); nothing is recorded as sent unless the server
accepted the message.
"""

from __future__ import annotations

import ipaddress
import json
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr
from pathlib import Path

from ydm import paths
from ydm.errors import DataError, InputError, NetworkError, NotFoundError

CONFIG_NAME = "smtp.toml"
PASSWORD_SECRET = "smtp-password"
PASSWORD_ENV = "YDM_SMTP_PASSWORD"
SECURITY_MODES = ("starttls", "ssl", "plain")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "plain": 25}
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. `from_addr` defaults to `user` when that is an address."""

    host: str
    port: int = 587
    user: str = ""
    security: str = "starttls"
    from_addr: str = ""
    timeout: float = DEFAULT_TIMEOUT
    ca_file: str = ""  # extra CA certificates (a self-hosted server); the system's are used as well

    @property
    def sender(self) -> str:
        """The bare From address ("Name <a@b>" in the file is accepted; the name comes from the letter)."""
        if self.from_addr:
            return parseaddr(self.from_addr)[1] or self.from_addr
        return self.user if "@" in self.user else ""

    def describe(self) -> str:
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.port} ({self.security})"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate(settings: SmtpSettings) -> SmtpSettings:
    """Check the settings make sense; raises `InputError` with what to change."""
    if not settings.host or any(c.isspace() for c in settings.host):
        raise InputError("the SMTP host is missing or not a host name", hint="e.g. --host smtp.example.org")
    if settings.security not in SECURITY_MODES:
        raise InputError(f"unknown SMTP security '{settings.security}' (one of {', '.join(SECURITY_MODES)})")
    if not 0 < settings.port < 65536:
        raise InputError(f"the SMTP port {settings.port} is not a port number (1-65535)")
    if settings.security == "plain" and not is_loopback(settings.host):
        raise InputError("unencrypted SMTP is only allowed to this computer (127.0.0.1 or localhost)",
                         hint="use --security starttls (port 587) or ssl (port 465)")
    if settings.timeout <= 0:
        raise InputError("the SMTP timeout must be more than 0 seconds")
    return settings


# --- settings file and password ------------------------------------------------------------------


def config_path() -> Path:
    return paths.config_dir() / CONFIG_NAME


def load_settings(path: Path | None = None) -> SmtpSettings:
    """Read smtp.toml. `NotFoundError` if email sending was never set up, `DataError` if it is broken."""
    path = path or config_path()
    from ydm.fileio import read_toml

    try:
        data = read_toml(path, what="the email settings")
    except NotFoundError:
        raise NotFoundError("sending email is not set up yet",
                            hint="run: ydm send --setup --host HOST --user USER") from None
    smtp = data.get("smtp", data)
    try:
        settings = SmtpSettings(
            host=str(smtp["host"]),
            port=int(smtp.get("port", DEFAULT_PORTS.get(str(smtp.get("security", "starttls")), 587))),
            user=str(smtp.get("user", "")),
            security=str(smtp.get("security", "starttls")).lower(),
            from_addr=str(smtp.get("from", "")),
            timeout=float(smtp.get("timeout", DEFAULT_TIMEOUT)),
            ca_file=str(smtp.get("ca_file", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{path} is missing or has a wrong value for {exc}",
                        hint="run ydm send --setup again") from None
    try:
        return validate(settings)
    except InputError as exc:
        raise DataError(f"{path}: {exc.message}", hint=exc.hint) from None


def save_settings(settings: SmtpSettings, path: Path | None = None) -> Path:
    """Write smtp.toml (no password in it). Returns the path."""
    validate(settings)
    path = path or config_path()
    fields = {"host": settings.host, "port": settings.port, "user": settings.user,
              "security": settings.security, "from": settings.from_addr, "timeout": settings.timeout,
              "ca_file": settings.ca_file}
    lines = ["# ydm: how to send email (the password is kept in the system keyring, not here)", "[smtp]"]
    for key, value in fields.items():
        if value == "" or value is None:
            continue
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")  # JSON scalars are TOML scalars
    try:
        from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

        private_dir(path.parent)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        from ydm.errors import OutputError

        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def get_password() -> str | None:
    """The SMTP password: `YDM_SMTP_PASSWORD` if set (headless machines), else the keyring's."""
    import os

    from ydm.adapters import secrets

    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    try:
        return secrets.get_secret(PASSWORD_SECRET)
    except Exception:  # noqa: BLE001 - no usable keyring means "no stored password", not a crash
        return None


def password_hint() -> str:
    """How to give the SMTP password on this machine: the keyring where there is one, else the
    environment (`ydm send --setup --password-stdin` fails without a keyring)."""
    from ydm.adapters import secrets

    try:
        usable = secrets.keyring_available()
    except Exception:  # noqa: BLE001 - a broken backend is no keyring
        usable = False
    if usable:
        return "run: ydm send --setup --password-stdin (or without it to be asked)"
    return f"there is no system keyring here: set {PASSWORD_ENV} in the environment when you run ydm send"


def set_password(password: str) -> None:
    """Keep the password in the OS keyring; never in a file."""
    from ydm.adapters import secrets
    from ydm.errors import StoreError

    if not secrets.keyring_available():
        raise StoreError("there is no system keyring to keep the SMTP password in",
                         hint=f"set {PASSWORD_ENV} in the environment instead")
    try:
        secrets.set_secret(PASSWORD_SECRET, password)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise many kinds; show one line
        raise StoreError(f"the system keyring did not store the SMTP password: {exc}",
                         hint=f"or set {PASSWORD_ENV} in the environment") from None


def delete_password() -> None:
    import contextlib

    from ydm.adapters import secrets

    with contextlib.suppress(Exception):  # nothing stored, or no keyring: nothing to delete
        secrets.delete_secret(PASSWORD_SECRET)


# --- sending -------------------------------------------------------------------------------------


def _context(settings: SmtpSettings, ssl_context: ssl.SSLContext | None) -> ssl.SSLContext:
    if ssl_context is not None:
        return ssl_context
    ctx = ssl.create_default_context()
    if settings.ca_file:
        try:
            ctx.load_verify_locations(cafile=settings.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise DataError(f"cannot read the CA file {settings.ca_file}: {exc}") from None
    return ctx


def _recipients(msg: EmailMessage) -> list[str]:
    return [addr for _, addr in getaddresses(msg.get_all("To", []) + msg.get_all("Cc", [])) if addr]


def send_message(msg: EmailMessage, settings: SmtpSettings, *, password: str | None = None,
                 ssl_context: ssl.SSLContext | None = None) -> None:
    """Hand `msg` to the SMTP server. Returns only if the server accepted it for every recipient."""
    validate(settings)
    to = _recipients(msg)
    if not to:
        raise InputError("the message has no recipient address")
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=_context(settings, ssl_context))
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            client.ehlo()
            if settings.security == "starttls":
                client.starttls(context=_context(settings, ssl_context))
                client.ehlo()
            if settings.user:
                if password is None:
                    raise InputError(f"no password is stored for {settings.user}", hint=password_hint())
                _login_once(client, settings.user, password)
            refused = client.send_message(msg, to_addrs=to)
        if refused:
            raise NetworkError(f"the mail server did not accept {', '.join(refused)}; nothing else was sent")
    except smtplib.SMTPAuthenticationError:
        raise NetworkError(f"the mail server {settings.host} refused the user name or password for "
                           f"'{settings.user}'", hint="check them with: ydm send --setup") from None
    except smtplib.SMTPNotSupportedError as exc:
        what = "STARTTLS" if settings.security == "starttls" else "login"
        raise NetworkError(f"the mail server {where} does not offer {what}: {_reason(exc)}",
                           hint="try --security ssl with port 465") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise NetworkError(f"the mail server refused the recipient {', '.join(exc.recipients)}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise NetworkError(f"the mail server refused the sender address {exc.sender}: {_reason(exc)}") from None
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError):  # smtplib reports a read timeout as a disconnect
            raise NetworkError(f"the mail server {where} did not answer within {settings.timeout:g} seconds") from None
        raise NetworkError(f"the mail server {where} closed the connection",
                           hint="check the port and security setting (587 starttls, 465 ssl)") from None
    except smtplib.SMTPResponseException as exc:
        raise NetworkError(f"the mail server {where} said: {exc.smtp_code} {_reason(exc)}") from None
    except smtplib.SMTPException as exc:
        raise NetworkError(f"sending through {where} failed: {exc}") from None
    except ssl.SSLCertVerificationError as exc:
        raise NetworkError(f"the mail server {settings.host} has a certificate that cannot be trusted "
                           f"({exc.verify_message})") from None
    except ssl.SSLError as exc:
        raise NetworkError(f"could not make a secure connection to {where} ({exc.reason or exc})",
                           hint="check the port and security setting (587 starttls, 465 ssl)") from None
    except ConnectionRefusedError:
        raise NetworkError(f"could not connect to the mail server {where}: connection refused",
                           hint="check the host and port") from None
    except TimeoutError:
        raise NetworkError(f"the mail server {where} did not answer within {settings.timeout:g} seconds") from None
    except socket.gaierror:
        raise NetworkError(f"the mail server name '{settings.host}' cannot be found",
                           hint="check the host name and your internet connection") from None
    except OSError as exc:
        raise NetworkError(f"could not reach the mail server {where}: {exc.strerror or exc}") from None


def _login_once(client: smtplib.SMTP, user: str, password: str) -> None:
    """One AUTH attempt with the best mechanism the server offers. `smtplib.login` tries each offered
    mechanism in turn after a refusal, so a wrong password cost two or three failed logins per send
    (and servers lock accounts after a few): here a refusal is final."""
    client.ehlo_or_helo_if_needed()
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    offered = client.esmtp_features["auth"].upper().split()
    mechanism = next((m for m in ("PLAIN", "LOGIN", "CRAM-MD5") if m in offered), None)
    if mechanism is None:
        raise smtplib.SMTPException(f"no login method ydm knows is offered ({' '.join(offered)})")
    client.user, client.password = user, password
    answer = getattr(client, "auth_" + mechanism.lower().replace("-", "_"))
    client.auth(mechanism, answer, initial_response_ok=True)  # raises SMTPAuthenticationError if refused


def _reason(exc: Exception) -> str:
    text = getattr(exc, "smtp_error", b"") or str(exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())
