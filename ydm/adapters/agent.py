"""A short-lived unlock agent: a passphrase store's data key held in memory for one terminal session.

Why: a store locked with a passphrase pays scrypt (~0.1 s, on purpose) on every command, and asks for the
passphrase each time. `ydm store unlock` starts this agent once, the way `ssh-agent` and `gpg-agent` work:
a small process that holds the *data key* (never the passphrase) in memory and hands it to ydm commands of
the same user over a Unix socket. The key is never written to disk.

What bounds it:
- the socket is in a folder of the user's own (``$XDG_RUNTIME_DIR/ydm`` or ``/tmp/ydm-UID``), made 0700 and
  checked to be the user's, not a symlink; the socket itself is 0600, and every connection's peer
  credentials (SO_PEERCRED) must be the agent's own uid;
- it ends after an idle timeout (no request for N minutes), when the terminal session that started it ends
  (its session leader is gone: logout, closed window), on `ydm store lock`, and on SIGTERM/SIGHUP;
- a key is filed under the store's id *and* a hash of its wrapped key, so after a rekey the old key is never
  handed out (the lookup misses and the passphrase is asked as usual);
- no core dumps, no logs, nothing personal: it holds keys only, and forgets them on exit.
The client side never raises: any failure (no agent, a stale socket, a slow agent) means "ask as usual".
"""

from __future__ import annotations

import base64
import json
import os
import select
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
from pathlib import Path

IDLE_DEFAULT_S = 15 * 60
_CLIENT_TIMEOUT_S = 0.5
_MAX_MESSAGE = 4096


class AgentError(Exception):
    """The agent could not be started (the CLI turns this into one `ydm: error:` line)."""


def socket_dir() -> Path:
    """The agent's folder: `YDM_AGENT_DIR` (tests), else the user's runtime folder, else /tmp/ydm-UID."""
    override = os.environ.get("YDM_AGENT_DIR")
    if override:
        return Path(override)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "ydm"
    return Path("/tmp") / f"ydm-{os.getuid()}"


def socket_path() -> Path:
    return socket_dir() / "agent.sock"


def key_id(store_id: str, wrapped_key: str) -> str:
    """The name a key is filed under: the store and the exact wrapping, so a rekey retires it."""
    import hashlib

    return f"{store_id}:{hashlib.sha256(wrapped_key.encode()).hexdigest()[:32]}"


def _own_folder(path: Path) -> None:
    """Make (or check) a 0700 folder owned by us; refuse anything else (another user's trap)."""
    from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

    private_dir(path)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise AgentError(f"{path} is not a folder of your own; the unlock agent will not use it")
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(path, 0o700)


# --- the client (every ydm command) ---------------------------------------------------------------


def _ask(message: dict, timeout: float = _CLIENT_TIMEOUT_S) -> dict | None:
    path = socket_path()
    try:
        st = os.lstat(path)
        if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.getuid():
            return None
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(str(path))
            s.sendall(json.dumps(message).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n") and len(data) < _MAX_MESSAGE:
                chunk = s.recv(_MAX_MESSAGE)
                if not chunk:
                    break
                data += chunk
        answer = json.loads(data.decode())
        return answer if isinstance(answer, dict) else None
    except (OSError, ValueError):
        return None


def get_key(kid: str) -> bytes | None:
    """The data key filed under `kid`, or None (no agent, locked, another rekey): then ask as usual."""
    answer = _ask({"op": "get", "id": kid})
    if not answer or "key" not in answer:
        return None
    try:
        return base64.b64decode(answer["key"], validate=True)
    except (ValueError, TypeError):
        return None


def put_key(kid: str, key: bytes) -> bool:
    answer = _ask({"op": "put", "id": kid, "key": base64.b64encode(key).decode()})
    return bool(answer and answer.get("ok"))


def status() -> dict | None:
    """{"keys": n, "idle_left_s": s} from a running agent, or None when none runs."""
    return _ask({"op": "status"})


def stop() -> bool:
    """Ask the agent to forget its keys and end. True when one was running."""
    return bool(_ask({"op": "stop"}))


def start(idle_s: int = IDLE_DEFAULT_S, session: int | None = None, wait_s: float = 5.0) -> None:
    """Start the agent (if none answers) for this terminal session, and wait until it listens."""
    if status() is not None:
        return
    _own_folder(socket_dir())
    leader = session if session is not None else os.getsid(0)
    # -P: the installed ydm, never a `ydm` folder in the current directory.
    argv = [sys.executable, "-P", "-m", "ydm.adapters.agent", str(socket_path()), str(int(idle_s)), str(leader)]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, close_fds=True)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if status() is not None:
            return
        if proc.poll() is not None:
            raise AgentError(f"the unlock agent stopped at once (exit {proc.returncode})")
        time.sleep(0.02)
    proc.terminate()
    raise AgentError("the unlock agent did not start listening in time")


# --- the agent process ------------------------------------------------------------------------------


def _peer_uid(conn: socket.socket) -> int | None:
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):  # not Linux: no peer check available, refuse
        return None
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve(path: Path, idle_s: int, leader: int) -> int:
    """The agent's loop: answer get/put/status/stop until idle, orphaned or told to stop."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file with keys in it
    except (ImportError, ValueError, OSError):
        pass
    keys: dict[str, bytearray] = {}
    stopping = False

    def _stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    _own_folder(path.parent)
    try:
        path.unlink()  # a stale socket from an agent that was killed
    except FileNotFoundError:
        pass
    old_umask = os.umask(0o177)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
    server.listen(8)
    last_use = time.monotonic()
    try:
        while not stopping:
            if time.monotonic() - last_use > idle_s or (leader > 0 and not _alive(leader)):
                break
            ready, _, _ = select.select([server], [], [], 0.5)
            if not ready:
                continue
            conn, _ = server.accept()
            with conn:
                conn.settimeout(1.0)
                if _peer_uid(conn) != os.getuid():
                    continue
                try:
                    data = conn.recv(_MAX_MESSAGE)
                    message = json.loads(data.decode())
                    op = message.get("op")
                except (OSError, ValueError, AttributeError):
                    continue
                if op in ("get", "put"):  # a status probe is not use: it must not keep the agent alive
                    last_use = time.monotonic()
                if op == "get":
                    key = keys.get(str(message.get("id")))
                    answer = {"key": base64.b64encode(bytes(key)).decode()} if key else {"error": "no key"}
                elif op == "put":
                    try:
                        keys[str(message["id"])] = bytearray(base64.b64decode(message["key"], validate=True))
                        answer = {"ok": True}
                    except (KeyError, ValueError, TypeError):
                        answer = {"error": "bad key"}
                elif op == "status":
                    answer = {"keys": len(keys), "idle_left_s": int(idle_s - (time.monotonic() - last_use))}
                elif op == "stop":
                    answer, stopping = {"ok": True}, True
                else:
                    answer = {"error": "unknown op"}
                try:
                    conn.sendall(json.dumps(answer).encode() + b"\n")
                except OSError:
                    pass
    finally:
        for key in keys.values():  # best effort: overwrite before the memory is freed
            key[:] = bytes(len(key))
        keys.clear()
        try:
            path.unlink()  # first, so that "no answer" always means "no socket file" too
        except FileNotFoundError:
            pass
        server.close()
    return 0


if __name__ == "__main__":  # started by `start()`: python -m ydm.adapters.agent SOCKET IDLE_S LEADER_PID
    sys.exit(serve(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
