"""`ydm send REF`: email a drafted letter over SMTP; `ydm send --setup`: say how to send email.

Only a message the server accepted is recorded as sent (a `sent` event with the time); on any
failure the request stays a draft and the reason is shown.
"""

from __future__ import annotations

import argparse

HELP_EPILOG = """\
Set up once (the password goes to the system keyring, the rest to smtp.toml in the config folder):
  ydm send --setup --host smtp.example.org --user me@example.org            (STARTTLS, port 587)
  ydm send --setup --host smtp.example.org --port 465 --security ssl --user me@example.org
  echo "$PASSWORD" | ydm send --setup --password-stdin                       (change only the password)
  ydm send --show-setup

Send:
  ydm send YDM-7K3P9                 send the request's letter (the newest one not yet sent)
  ydm send YDM-7K3P9 --dry-run       show the message instead of sending it
  ydm send YDM-7K3P9 --to dpo@example.org --again
  ydm send YDM-7K3P9 --webform       show their web form's address and the text to paste
  ydm send YDM-7K3P9 --webform --mark-sent      ...and record it as sent once you submitted it
  ydm send YDM-7K3P9 --mailto        a mailto: link for your own mail program

Security: starttls (port 587, the default), ssl (port 465), or plain, which is allowed only to
this computer (127.0.0.1), e.g. a local relay.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "send",
        help="email a drafted letter over SMTP (and set up how)",
        description="Email the letter of a recorded request from your own mail account, over SMTP.",
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("ref", nargs="?", metavar="REF", help="the request's reference, e.g. YDM-7K3P9")
    p.add_argument("--to", metavar="EMAIL", help="send to this address instead of the organisation's known one")
    p.add_argument("--again", action="store_true", help="send even if the letter was already sent")
    p.add_argument("--dry-run", action="store_true", help="show the message; send and record nothing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    h = p.add_argument_group("without SMTP")
    how = h.add_mutually_exclusive_group()
    how.add_argument("--mailto", action="store_true",
                     help="show a mailto: link for your own mail program (and the text to paste if too long)")
    how.add_argument("--webform", action="store_true",
                     help="show the organisation's web form and the text to paste into it")
    h.add_argument("--mark-sent", action="store_true",
                   help="with --mailto/--webform: record the letter as sent today (once you have sent it)")
    s = p.add_argument_group("setting up (with --setup; unchanged settings are kept)")
    s.add_argument("--setup", action="store_true", help="save SMTP settings (and the password)")
    s.add_argument("--show-setup", action="store_true", help="show the SMTP settings (never the password)")
    s.add_argument("--host", help="SMTP server, e.g. smtp.example.org")
    s.add_argument("--port", type=int, help="port (default 587 for starttls, 465 for ssl)")
    s.add_argument("--user", help="login name, usually your email address")
    s.add_argument("--security", choices=("starttls", "ssl", "plain"), help="how to encrypt (default starttls)")
    s.add_argument("--from", dest="from_addr", metavar="EMAIL", help="From address (default: --user)")
    s.add_argument("--timeout", type=float, help="seconds to wait for the server (default 30)")
    s.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    s.add_argument("--no-password", action="store_true", help="the server needs no login password")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.setup:
        return _setup(args)
    if args.show_setup:
        return _show_setup(args)
    if not args.ref:
        from ydm.errors import InputError

        raise InputError("which request? give its reference, e.g. ydm send YDM-7K3P9 (or --setup)")
    return _send(args)


# --- setup -----------------------------------------------------------------------------------------


def _setup(args) -> int:
    import sys
    from dataclasses import replace

    from ydm.adapters import mail
    from ydm.cli import output
    from ydm.errors import InputError, NotFoundError

    try:
        current = mail.load_settings()
    except NotFoundError:
        current = None
    if current is None and not args.host:
        raise InputError("the first setup needs --host (and usually --user)")
    security = args.security or (current.security if current else "starttls")
    port = args.port or (current.port if current and (current.security == security or args.security is None)
                         else mail.DEFAULT_PORTS[security])
    base = current or mail.SmtpSettings(host=args.host)
    settings = replace(
        base,
        host=args.host or base.host,
        port=port,
        user=base.user if args.user is None else args.user,
        security=security,
        from_addr=base.from_addr if args.from_addr is None else args.from_addr,
        timeout=args.timeout or base.timeout,
    )
    path = mail.save_settings(settings)
    output.out(f"Saved: {settings.describe()} in {path}")

    if args.no_password:
        mail.delete_password()
        output.out("No password will be used.")
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InputError("no password on standard input")
        mail.set_password(password)
        output.out("Password saved in the system keyring.")
    elif settings.user and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"Password for {settings.user} at {settings.host} (kept in the keyring): ")
        if password:
            mail.set_password(password)
            output.out("Password saved in the system keyring.")
    elif settings.user and mail.get_password() is None:
        output.warn(f"no password is stored yet: {mail.password_hint()}")
    return 0


def _show_setup(args) -> int:
    from ydm.adapters import mail
    from ydm.cli import output

    settings = mail.load_settings()
    has_password = mail.get_password() is not None if settings.user else False
    info = {"host": settings.host, "port": settings.port, "user": settings.user, "security": settings.security,
            "from": settings.sender, "timeout": settings.timeout, "password_stored": has_password,
            "file": str(mail.config_path())}
    if args.json:
        output.out_json(info)
    else:
        for key, value in info.items():
            output.out(f"{key}: {value}")
    return 0


# --- sending ---------------------------------------------------------------------------------------


def split_stored_text(text: str) -> tuple[str, str]:
    """(subject, body) from a stored plain-text letter (the `formats.text` layout)."""
    lines = text.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("Subject: "):
            return line[len("Subject: "):].strip(), "\n".join(lines[i + 1:]).strip("\n") + "\n"
    return "", text


def _pick(request, later: list, again: bool):
    """The letter to send: the newest later letter, else the first; None if it was sent already."""
    from ydm.model import EventKind
    from ydm.service.requests import SENT_EVENT

    if later:
        last = later[-1]
        kind = SENT_EVENT.get(last.kind, EventKind.SENT)
        done = any(e.kind == kind and e.on >= last.on for e in request.events)
        return (last, kind) if again or not done else None
    done = any(e.kind == EventKind.SENT for e in request.events)
    return (None, EventKind.SENT) if again or not done else None


class _Prepared:
    """The request, which of its letters to send, and that letter rebuilt for the chosen channel."""

    def __init__(self, request, stored, event_kind, letter):
        self.request, self.stored, self.event_kind, self.letter = request, stored, event_kind, letter


def _prepare(store, args, today, *, mode: str) -> _Prepared:
    from ydm.errors import InputError, NotFoundError
    from ydm.letters.letter import Letter
    from ydm.model import Category, EventKind, Organisation, Person
    from ydm.orgs import contacts

    request = store.get(args.ref)
    ref = request.ref
    picked = _pick(request, store.letters(ref), args.again)
    if picked is None:
        sent = max((e.on for e in request.events if e.kind == EventKind.SENT), default=None)
        raise InputError(f"{ref} was already sent" + (f" on {sent.isoformat()}" if sent else ""),
                         hint="use --again to send it once more")
    stored, event_kind = picked
    subject, body = split_stored_text(stored.text if stored else request.letter_text)
    if not body.strip():
        raise InputError(f"no letter text is stored for {ref}", hint=f"write it again with: ydm requests next {ref}")
    if stored and stored.subject:
        subject = stored.subject
    try:
        org = contacts.load().get(request.org_id)
    except NotFoundError:
        org = Organisation(id=request.org_id, display_name=request.org_name or request.org_id,
                           category=Category.OTHER)
    to = (args.to or org.email).strip()
    if mode != "webform" and not to:
        raise InputError(f"no email address is known for {org.display_name}",
                         hint="give one with --to, use --webform if they have a form, or post the letter")
    drafted = next((e.on for e in request.events if e.kind == EventKind.DRAFTED), today)
    letter = Letter(kind=stored.kind if stored else request.kind, reference=ref,
                    on=stored.on if stored else drafted, subject=subject or ref, body=body,
                    person=request.sender or store.load_profile() or Person(name=""), org=org, recipient_lines=(),
                    recipient_email=to, recipient_webform=org.webform)
    return _Prepared(request, stored, event_kind, letter)


def _record(store, p: _Prepared, today, *, via: str):
    """Add the sent event (with the time) and, for a first letter, set the channel it went by."""
    from ydm import clock
    from ydm.model import Channel, EventKind
    from ydm.service import requests as tracker

    at = clock.now().replace(microsecond=0)
    channel = Channel.WEBFORM if via == "webform" else Channel.EMAIL
    if p.event_kind == EventKind.SENT and not p.stored and p.request.channel != channel:
        p.request.channel = channel  # the deadline counts from the day an email or form is received
        store.update(p.request)
    data = {"via": via, "time": at.isoformat(), "letter": p.letter.kind.value}
    return tracker.mark(store, p.request.ref, p.event_kind, today=today, on=today, data=data), at


def _send(args) -> int:
    from ydm import clock
    from ydm.adapters import mail
    from ydm.cli import output
    from ydm.errors import NetworkError, StoreError
    from ydm.service import sending
    from ydm.store.db import open_store

    mode = "webform" if args.webform else "mailto" if args.mailto else "smtp"
    today = clock.today()
    with open_store() as store:
        # The reference first: "no request YDM-NOPE1" is the answer to a typo, whatever the setup.
        store.get(args.ref)
        settings = None
        if mode == "smtp" and not args.dry_run:
            settings = mail.load_settings()
        elif mode == "smtp":  # the preview uses the same settings (From, Reply-To) as the real send
            from ydm.errors import NotFoundError

            try:
                settings = mail.load_settings()
            except NotFoundError:
                output.warn("sending is not set up yet (ydm send --setup): the From shown is your own address;"
                            " a real send uses the SMTP account's")
        p = _prepare(store, args, today, mode=mode)
        letter, ref = p.letter, p.request.ref
        if mode != "smtp":
            return _hand_over(args, store, p, today, mode)
        if args.dry_run:
            from ydm.letters.formats.eml import POLICY

            msg = sending.message_for(letter, settings)  # the builder send_letter uses
            output.out(msg.as_bytes(policy=POLICY).decode("utf-8", "replace").replace("\r\n", "\n"))
            return 0
        try:
            sending.send_letter(letter, settings)
        except NetworkError as exc:
            raise NetworkError(f"{exc.message}; {ref} was not sent and stays a draft", hint=exc.hint) from None
        try:
            view, at = _record(store, p, today, via="email")
        except StoreError as exc:  # sent, but not recorded: say so, and how to fix it
            raise StoreError(f"{ref} was sent, but recording it failed ({exc.message})",
                             hint=f"record it with: ydm requests mark {ref} sent") from None
    result = {"ref": ref, "sent": True, "via": "email", "to": letter.recipient_email, "time": at.isoformat(),
              "event": p.event_kind.value, "due": view.due.isoformat() if view.due else None}
    if args.json:
        output.out_json(result)
    else:
        due = f"; reply due by {view.due.isoformat()}" if view.due else ""
        output.out(f"Sent {ref} to {letter.org.display_name} <{letter.recipient_email}> and recorded it as sent "
                   f"on {today.isoformat()}{due}.")
    return 0


def _hand_over(args, store, p: _Prepared, today, mode: str) -> int:
    """--mailto / --webform: show the link or form and the text; record only with --mark-sent."""
    from ydm.cli import output
    from ydm.letters.formats.mailto import mailto_link, webform_handover

    ref = p.request.ref
    result: dict = {"ref": ref, "via": "webform" if mode == "webform" else "email"}
    if mode == "webform":
        hand = webform_handover(p.letter)
        result.update(url=hand.url, subject=hand.subject, text=hand.text, fields=dict(hand.fields))
        shown = hand.as_text()
    else:
        link = mailto_link(p.letter)
        result.update(url=link.url, subject=link.subject, body_in_link=link.body_in_link, text=link.body)
        shown = f"Open this link in your mail program:\n\n{link.url}\n"
        if not link.body_in_link:
            shown += ("\nThe letter is too long to fit in a link: paste this text into the message "
                      f"(subject: {link.subject}):\n\n{link.body}")
    if args.mark_sent:
        view, at = _record(store, p, today, via=result["via"])
        result.update(recorded=True, time=at.isoformat(), due=view.due.isoformat() if view.due else None)
    else:
        result["recorded"] = False
    if args.json:
        output.out_json(result)
        return 0
    output.out(shown)
    if args.mark_sent:
        output.out(f"Recorded {ref} as sent on {today.isoformat()}.")
    else:
        output.out(f"When you have sent it, record it: ydm send {ref} --{mode} --mark-sent")
    return 0
