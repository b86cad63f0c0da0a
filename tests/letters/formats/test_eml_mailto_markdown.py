""".eml parsed back with the stdlib, mailto: links decoded, web-form hand-over, Markdown rendering."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.utils import parseaddr, parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.letters.formats.conftest import make_letter
from ydm.errors import InputError
from ydm.letters.formats import eml, mailto, markdown

# --- .eml -------------------------------------------------------------------------------------------


def parse(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_eml_headers_and_body_parse_back():
    letter = make_letter(name="Siân Ó Súilleabháin", email="sian@example.org")
    msg = parse(eml.render(letter))
    assert parseaddr(str(msg["To"])) == ("Example Party", "dpo@example-party.org.uk")
    assert parseaddr(str(msg["From"])) == ("Siân Ó Súilleabháin", "sian@example.org")
    assert str(msg["Subject"]) == "Subject access request — YDM-7K3P9"
    assert parsedate_to_datetime(str(msg["Date"])).date() == letter.on
    assert msg["X-Unsent"] == "1"
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg["Content-Transfer-Encoding"] == "quoted-printable"
    body = msg.get_content()
    assert body.startswith("Dear Data Protection Officer,")
    assert body.rstrip().endswith("Siân Ó Súilleabháin")
    assert "Please quote the reference YDM-7K3P9" in body


def test_eml_wire_format_is_ascii_with_crlf_and_short_lines():
    raw = eml.render(make_letter(name="张伟 Nguyễn"))
    raw.decode("ascii")  # everything encoded (RFC 2047 headers, quoted-printable body)
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 78 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert "张伟 Nguyễn" in str(parse(raw)["From"])


def test_subject_gets_the_reference_when_missing():
    msg = parse(eml.render(make_letter(subject="Please stop sending me leaflets")))
    assert str(msg["Subject"]) == "Please stop sending me leaflets [YDM-7K3P9]"
    assert eml.subject_with_reference("Re ydm-7k3p9", "YDM-7K3P9") == "Re ydm-7k3p9"


def test_build_message_for_sending_uses_the_account_address_and_reply_to():
    when = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
    msg = eml.build_message(make_letter(), sender="account@mail.example", when=when)
    assert parseaddr(str(msg["From"]))[1] == "account@mail.example"
    assert parseaddr(str(msg["Reply-To"]))[1] == "zoe@example.org"
    assert "X-Unsent" not in msg
    assert parsedate_to_datetime(str(msg["Date"])) == when


def test_eml_without_recipient_email_is_a_draft_without_to():
    msg = parse(eml.render(make_letter(recipient_email="")))
    assert msg["To"] is None and msg["X-Unsent"] == "1"


# --- mailto: --------------------------------------------------------------------------------------


def decode_mailto(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), fields


def test_mailto_url_round_trips_unicode_and_line_breaks():
    body = "Dear Zoë,\n\nA & B = 100% sure? #1 +more\n张伟"
    url = mailto.mailto_url("dpo+sar@example.org", "Access — YDM-7K3P9 & more", body)
    assert " " not in url and "\n" not in url
    assert "%0D%0A" in url and "%2B" in url.split("?")[0]
    to, fields = decode_mailto(url)
    assert to == "dpo+sar@example.org"
    assert fields["subject"] == "Access — YDM-7K3P9 & more"
    assert fields["body"] == body.replace("\n", "\r\n")


def test_mailto_link_includes_body_when_short():
    letter = make_letter(body="Dear DPO,\n\nPlease send me my data.\n\nYours faithfully,\n\nZoë")
    link = mailto.mailto_link(letter)
    assert link.body_in_link and link.copy_text == ""
    assert len(link.url) <= mailto.MAILTO_SAFE_LENGTH
    to, fields = decode_mailto(link.url)
    assert to == "dpo@example-party.org.uk"
    assert fields["subject"] == "Subject access request — YDM-7K3P9"
    assert fields["body"].replace("\r\n", "\n") == eml.email_body(letter)


def test_mailto_link_too_long_falls_back_to_copying_the_text():
    letter = make_letter(body="Dear DPO,\n\n" + "Please send me every record you hold. " * 80)
    link = mailto.mailto_link(letter)
    assert not link.body_in_link
    assert len(link.url) <= mailto.MAILTO_SAFE_LENGTH
    to, fields = decode_mailto(link.url)
    assert to == "dpo@example-party.org.uk"
    assert "body" not in fields and fields["subject"].endswith("YDM-7K3P9")
    assert link.copy_text == eml.email_body(letter)


def test_mailto_limit_is_configurable_and_missing_email_is_an_input_error(letter):
    assert not mailto.mailto_link(letter, limit=100).body_in_link
    with pytest.raises(InputError, match="no email address"):
        mailto.mailto_link(make_letter(recipient_email=""))


# --- web forms ------------------------------------------------------------------------------------


def test_webform_handover_gives_url_and_text_to_paste():
    letter = make_letter(recipient_email="", recipient_webform="https://example.org/privacy/request")
    hand = mailto.webform_handover(letter)
    assert hand.url == "https://example.org/privacy/request"
    assert hand.text == eml.email_body(letter)
    assert hand.subject.endswith("YDM-7K3P9") and hand.reference == "YDM-7K3P9"
    fields = dict(hand.fields)
    assert fields["Name"] == "Zoë Example" and fields["Postcode"] == "EX1 2AB"
    block = hand.as_text()
    assert block.startswith("Open: https://example.org/privacy/request")
    assert "Dear Data Protection Officer," in block


def test_webform_handover_without_a_form_is_an_input_error(letter):
    with pytest.raises(InputError, match="no web form"):
        mailto.webform_handover(letter)


# --- Markdown ---------------------------------------------------------------------------------------


def test_markdown_has_heading_address_blocks_and_body():
    letter = make_letter(name="Siân O_Brien")
    md = markdown.render(letter).decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Subject access request — YDM-7K3P9"
    assert "**Reference:** YDM-7K3P9 \\" in lines
    assert "**Date:** 26 November 2026" in lines
    assert "## From" in lines and "## To" in lines
    # addresses: one line each, joined by hard breaks
    assert "Siân O\\_Brien \\" in lines
    assert "10 Party House \\" in lines and "SW1A 1AA" in lines
    assert "By email: <dpo@example-party.org.uk>" in lines
    assert "Dear Data Protection Officer," in lines
    assert "- every source of my data: the full or marked electoral register, canvassing, petitions and data " \
           "bought from brokers;" in lines
    assert lines[-1] == "Siân O\\_Brien"


def test_markdown_escapes_formatting_characters():
    assert markdown.escape("# not a heading") == "\\# not a heading"
    assert markdown.escape("a *b* [c](d) <e>") == "a \\*b\\* \\[c\\](d) \\<e\\>"
    assert markdown.escape("1. not a list") == "1\\. not a list"


def test_markdown_renders_to_the_same_text_with_a_commonmark_reader():
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt().render(markdown.render(make_letter(name="Zoë *Star* O_Brien")).decode())
    assert "Zoë *Star* O_Brien" in html
    assert "<h1>Subject access request — YDM-7K3P9</h1>" in html
