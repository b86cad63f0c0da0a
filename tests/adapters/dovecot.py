"""A real Dovecot IMAP server on 127.0.0.1 for the tests (Debian's `dovecot-imapd`, installed by
.ci/run): its own config, TLS certificate (valid 2020-2040: OpenSSL checks the real clock), one user
with a password file and a Maildir, started in the foreground of a child process and stopped after.

Config keys from Dovecot 2.3's documentation (https://doc.dovecot.org/2.3/configuration_manual/):
`ssl = required`, `ssl_cert = <file`, `passdb { driver = passwd-file }`, `userdb { driver = static }`,
`mail_location = maildir:...`, `service imap-login { inet_listener imaps { port, ssl = yes } }`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "zebedee", "correct horse battery"


def available() -> str:
    """Why Dovecot cannot run here ('' when it can)."""
    if not os.path.exists(DOVECOT):
        return "dovecot is not installed (apt-get install dovecot-imapd; .ci/run does)"
    if os.geteuid() != 0:
        return "dovecot needs to start as root here (its login processes change user)"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dovecot:
    def __init__(self, cert: Path, key: Path):
        # Its own folder under /tmp: pytest's tmp_path sits in a folder only root may enter, and the
        # mail processes run as the `dovecot` user. Removed again by stop().
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="ydm-dovecot-"))
        os.chmod(root, 0o755)
        self.root, self.port = root, free_port()
        self.maildir = root / "mail" / USER / "Maildir"
        for d in ("run", "state", "mail"):
            (root / d).mkdir(parents=True, exist_ok=True)
        mail_user = pwd.getpwnam("dovecot")
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        (root / "dovecot.conf").write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = yes
auth_mechanisms = plain
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = {mail_user.pw_uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {self.port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""")
        self._uid, self._gid = mail_user.pw_uid, mail_user.pw_gid
        self.proc: subprocess.Popen | None = None

    def deliver(self, messages: list[bytes], *, seen: bool = False) -> None:
        import mailbox

        self.maildir.parent.mkdir(parents=True, exist_ok=True)
        box = mailbox.Maildir(str(self.maildir), create=True)
        for m in messages:
            msg = mailbox.MaildirMessage(m)
            if seen:
                msg.set_flags("S")
                msg.set_subdir("cur")
            box.add(msg)
        box.close()
        for path in [self.maildir.parent.parent, self.maildir.parent, *self.maildir.rglob("*"), self.maildir]:
            os.chown(path, self._uid, self._gid)

    def flags(self) -> list[str]:
        """The flags part of every message file name in cur/ ('' for new/): how the test sees \\Seen."""
        out = [p.name.split(":2,")[-1] if ":2," in p.name else "" for p in (self.maildir / "cur").iterdir()]
        return sorted(out + ["" for _ in (self.maildir / "new").iterdir()])

    def start(self) -> Dovecot:
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot stopped: {self.proc.stderr.read().decode()[:500]} "
                                   f"{(self.root / 'dovecot.log').read_text()[-800:] if (self.root / 'dovecot.log').exists() else ''}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start listening within 15 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)
