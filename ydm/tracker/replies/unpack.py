"""Open what the person drops in: files, emails, mailboxes and ZIPs, into `Incoming` replies.

- `.eml`: one message (RFC 5322, MIME RFC 2045-2049), parsed by the stdlib `email` package with
  `policy.default` (https://docs.python.org/3/library/email.parser.html); its text body and every
  attachment become parts; attached messages (message/rfc822) and attached ZIPs are unpacked.
- `.mbox`: the "From " separated mailbox (RFC 4155), a Maildir folder (cur/ new/ tmp/, see
  https://cr.yp.to/proto/maildir.html): the stdlib `mailbox` module; each message is its own reply.
- ZIP (PKWARE APPNOTE, stdlib `zipfile`): members read one by one with caps on size, count, depth and
  compression ratio, checked against the declared sizes first and against the bytes actually read.
- Anything else given on the command line (PDF, CSV, ...) is a part of one reply, dated by the file.

Every cap raises a `DataError` before anything is stored (`take` stores only after all is read).
"""

from __future__ import annotations

import email
import mailbox
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.utils import parseaddr
from pathlib import Path

from ydm.errors import DataError, NotFoundError
from ydm.tracker.replies.formats import file_type

MB = 1024 * 1024
MAX_PART_BYTES = 64 * MB  # one file or attachment
MAX_REPLY_BYTES = 256 * MB  # everything of one add, unpacked
MAX_MAILBOX_BYTES = 1024 * MB  # an mbox file (read message by message)
MAX_MEMBERS = 2000  # files in one ZIP
MAX_DEPTH = 3  # ZIPs in ZIPs (in emails)
MAX_RATIO = 100  # unpacked / packed size of a ZIP member over 1 MB: more is a ZIP bomb


@dataclass
class Part:
    name: str
    kind: str
    data: bytes


@dataclass
class Incoming:
    """One reply as read: who from, about what, when, and its files."""

    source: str
    subject: str = ""
    sender: str = ""
    on: date | None = None
    dated_by: str = ""  # "email", "file"
    parts: list[Part] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _size(n: int) -> str:
    return f"{n / (1024 * MB):.1f} GB" if n >= 1024 * MB else f"{n / MB:.0f} MB"


class Budget:
    """What one `replies add` may unpack in all."""

    def __init__(self):
        self.used = 0

    def take(self, name: str, n: int) -> None:
        if n > MAX_PART_BYTES:
            raise DataError(f"{name} is {_size(n)}: more than ydm keeps of one file ({_size(MAX_PART_BYTES)}); "
                            "nothing was stored (ask them for the data in smaller files)")
        self.used += n
        if self.used > MAX_REPLY_BYTES:
            raise DataError(f"this reply unpacks to more than {_size(MAX_REPLY_BYTES)}; nothing was stored "
                            "(add its files in smaller groups)")


def read_inputs(paths: list[str]) -> list[Incoming]:
    """The replies in these files and folders; loose files (not emails) together form one reply."""
    budget = Budget()
    loose = Incoming(source="", dated_by="file")
    out: list[Incoming] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise NotFoundError(f"no such file: {raw}")
        if path.is_dir():
            if not all((path / d).is_dir() for d in ("cur", "new")):
                raise DataError(f"{raw} is a folder but not a Maildir (no cur/ and new/ in it); give the files "
                                "in it instead")
            out += _maildir(path, budget)
            continue
        kind = file_type(path.name)
        size = path.stat().st_size
        if kind == "mbox":
            if size > MAX_MAILBOX_BYTES:
                raise DataError(f"{raw} is {_size(size)}: more than ydm reads of one mailbox "
                                f"({_size(MAX_MAILBOX_BYTES)}); nothing was stored")
            out += _mbox(path, budget)
            continue
        budget.take(path.name, size)
        budget.used -= size  # counted again by what is unpacked from it
        from ydm.fileio import (
            read_limited,  # read with the cap, not by the size the file claims (/dev/zero: 0)
        )

        data = read_limited(path, limit=MAX_PART_BYTES, what="the reply file")
        on = datetime.fromtimestamp(path.stat().st_mtime).date()
        if kind == "eml":
            out.append(message(data, path.name, budget))
            continue
        loose.source = loose.source or path.name
        loose.on = max(loose.on, on) if loose.on else on
        if kind == "zip":
            loose.parts += _zip(path.name, data, budget, 1, out)
        else:
            budget.take(path.name, len(data))
            loose.parts.append(Part(path.name, kind, data))
    if loose.parts:
        out.append(loose)
    return out


def message(data: bytes, source: str, budget: Budget, depth: int = 0) -> Incoming:
    """One email: its subject, sender, Date, text body and attachments (ZIPs and attached emails unpacked)."""
    msg = email.message_from_bytes(data, policy=policy.default)
    if not any(msg.get(h) for h in ("From", "Subject", "Date", "Message-ID", "Content-Type")):
        raise DataError(f"{source} is not an email: it has no header lines (From, Subject, Date); "
                        "nothing was stored")
    inc = Incoming(source=source, subject=str(msg.get("Subject", "") or ""), sender=parseaddr(str(msg.get("From", "")))[1])
    try:
        when = msg["Date"].datetime if msg.get("Date") else None
    except (AttributeError, TypeError, ValueError):
        when = None
    if when is not None:
        inc.on, inc.dated_by = when.date(), "email"
    elif msg.get("Date"):
        inc.warnings.append(f"{source}: its Date line ({msg.get('Date')!s:.40}) cannot be read; give --on DATE")
    _walk(msg, source, budget, depth, inc)
    return inc


def _walk(msg, source: str, budget: Budget, depth: int, inc: Incoming) -> None:
    body_done = False
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - a broken transfer encoding: keep what is there
            data = str(part.get_payload()).encode()
        if not filename and disposition != "attachment" and ctype in ("text/plain", "text/html"):
            if body_done and ctype == "text/html":
                continue  # the HTML twin of the text body
            charset = part.get_content_charset() or "utf-8"
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = data.decode("cp1252", errors="replace")
            budget.take(f"{source} (message text)", len(data))
            inc.parts.append(Part("message.txt" if ctype == "text/plain" else "message.html",
                                  "text" if ctype == "text/plain" else "html", text.encode()))
            body_done = body_done or ctype == "text/plain"
            continue
        name = filename or f"attachment-{n}"
        kind = file_type(name, ctype)
        if kind == "zip":
            nested: list[Incoming] = []
            inc.parts += _zip(name, data, budget, depth + 1, nested)
            for other in nested:
                inc.parts += other.parts
            continue
        if kind == "eml" and depth < MAX_DEPTH:
            inner = message(data, f"{source}/{name}", budget, depth + 1)
            inc.parts += inner.parts
            continue
        budget.take(name, len(data))
        inc.parts.append(Part(name, kind, data))


def _zip(name: str, data: bytes, budget: Budget, depth: int, emails: list[Incoming]) -> list[Part]:
    import io

    if depth > MAX_DEPTH:
        raise DataError(f"{name}: ZIPs nested more than {MAX_DEPTH} deep; nothing was stored")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError(f"{name} is not a readable ZIP ({exc}); nothing was stored") from None
    if len(infos) > MAX_MEMBERS:
        raise DataError(f"{name} holds {len(infos)} files, more than ydm opens ({MAX_MEMBERS}); nothing was stored")
    declared = sum(i.file_size for i in infos)
    for i in infos:
        if i.file_size > MB and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise DataError(f"{name} looks like a ZIP bomb ({i.filename} unpacks {i.file_size // max(i.compress_size, 1)} "
                            "times larger than it is packed); nothing was stored")
        if i.flag_bits & 0x1:
            raise DataError(f"{name} is password-protected ({i.filename}); unzip it yourself and add its files")
    if budget.used + declared > MAX_REPLY_BYTES:
        raise DataError(f"{name} unpacks to {_size(declared)}, more than ydm takes in one reply "
                        f"({_size(MAX_REPLY_BYTES)}); nothing was stored")
    parts: list[Part] = []
    for i in infos:
        member = f"{name}/{i.filename}"
        if i.file_size > MAX_PART_BYTES:
            budget.take(member, i.file_size)
        try:
            with zf.open(i) as f:
                body = f.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise DataError(f"{member} cannot be unpacked ({exc}); nothing was stored") from None
        budget.take(member, len(body))
        kind = file_type(i.filename)
        if kind == "zip":
            parts += _zip(member, body, budget, depth + 1, emails)
        elif kind == "eml":
            emails.append(message(body, member, budget, depth))
        else:
            parts.append(Part(member, kind, body))
    return parts


def _mbox(path: Path, budget: Budget) -> list[Incoming]:
    box = mailbox.mbox(str(path), create=False)
    try:
        out = [message(box.get_bytes(key), f"{path.name} #{n}", budget) for n, key in enumerate(box.iterkeys(), 1)]
    finally:
        box.close()
    if not out:
        raise DataError(f"{path} has no messages (is it an mbox mailbox?); nothing was stored")
    return out


def _maildir(path: Path, budget: Budget) -> list[Incoming]:
    box = mailbox.Maildir(str(path), factory=None, create=False)
    out = [message(box.get_bytes(key), f"{path.name}/{key}", budget) for key in sorted(box.iterkeys())]
    if not out:
        raise DataError(f"{path} (a Maildir) has no messages; nothing was stored")
    return out
