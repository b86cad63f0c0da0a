"""What mail programs read out of the headers ydm writes (the .eml and `ydm send`), checked with
Python's email parser: a display name is one phrase however it is written or folded (issue 18 item 7,
issue 20 "Minor"), the `--dry-run` preview is the message that is sent, and a wrong password costs
one login attempt, not one per mechanism."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import date

import pytest

from tests.letters.formats.conftest import PASSWORD, USER, _authenticator, make_letter
from ydm.adapters import mail
from ydm.cli import main
from ydm.letters.formats import eml

TODAY = date(2026, 11, 27)
SMUGGLER = "A" * 40 + " <attacker@evil.org> " + "B" * 20  # 82 characters: folded by the old code
NAMES = [
    SMUGGLER,
    "Zoë " + SMUGGLER,
    "王小明 (Wang Xiaoming)",
    "O'Brien (Dublin), Siân",
    'Smith, John "JJ" <jj@evil.org>, other@evil.org',
    "x" * 300 + " <a@evil.org>",
]


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def only(header) -> tuple[str, str]:
    [a] = header.addresses
    return a.display_name, a.addr_spec


@pytest.mark.parametrize("name", NAMES)
def test_the_eml_from_is_the_persons_address_whatever_the_name(name):
    letter = make_letter(name=name)
    msg = parse(eml.render(letter))
    assert only(msg["From"]) == (name, "zoe@example.org")
    assert only(msg["To"]) == ("Example Party", "dpo@example-party.org.uk")
    assert b"attacker" not in b"".join(v.encode() for k, v in msg.items() if k != "From")


def test_a_non_ascii_name_with_brackets_is_one_encoded_phrase_not_a_comment():
    raw = eml.render(make_letter(name="王小明 (Wang Xiaoming)"))
    line = next(x for x in raw.split(b"\r\n") if x.startswith(b"From: "))
    assert b"(Wang" not in line  # not a bare (comment) after an encoded word: clients drop those
    assert only(parse(raw)["From"])[0] == "王小明 (Wang Xiaoming)"


def test_a_name_that_cannot_read_back_is_refused_not_sent():
    from ydm.errors import InputError

    with pytest.raises(InputError, match="would not read back"):
        eml.build_message(make_letter(name="y" * 1000 + " <attacker@evil.org>"))


class CountingAuth:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return _authenticator(*args)


@pytest.fixture
def sending(smtp_server, memory_keyring, monkeypatch):
    """SMTP set up for a local server that counts login attempts; a function recording one request."""
    from ydm import tracker
    from ydm.orgs import contacts

    monkeypatch.setenv("YDM_TODAY", TODAY.isoformat())
    auth = CountingAuth()
    inbox, port = smtp_server(authenticator=auth)
    mail.save_settings(mail.SmtpSettings("127.0.0.1", port, user=USER, security="plain", timeout=5))
    mail.set_password(PASSWORD)
    org = next(o for o in contacts.load() if o.email)

    def record(name: str = "Zoë Example", ref: str = "YDM-SEND2"):
        letter = replace(make_letter(name=name, ref=ref, org_id=org.id, org_name=org.display_name,
                                     recipient_email=org.email), org=org)
        tracker.record_letters([letter], channel="email", today=TODAY)
        return letter

    return inbox, auth, record


def test_dry_run_shows_exactly_the_message_that_is_sent(sending, capsys):
    inbox, _auth, record = sending
    record()
    assert main(["send", "YDM-SEND2", "--dry-run"]) == 0
    shown = parse(capsys.readouterr().out.replace("\n", "\r\n").encode())
    assert main(["send", "YDM-SEND2"]) == 0
    sent = parse(inbox.messages[0][2])
    assert only(sent["From"]) == ("Zoë Example", USER)  # the SMTP account's address ...
    assert only(sent["Reply-To"]) == ("Zoë Example", "zoe@example.org")  # ... answers go to the person
    for header in ("From", "Reply-To", "To", "Subject", "Content-Type", "Content-Transfer-Encoding", "MIME-Version"):
        assert str(shown[header]) == str(sent[header]), header
    assert shown.get_content() == sent.get_content()
    assert shown["Date"] and shown["Message-ID"]  # made afresh for each message, as they must be


@pytest.mark.parametrize("name", [SMUGGLER, "Zoë " + SMUGGLER])
def test_ydm_send_cannot_be_made_to_send_from_an_address_in_the_name(sending, name):
    inbox, _auth, record = sending
    record(name=name)
    assert main(["send", "YDM-SEND2"]) == 0
    mail_from, _rcpt, raw = inbox.messages[0]
    msg = parse(raw)
    assert only(msg["From"]) == (name, USER) and mail_from == USER
    assert only(msg["Reply-To"]) == (name, "zoe@example.org")


def test_a_wrong_password_is_tried_once(sending, capsys):
    inbox, auth, record = sending
    record()
    mail.set_password("wrong")
    assert main(["send", "YDM-SEND2"]) == 6
    assert "refused the user name or password" in capsys.readouterr().err
    assert auth.calls == 1 and inbox.messages == []


def test_without_a_keyring_the_no_password_hint_names_what_works(sending, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    _inbox, auth, record = sending
    keyring.set_keyring(fail.Keyring())  # restored by the memory_keyring fixture
    for name in ("YDM_NEW_PASSPHRASE", "YDM_PASSPHRASE"):  # a store without a keyring: a passphrase
        monkeypatch.setenv(name, "correct horse battery staple")
    monkeypatch.delenv("YDM_SMTP_PASSWORD", raising=False)
    record()
    assert main(["send", "YDM-SEND2"]) == 2
    err = capsys.readouterr().err
    assert "no password is stored" in err and "YDM_SMTP_PASSWORD" in err and "--password-stdin" not in err
    assert auth.calls == 0
    # ... and what it names does work there:
    monkeypatch.setenv("YDM_SMTP_PASSWORD", PASSWORD)
    assert main(["send", "YDM-SEND2"]) == 0
