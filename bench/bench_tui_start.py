#!/usr/bin/env python3
"""Benchmark: process start of `ydm` (the Textual app) to the dashboard being ready, in a real pty.

"Ready" means the dashboard has loaded the requests and painted them: the empty-state text for a
new user, or the summary line ("N requests, …") for a store with requests. The app runs exactly as
a user starts it (`python -m ydm`, no flags), in its own YDM_HOME, with the terminal driver on a
pseudo-terminal of 100×30; the clock stops when the ready text reaches the terminal, then Ctrl+Q.

Run:   .venv/bin/python bench/bench_tui_start.py [RUNS]
Target: under 0.8 s (median) on a 2-core machine. Nothing is asserted; every run is printed.
Scenarios: a new user (no store yet); 200 requests in a keyring store (the test suite's
file-backed keyring stands in for the OS keyring); 200 requests in a passphrase store
(YDM_PASSPHRASE, no keyring), where the scrypt key derivation is part of the figure; 10,000 requests
in a keyring store (issue 21's large case). Runs are interleaved with a bare Python start (harness.py).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 0.8
PASSPHRASE = "bench passphrase, not a secret"
N_REQUESTS = 200
N_LARGE = 10_000


def run_once(env: dict[str, str], ready: bytes, timeout: float = 20.0) -> float:
    """Seconds from spawning `python -m ydm` until `ready` appears in its terminal output."""
    leader, follower = pty.openpty()
    import fcntl

    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ydm"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(follower)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            readable, _, _ = select.select([leader], [], [], 0.05)
            if not readable:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            seen += chunk
            if ready in seen:
                elapsed = time.perf_counter() - start
                break
        os.write(leader, b"\x11")  # Ctrl+Q
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=5)
    finally:
        os.close(leader)
    if elapsed is None:
        raise RuntimeError(f"the dashboard never showed {ready!r}; last output: {seen[-400:]!r}")
    return elapsed


def seed_store(home: Path, env_extra: dict[str, str]) -> None:
    """N_REQUESTS requests in a store, recorded through the tracker (as the app does)."""
    env = dict(os.environ, YDM_HOME=str(home), **env_extra)
    code = f"""
from datetime import date, timedelta
from ydm import tracker
from ydm.orgs import contacts
from ydm.letters.render import render
from ydm.model import Channel, RequestKind
from ydm.profile import make_person
from ydm.store.db import open_store
person = make_person(name="Bench Person", address="1 High Street, Anytown", postcode="SW1A 1AA", email="b@example.org")
orgs = [o for o in contacts.load() if o.has_channel]
today = date(2026, 3, 2)
with open_store() as store:
    for i in range({N_REQUESTS}):
        org = orgs[i % len(orgs)]
        kind = (RequestKind.ACCESS, RequestKind.OBJECT_MARKETING)[i % 2]
        sent = today - timedelta(days=i % 60)
        letter = render(kind, person, org, today=sent)
        tracker.record_letters([letter], channel=Channel.EMAIL, sent_on=sent, store=store, today=today)
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


def seed_large(home: Path, keyring_env: dict[str, str], n: int) -> None:
    """`n` requests written straight into a keyring store (bench_store's builder: rendering 10,000 letters
    through the tracker would take minutes and time nothing the dashboard does)."""
    code = f"""
import os, sys
sys.path.insert(0, {str(ROOT / 'bench')!r})
import bench_store
bench_store.N = {n}
bench_store.build(__import__('pathlib').Path({str(home)!r}))
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, YDM_HOME=str(home), **keyring_env),
                   cwd=ROOT)


def rows(runs: int = 5) -> list:
    """Start to dashboard in each scenario, interleaved run by run with a bare Python start."""
    sys.path.insert(0, str(ROOT / "bench"))
    from harness import BARE, Row, child_env, interleaved, median, run_process

    base = child_env()
    base.pop("NO_COLOR", None)
    base.update(TERM="xterm-256color", COLUMNS="100", LINES="30", YDM_TODAY="2026-03-02",
                PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", TEXTUAL_ANIMATIONS="none")
    scenarios: dict[str, tuple[str, dict[str, str], bytes]] = {}
    with tempfile.TemporaryDirectory(prefix="ydm-bench-tui-") as tmp:
        new_home = Path(tmp) / "new"
        new_home.mkdir()
        scenarios["new"] = ("a new user (no store yet)", dict(base, YDM_HOME=str(new_home)), b"Write your first request")
        # A desktop with a keyring: the test suite's file-backed keyring stands in for the OS one.
        keyring_env = {"PYTHON_KEYRING_BACKEND": "tests.store.keyring_backend.FileKeyring",
                       "YDM_TEST_KEYRING_FILE": str(Path(tmp) / "keyring.json")}
        keyring_home = Path(tmp) / "keyring-store"
        keyring_home.mkdir()
        seed_store(keyring_home, keyring_env)
        scenarios["200"] = (f"{N_REQUESTS} requests (keyring store)", dict(base, YDM_HOME=str(keyring_home), **keyring_env),
                            f"{N_REQUESTS} requests".encode())
        # No keyring at all: a passphrase (here from YDM_PASSPHRASE) and scrypt on every start.
        passphrase_env = {"YDM_PASSPHRASE": PASSPHRASE, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        store_home = Path(tmp) / "passphrase-store"
        store_home.mkdir()
        seed_store(store_home, passphrase_env)
        scenarios["200-pass"] = (f"{N_REQUESTS} requests (passphrase store)",
                                 dict(base, YDM_HOME=str(store_home), **passphrase_env), f"{N_REQUESTS} requests".encode())
        large_home = Path(tmp) / "large-store"
        large_home.mkdir()
        large_env = dict(keyring_env, YDM_TEST_KEYRING_FILE=str(large_home / "keyring.json"))
        seed_large(large_home, large_env, N_LARGE)
        scenarios["large"] = (f"{N_LARGE:,} requests (keyring store)", dict(base, YDM_HOME=str(large_home), **large_env),
                              f"{N_LARGE} requests".encode())
        cases = {"floor": lambda: run_process(BARE, base)}
        for key, (_, env, ready) in scenarios.items():
            cases[key] = lambda e=env, r=ready: run_once(e, r)
        times = interleaved(cases, runs)
    floor = median(times["floor"])
    return [Row(f"TUI start to dashboard: {label}", "ydm", median(times[key]), "bare Python", floor,
                "≤ 0.8 s" if key != "large" else "≤ 0.8 s (issue 21)", times[key])
            for key, (label, _, _) in scenarios.items()]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sys.path.insert(0, str(ROOT / "bench"))
    from harness import machine, report

    print(f"ydm TUI start to dashboard ready, {runs} interleaved runs each; {machine()}")
    report(rows(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
