"""`ydm replies fetch [--setup ...]`: replies from the person's mailbox over IMAP (read-only).

A part of `cmd_replies` kept in its own module; the IMAP adapter loads only here.
"""

from __future__ import annotations


def register_fetch(fe) -> None:
    fe.add_argument("--setup", action="store_true", help="save the mailbox settings (and password) first")
    fe.add_argument("--host", help="with --setup: the IMAP server, e.g. imap.example.org")
    fe.add_argument("--user", help="with --setup: your user name there")
    fe.add_argument("--port", type=int, default=993, help="with --setup: the port (default 993, IMAP over TLS)")
    fe.add_argument("--ca-file", default="", help="with --setup: extra CA certificates (a self-hosted server)")
    fe.add_argument("--password-stdin", action="store_true",
                    help="with --setup: read the password from standard input (else asked without echo)")


def _setup(args) -> int:
    import sys

    from ydm.adapters import imap
    from ydm.cli import output
    from ydm.errors import InputError

    if not args.host or not args.user:
        raise InputError("--setup needs --host and --user", hint="e.g. --host imap.example.org --user you@example.org")
    settings = imap.ImapSettings(host=args.host, user=args.user, port=args.port, mailbox=args.mailbox,
                                 ca_file=args.ca_file)
    path = imap.save_settings(settings)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif output.interactive():
        import getpass

        password = getpass.getpass(f"IMAP password for {args.user} (not shown): ")
    else:
        password = ""
    if password:
        imap.set_password(password)
        output.note(f"saved {path}; the password is in your system keyring")
    else:
        output.note(f"saved {path}; no password stored (set {imap.PASSWORD_ENV} or run --setup again)")
    return 0


def fetch(args, store, today) -> int:
    from datetime import date

    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.service import replies

    if args.setup:
        return _setup(args)
    try:
        since = date.fromisoformat(args.since) if args.since else None
    except ValueError:
        raise InputError(f"--since '{args.since}' is not a date (use YYYY-MM-DD)") from None
    found, taken = replies.fetch(store, today=today, since=since, mailbox=args.mailbox)
    new = [t for t in taken if not t.skipped]
    for t in new:
        for w in t.warnings:
            output.warn(w)
        output.note(f"{t.ref} ({t.org}): reply of {t.on.isoformat()} taken in, {len(t.files)} file(s)")
    output.note(f"{found} message(s) with your references found; {len(new)} new, "
                f"{len(taken) - len(new)} already taken in (nothing in the mailbox was changed)")
    return 0
