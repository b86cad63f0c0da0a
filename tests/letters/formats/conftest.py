"""Letters built directly from the dataclass, so format tests do not depend on the templates."""

from __future__ import annotations

from datetime import date

import pytest

from ydm.letters.letter import Letter
from ydm.model import Category, Organisation, Person, RequestKind

BODY = """Dear Data Protection Officer,

SUBJECT ACCESS REQUEST under Article 15 of the UK GDPR

I am making a subject access request under Article 15 of the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018.

Please confirm whether you process personal data about me and, if you do, send me a copy of it together with:

  (a) the purposes of the processing, and the lawful basis you rely on for each purpose;
  (b) the categories of personal data concerned, including any special category data such as data revealing political opinions;
  (c) the recipients or categories of recipient to whom my data has been or will be disclosed;
  - every source of my data: the full or marked electoral register, canvassing, petitions and data bought from brokers;

Please quote the reference {ref} in your reply, so that it can be matched to this letter.

Yours faithfully,



{name}"""


def make_letter(
    *,
    name: str = "Zoë Example",
    address: tuple[str, ...] = ("1 High Street", "Exampletown"),
    postcode: str = "EX1 2AB",
    email: str = "zoe@example.org",
    ref: str = "YDM-7K3P9",
    org_id: str = "example-party",
    org_name: str = "Example Party",
    recipient_lines: tuple[str, ...] | None = None,
    recipient_email: str = "dpo@example-party.org.uk",
    recipient_webform: str = "",
    address_missing: bool = False,
    body: str | None = None,
    subject: str | None = None,
    on: date = date(2026, 11, 26),
) -> Letter:
    person = Person(name=name, address=address, postcode=postcode, email=email)
    org = Organisation(
        id=org_id,
        display_name=org_name,
        category=Category.PARTY,
        postal_address=("Data Protection Officer", "10 Party House", "London", "SW1A 1AA"),
        email=recipient_email,
        webform=recipient_webform,
    )
    if recipient_lines is None:
        recipient_lines = (org_name, *org.postal_address)
    return Letter(
        kind=RequestKind.ACCESS,
        reference=ref,
        on=on,
        subject=subject or f"Subject access request — {ref}",
        body=body if body is not None else BODY.format(ref=ref, name=name),
        person=person,
        org=org,
        recipient_lines=recipient_lines,
        recipient_email=recipient_email,
        recipient_webform=recipient_webform,
        address_missing=address_missing,
    )


@pytest.fixture
def letter() -> Letter:
    return make_letter()


# --- a real SMTP server on 127.0.0.1 (aiosmtpd) ---------------------------------------------------

USER, PASSWORD = "me@example.org", "correct horse"


class Inbox:
    """aiosmtpd handler that keeps every accepted message (raw bytes) with its envelope."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content
                              or envelope.content))
        return "250 Message accepted for delivery"


def _authenticator(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
          and auth_data.password.decode() == PASSWORD)
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start aiosmtpd on 127.0.0.1 (plain, or with TLS contexts); yields a start(**kw) -> (inbox, port)."""
    from aiosmtpd.controller import Controller

    started = []

    def start(**kwargs):
        inbox = Inbox()
        port = free_port()
        kwargs.setdefault("authenticator", _authenticator)
        kwargs.setdefault("auth_require_tls", False)
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        started.append(controller)
        return inbox, port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (made with `cryptography`), as (cert_path, key_path)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    # OpenSSL checks validity against the real clock, not a moved one: years either side, fixed dates.
    valid_from, valid_to = dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2040, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    d = tmp_path_factory.mktemp("tls")
    cert_path, key_path = d / "cert.pem", d / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def memory_keyring():
    """A fresh in-memory keyring for the test (never the developer's)."""
    import keyring

    from tests.store.keyring_backend import MemoryKeyring

    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)
