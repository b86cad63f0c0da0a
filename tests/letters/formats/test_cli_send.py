"""`ydm send REF` end to end: a real encrypted store, a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from tests.letters.formats.conftest import PASSWORD, USER, free_port, make_letter
from ydm.adapters import mail
from ydm.cli import main
from ydm.model import EventKind, RequestKind

TODAY = date(2026, 11, 27)


@pytest.fixture
def setup(smtp_server, memory_keyring, monkeypatch):
    """SMTP set up for the local server, today fixed, one drafted request in the user's store."""
    from ydm import tracker
    from ydm.orgs import contacts

    monkeypatch.setenv("YDM_TODAY", TODAY.isoformat())
    inbox, port = smtp_server()
    mail.save_settings(mail.SmtpSettings("127.0.0.1", port, user=USER, security="plain", timeout=5))
    mail.set_password(PASSWORD)
    org = next(o for o in contacts.load() if o.email)
    letter = replace(make_letter(ref="YDM-SEND2", org_id=org.id, org_name=org.display_name,
                                 recipient_email=org.email), org=org)
    tracker.record_letters([letter], channel="first-class", today=TODAY)
    return inbox, port, letter


def events(ref: str):
    from ydm.store.db import open_store

    with open_store() as store:
        return store.get(ref)


def test_send_delivers_and_records_sent_with_time(setup, capsys):
    inbox, _, letter = setup
    assert main(["send", "ydm-send2"]) == 0
    out = capsys.readouterr().out
    assert "Sent YDM-SEND2 to" in out and f"<{letter.org.email}>" in out
    assert len(inbox.messages) == 1
    _, rcpt, raw = inbox.messages[0]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert rcpt == [letter.org.email]
    assert str(msg["Subject"]) == "Subject access request — YDM-SEND2"
    body = msg.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Data Protection Officer,") and "YDM-SEND2" in body
    assert "Zoë Example" in str(msg["From"]) or USER in str(msg["From"])

    r = events("YDM-SEND2")
    sent = [e for e in r.events if e.kind is EventKind.SENT]
    assert len(sent) == 1 and sent[0].on == TODAY
    assert sent[0].data["via"] == "email" and "T" in sent[0].data["time"]
    assert r.channel.value == "email"

    # a second send is refused unless --again
    assert main(["send", "YDM-SEND2"]) == 2
    assert "already sent on 2026-11-27" in capsys.readouterr().err
    assert len(inbox.messages) == 1


def test_auth_failure_leaves_the_draft(setup, capsys):
    inbox, _, _ = setup
    mail.set_password("wrong")
    assert main(["send", "YDM-SEND2"]) == 6
    err = capsys.readouterr().err
    assert err.startswith("ydm: error: ") and "refused the user name or password" in err
    assert "YDM-SEND2 was not sent and stays a draft" in err
    assert "Traceback" not in err
    assert inbox.messages == []
    assert [e.kind for e in events("YDM-SEND2").events] == [EventKind.DRAFTED]


def test_refused_connection_leaves_the_draft(setup, capsys):
    mail.save_settings(mail.SmtpSettings("127.0.0.1", free_port(), user=USER, security="plain", timeout=5))
    assert main(["send", "YDM-SEND2"]) == 6
    err = capsys.readouterr().err
    assert "connection refused" in err and "stays a draft" in err
    assert [e.kind for e in events("YDM-SEND2").events] == [EventKind.DRAFTED]


def test_dry_run_shows_the_message_and_records_nothing(setup, capsys):
    inbox, _, _ = setup
    assert main(["send", "YDM-SEND2", "--dry-run", "--to", "other@example.org"]) == 0
    out = capsys.readouterr().out
    assert "To: " in out and "other@example.org" in out and "Subject: " in out
    assert inbox.messages == []
    assert [e.kind for e in events("YDM-SEND2").events] == [EventKind.DRAFTED]


def test_later_letter_is_sent_and_recorded_with_its_event(setup, capsys):
    from ydm import tracker

    inbox, _, letter = setup
    assert main(["send", "YDM-SEND2", "--json"]) == 0
    capsys.readouterr()
    reminder = replace(letter, kind=RequestKind.REMINDER, subject="Reminder: YDM-SEND2",
                       body="Dear DPO,\n\nThis is a reminder.\n\nYours faithfully,\n\nZoë", on=TODAY)
    tracker.record_letters([reminder], channel="email", today=TODAY)
    assert main(["send", "YDM-SEND2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["event"] == EventKind.REMINDER_SENT.value and result["sent"] is True
    msg = email.message_from_bytes(inbox.messages[-1][2], policy=email.policy.default)
    assert str(msg["Subject"]) == "Reminder: YDM-SEND2"
    assert "This is a reminder." in msg.get_content()
    assert EventKind.REMINDER_SENT in [e.kind for e in events("YDM-SEND2").events]


def test_unknown_reference_and_missing_setup(memory_keyring, capsys, monkeypatch):
    from ydm import tracker
    from ydm.orgs import contacts

    monkeypatch.setenv("YDM_TODAY", TODAY.isoformat())
    org = next(o for o in contacts.load() if o.email)
    letter = replace(make_letter(ref="YDM-SEND3", org_id=org.id, org_name=org.display_name,
                                 recipient_email=org.email), org=org)
    tracker.record_letters([letter], channel="email", today=TODAY)
    # A typo is told as such, whatever the setup (QA2); a known request then needs the setup.
    assert main(["send", "YDM-ZZZZZ"]) == 3
    assert "no request with reference YDM-ZZZZZ" in capsys.readouterr().err
    assert main(["send", "YDM-SEND3"]) == 3  # no smtp.toml yet
    assert "not set up" in capsys.readouterr().err
    assert main(["send"]) == 2


def test_setup_and_show_setup(memory_keyring, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("pa55word\n"))
    assert main(["send", "--setup", "--host", "smtp.example.org", "--user", "me@example.org",
                 "--password-stdin"]) == 0
    assert "Password saved" in capsys.readouterr().out
    assert mail.get_password() == "pa55word"
    settings = mail.load_settings()
    assert (settings.host, settings.port, settings.security) == ("smtp.example.org", 587, "starttls")
    # change only the security: the port follows, the rest is kept
    assert main(["send", "--setup", "--security", "ssl"]) == 0
    capsys.readouterr()
    assert main(["send", "--show-setup", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["port"] == 465 and info["security"] == "ssl" and info["user"] == "me@example.org"
    assert info["password_stored"] is True and "pa55word" not in json.dumps(info)
    # plain to a remote host is refused with a clear message
    assert main(["send", "--setup", "--security", "plain"]) == 2
    assert "only allowed to this computer" in capsys.readouterr().err


def test_help_documents_setup(capsys):
    with pytest.raises(SystemExit):
        main(["send", "--help"])
    out = capsys.readouterr().out
    assert "--setup" in out and "--host" in out and "--security" in out and "keyring" in out


@pytest.fixture
def webform_request(memory_keyring, monkeypatch):
    from ydm import tracker
    from ydm.orgs import contacts

    monkeypatch.setenv("YDM_TODAY", TODAY.isoformat())
    org = next(o for o in contacts.load() if o.webform)
    letter = replace(make_letter(ref="YDM-FORM3", org_id=org.id, org_name=org.display_name,
                                 recipient_email=org.email, recipient_webform=org.webform), org=org)
    tracker.record_letters([letter], channel="first-class", today=TODAY)
    return org


def test_webform_shows_url_and_text_and_records_only_when_confirmed(webform_request, capsys):
    org = webform_request
    assert main(["send", "YDM-FORM3", "--webform"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Open: {org.webform}")
    assert "Dear Data Protection Officer," in out and "Reference: YDM-FORM3" in out
    assert "ydm send YDM-FORM3 --webform --mark-sent" in out
    assert [e.kind for e in events("YDM-FORM3").events] == [EventKind.DRAFTED]

    assert main(["send", "YDM-FORM3", "--webform", "--mark-sent", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["recorded"] is True and result["url"] == org.webform and result["via"] == "webform"
    r = events("YDM-FORM3")
    sent = [e for e in r.events if e.kind is EventKind.SENT]
    assert len(sent) == 1 and sent[0].data["via"] == "webform" and r.channel.value == "webform"


def test_mailto_link_shows_a_link_and_records_nothing(setup, capsys):
    inbox, _, letter = setup
    assert main(["send", "YDM-SEND2", "--mailto", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["url"].startswith(f"mailto:{letter.org.email}?subject=")
    assert result["recorded"] is False and inbox.messages == []
    assert main(["send", "YDM-SEND2", "--mailto"]) == 0
    out = capsys.readouterr().out
    assert result["body_in_link"] is True  # this letter is short; the fallback is tested in test_eml_mailto...
    assert "Open this link in your mail program" in out and "paste this text" not in out
    assert "ydm send YDM-SEND2 --mailto --mark-sent" in out


def test_request_without_letter_text_is_not_sent(setup, capsys):
    from ydm.store.db import open_store

    inbox, _, _ = setup
    with open_store() as store:
        r = store.get("YDM-SEND2")
        r.letter_text = ""
        store.update(r)
    assert main(["send", "YDM-SEND2"]) == 2
    assert "no letter text is stored for YDM-SEND2" in capsys.readouterr().err
    assert inbox.messages == []
