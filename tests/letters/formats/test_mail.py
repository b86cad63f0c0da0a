"""SMTP sending against a real aiosmtpd server on 127.0.0.1: plain (loopback), STARTTLS and SSL."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import threading

import pytest

from tests.letters.formats.conftest import PASSWORD, USER, free_port, make_letter
from ydm.adapters import mail
from ydm.errors import DataError, InputError, NetworkError, NotFoundError
from ydm.service import sending


def plain(port: int, **kw) -> mail.SmtpSettings:
    return mail.SmtpSettings(host="127.0.0.1", port=port, security="plain", user=USER, timeout=5, **kw)


def received(inbox, i: int = 0):
    mail_from, rcpt, raw = inbox.messages[i]
    return mail_from, rcpt, email.message_from_bytes(raw, policy=email.policy.default)


def test_message_arrives_intact_with_reference_in_subject(smtp_server):
    inbox, port = smtp_server()
    letter = make_letter(name="Łukasz Ó Súilleabháin 张伟")
    sent = sending.send_letter(letter, plain(port), password=PASSWORD)
    assert len(inbox.messages) == 1
    mail_from, rcpt, msg = received(inbox)
    assert mail_from == USER and rcpt == ["dpo@example-party.org.uk"]
    assert "YDM-7K3P9" in str(msg["Subject"])
    assert str(msg["Subject"]) == str(sent["Subject"])
    assert "Łukasz Ó Súilleabháin 张伟" in str(msg["From"])
    assert msg.get_content().replace("\r\n", "\n") == sent.get_content()
    assert msg.get_content().rstrip().endswith("Łukasz Ó Súilleabháin 张伟")
    assert "X-Unsent" not in msg


def test_wrong_password_is_a_clear_network_error(smtp_server):
    inbox, port = smtp_server()
    with pytest.raises(NetworkError, match="refused the user name or password") as info:
        sending.send_letter(make_letter(), plain(port), password="wrong")
    assert info.value.exit_code == 6 and "ydm send --setup" in str(info.value)
    assert inbox.messages == []


def test_refused_connection_is_a_clear_network_error():
    port = free_port()  # nothing listens there
    with pytest.raises(NetworkError, match=f"could not connect to the mail server 127.0.0.1:{port}: connection refused"):
        sending.send_letter(make_letter(), plain(port), password=PASSWORD)


def test_timeout_is_a_clear_network_error():
    """A server that accepts the connection and never says hello."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    held = []
    stop = threading.Event()

    def accept():
        try:
            conn, _ = listener.accept()
            held.append(conn)
            stop.wait(5)
        except OSError:
            pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        settings = mail.SmtpSettings(host="127.0.0.1", port=port, security="plain", timeout=0.5)
        with pytest.raises(NetworkError, match="did not answer within 0.5 seconds"):
            sending.send_letter(make_letter(), settings)
    finally:
        stop.set()
        for c in held:
            c.close()
        listener.close()
        t.join(2)


def test_recipient_refused(smtp_server):
    class Refusing:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return "550 No such user here"

    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(NetworkError, match="refused the recipient dpo@example-party.org.uk"):
            sending.send_letter(make_letter(), mail.SmtpSettings("127.0.0.1", port, security="plain", timeout=5))
    finally:
        controller.stop()


def _server_context(tls_files) -> ssl.SSLContext:
    cert, key = tls_files
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def test_starttls_with_certificate_check(smtp_server, tls_files):
    inbox, port = smtp_server(tls_context=_server_context(tls_files), require_starttls=True,
                              auth_require_tls=True)
    settings = mail.SmtpSettings("127.0.0.1", port, user=USER, security="starttls", timeout=5,
                                 ca_file=str(tls_files[0]))
    sending.send_letter(make_letter(), settings, password=PASSWORD)
    assert len(inbox.messages) == 1


def test_starttls_with_untrusted_certificate_fails_clearly(smtp_server, tls_files):
    _, port = smtp_server(tls_context=_server_context(tls_files), require_starttls=True)
    settings = mail.SmtpSettings("127.0.0.1", port, user=USER, security="starttls", timeout=5)
    with pytest.raises(NetworkError, match="certificate that cannot be trusted"):
        sending.send_letter(make_letter(), settings, password=PASSWORD)


def test_starttls_not_offered(smtp_server):
    _, port = smtp_server()
    settings = mail.SmtpSettings("127.0.0.1", port, user=USER, security="starttls", timeout=5)
    with pytest.raises(NetworkError, match="does not offer STARTTLS"):
        sending.send_letter(make_letter(), settings, password=PASSWORD)


def test_implicit_ssl(smtp_server, tls_files):
    # (aiosmtpd counts only STARTTLS as TLS for its auth_require_tls; here the whole session is TLS)
    inbox, port = smtp_server(ssl_context=_server_context(tls_files))
    settings = mail.SmtpSettings("127.0.0.1", port, user=USER, security="ssl", timeout=5,
                                 ca_file=str(tls_files[0]))
    sending.send_letter(make_letter(), settings, password=PASSWORD)
    assert len(inbox.messages) == 1


def test_plain_is_refused_off_this_computer():
    with pytest.raises(InputError, match="only allowed to this computer"):
        mail.validate(mail.SmtpSettings("smtp.example.org", 25, security="plain"))
    assert mail.is_loopback("127.0.0.2") and mail.is_loopback("::1") and mail.is_loopback("localhost")
    assert not mail.is_loopback("10.0.0.1")


def test_missing_password_and_missing_email_are_input_errors(smtp_server, memory_keyring):
    _, port = smtp_server()
    with pytest.raises(InputError, match="no password is stored"):
        sending.send_letter(make_letter(), plain(port))
    with pytest.raises(InputError, match="no email address is known"):
        sending.send_letter(make_letter(recipient_email=""), plain(port), password=PASSWORD)


def test_settings_round_trip_and_password_in_keyring(memory_keyring):
    with pytest.raises(NotFoundError, match="not set up"):
        mail.load_settings()
    settings = mail.SmtpSettings("smtp.example.org", 465, user="me@example.org", security="ssl",
                                 from_addr="Zoë <zoe@example.org>", timeout=12.5)
    path = mail.save_settings(settings)
    assert path.parent == mail.config_path().parent and path.name == "smtp.toml"
    assert mail.load_settings() == settings
    assert settings.sender == "zoe@example.org"
    mail.set_password("s3cret")
    assert "s3cret" not in path.read_text() and mail.get_password() == "s3cret"
    mail.delete_password()
    assert mail.get_password() is None


def test_broken_settings_file_is_a_data_error():
    path = mail.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[smtp]\nport = 25\n")
    with pytest.raises(DataError, match="host"):
        mail.load_settings()
    path.write_text('[smtp]\nhost = "smtp.example.org"\nsecurity = "plain"\n')
    with pytest.raises(DataError, match="only allowed to this computer"):
        mail.load_settings()


def test_no_keyring_gives_a_clear_message_and_env_password_works(monkeypatch, smtp_server):
    import keyring
    from keyring.backends import fail

    from ydm.errors import StoreError

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(StoreError, match="no system keyring") as info:
            mail.set_password("x")
        assert "YDM_SMTP_PASSWORD" in str(info.value)
        assert mail.get_password() is None
        mail.delete_password()  # nothing to delete: no error
        monkeypatch.setenv("YDM_SMTP_PASSWORD", PASSWORD)
        inbox, port = smtp_server()
        sending.send_letter(make_letter(), plain(port))  # password from the environment
        assert len(inbox.messages) == 1
    finally:
        keyring.set_keyring(before)
