"""The unlock agent: keys in memory for a terminal session, over a 0600 socket, gone when idle or orphaned."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

from ydm.adapters import agent


@pytest.fixture
def agent_dir(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    monkeypatch.setenv("YDM_AGENT_DIR", str(folder))
    yield folder
    agent.stop()


def _wait_gone(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if agent.status() is None:
            return True
        time.sleep(0.05)
    return False


def test_a_key_put_is_handed_back_under_its_id_only(agent_dir):
    agent.start(idle_s=60, session=0)
    kid = agent.key_id("store-1", "wrapped-A")
    assert agent.put_key(kid, b"k" * 32)
    assert agent.get_key(kid) == b"k" * 32
    assert agent.get_key(agent.key_id("store-1", "wrapped-B")) is None  # rekeyed: the old key is not given
    assert agent.get_key(agent.key_id("store-2", "wrapped-A")) is None
    assert agent.status()["keys"] == 1


def test_the_socket_and_its_folder_are_the_users_alone(agent_dir):
    agent.start(idle_s=60, session=0)
    assert stat.S_IMODE(os.stat(agent_dir).st_mode) == 0o700
    sock = agent.socket_path()
    assert stat.S_ISSOCK(os.lstat(sock).st_mode)
    assert stat.S_IMODE(os.lstat(sock).st_mode) == 0o600


def test_lock_forgets_the_keys_and_ends_the_agent(agent_dir):
    agent.start(idle_s=60, session=0)
    kid = agent.key_id("s", "w")
    agent.put_key(kid, b"x" * 32)
    assert agent.stop()
    assert _wait_gone(5)
    assert agent.get_key(kid) is None
    assert not agent.socket_path().exists()


def test_an_idle_agent_ends_by_itself(agent_dir):
    agent.start(idle_s=1, session=0)
    agent.put_key("id", b"y" * 32)
    assert _wait_gone(10), "the agent outlived its idle timeout"


def test_the_agent_ends_with_the_terminal_session_that_started_it(agent_dir):
    leader = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    try:
        agent.start(idle_s=600, session=leader.pid)
        assert agent.status() is not None
    finally:
        leader.kill()
        leader.wait()
    assert _wait_gone(10), "the agent outlived the session (logout) that started it"


def test_no_agent_means_no_key_and_no_error(agent_dir):
    assert agent.status() is None
    assert agent.get_key("anything") is None
    assert agent.stop() is False


def test_a_stale_socket_file_from_a_killed_agent_is_replaced(agent_dir):
    agent.start(idle_s=60, session=0)
    pid_before = agent.status()
    subprocess.run(["pkill", "-9", "-f", f"ydm.adapters.agent {agent.socket_path()}"], check=False)
    assert _wait_gone(5)
    assert agent.socket_path().exists()  # a kill -9 leaves the socket file behind
    agent.start(idle_s=60, session=0)
    assert agent.status() is not None and pid_before is not None


def test_a_folder_of_someone_else_is_refused(tmp_path, monkeypatch):
    trap = tmp_path / "trap"
    trap.mkdir()
    link = tmp_path / "run"
    link.symlink_to(trap)
    monkeypatch.setenv("YDM_AGENT_DIR", str(link))
    with pytest.raises(agent.AgentError):
        agent.start(idle_s=5, session=0)
