"""ydm.adapters.http against a real server on 127.0.0.1: retries, timeouts, bad JSON, cache, settings."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.adapters.conftest import Reply
from ydm import __version__
from ydm.adapters import http
from ydm.errors import DataError, NetworkError


def client(**kw):
    kw.setdefault("backoff", 0)
    return http.HttpClient(**kw)


def test_get_json_sends_user_agent_and_decodes(api_server):
    api_server.route("/thing", Reply(200, {"ok": True}))
    with client() as c:
        answer = c.get_json(api_server.base + "/thing")
    assert answer.data == {"ok": True} and not answer.from_cache
    headers = api_server.seen[0].headers
    assert headers["user-agent"].startswith(f"ydm/{__version__}")
    assert "application/json" in headers["accept"]


def test_500_then_success_is_retried(api_server):
    api_server.route("/flaky", Reply(500, {"detail": "boom"}), Reply(503, ""), Reply(200, {"ok": 1}))
    with client(retries=2) as c:
        assert c.get_json(api_server.base + "/flaky").data == {"ok": 1}
    assert len(api_server.seen) == 3


def test_backoff_doubles_between_retries(api_server):
    api_server.route("/down", Reply(502, ""))
    waits = []
    with http.HttpClient(retries=3, backoff=0.5, sleep=waits.append) as c, pytest.raises(NetworkError) as err:
        c.get_json(api_server.base + "/down")
    assert waits == [0.5, 1.0, 2.0]
    assert "HTTP 502" in str(err.value)
    assert len(api_server.seen) == 4


def test_persistent_500_gives_plain_network_error(api_server):
    api_server.route("/down", Reply(500, "<html>oops</html>"))
    with client(retries=1) as c, pytest.raises(NetworkError) as err:
        c.get_json(api_server.base + "/down", what="the test answer")
    assert str(err.value) == "could not fetch the test answer: 127.0.0.1 answered with HTTP 500"


def test_4xx_is_not_retried_and_keeps_detail(api_server):
    api_server.route("/missing", Reply(404, {"detail": "Could not geocode from any source"}))
    with client(retries=3) as c, pytest.raises(http.HttpStatusError) as err:
        c.get_json(api_server.base + "/missing", params={"token": "s3cret"}, secret_params=("token",))
    assert err.value.status == 404 and err.value.detail == "Could not geocode from any source"
    assert "s3cret" not in str(err.value)
    assert len(api_server.seen) == 1


def test_slow_server_times_out(api_server):
    api_server.route("/slow", Reply(200, {"late": True}, delay=1.0))
    with client(timeout=0.2, retries=0) as c, pytest.raises(NetworkError) as err:
        c.get_json(api_server.base + "/slow")
    assert "did not answer within 0.2 s" in str(err.value)


def test_malformed_json_is_a_plain_error(api_server):
    api_server.route("/bad", Reply(200, b'{"address_picker": fal'))
    with client() as c, pytest.raises(NetworkError) as err:
        c.get_json(api_server.base + "/bad", what="the lookup")
    assert "not valid JSON" in str(err.value) and "the lookup" in str(err.value)


def test_server_down_is_a_plain_error(dead_url):
    with client(retries=1, timeout=1) as c, pytest.raises(NetworkError) as err:
        c.get_json(dead_url + "/x")
    assert "could not connect to 127.0.0.1" in str(err.value)


def test_cache_hit_skips_the_network_and_never_stores_the_token(api_server, isolated_home):
    api_server.route("/pc", Reply(200, {"n": 1}))
    with client() as c:
        first = c.get_json(api_server.base + "/pc", params={"auth_token": "tok-1"},
                           secret_params=("auth_token",), cache_ttl=60)
        second = c.get_json(api_server.base + "/pc", params={"auth_token": "tok-2"},
                            secret_params=("auth_token",), cache_ttl=60)
    assert first.data == second.data == {"n": 1}
    assert not first.from_cache and second.from_cache
    assert len(api_server.seen) == 1
    files = list((isolated_home / "cache" / "http").glob("*.json"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "tok-1" not in text and "/pc" not in text and "127.0.0.1" not in text


def test_keep_trims_what_is_cached(api_server, isolated_home):
    api_server.route("/big", Reply(200, {"keep": 1, "drop": "x" * 100}))
    with client() as c:
        answer = c.get_json(api_server.base + "/big", cache_ttl=60, keep=lambda d: {"keep": d["keep"]})
    assert answer.data == {"keep": 1}
    (entry,) = (isolated_home / "cache" / "http").glob("*.json")
    assert "drop" not in entry.read_text()


def test_expired_cache_is_refetched_online_and_used_offline(api_server, isolated_home):
    url = api_server.base + "/pc"
    api_server.route(url.removeprefix(api_server.base), Reply(200, {"n": 2}))
    cache = http.Cache()
    cache.put(url, {"n": 1}, now=time.time() - 7200)
    with client(cache=cache) as c:
        assert c.get_json(url, cache_ttl=3600).data == {"n": 2}  # expired: fetched again
    cache.put(url, {"n": 1}, now=time.time() - 7200)
    api_server.route("/pc", Reply(500, ""))
    with client(cache=cache, retries=0) as c:
        answer = c.get_json(url, cache_ttl=3600)
    assert answer.data == {"n": 1} and answer.from_cache and answer.stale


def test_no_cache_means_offline_raises(dead_url):
    with client(retries=0, timeout=1) as c, pytest.raises(NetworkError):
        c.get_json(dead_url + "/pc", cache_ttl=None)


def test_cache_is_pruned_to_a_few_entries(tmp_path):
    cache = http.Cache(tmp_path / "c", max_entries=3)
    for i in range(6):
        cache.put(f"http://x/{i}", i)
    assert len(list((tmp_path / "c").glob("*.json"))) == 3
    assert cache.clear() == 3
    assert cache.get("http://x/5", 60) is None


def test_unreadable_cache_entry_counts_as_missing(tmp_path):
    cache = http.Cache(tmp_path)
    cache.put("http://x/a", {"a": 1})
    next(tmp_path.glob("*.json")).write_text("not json")
    assert cache.get("http://x/a", 60) is None


def test_redact_drops_secret_values_only():
    url = "https://api.example/api/v1/postcode/SW1A1AA/?token=abc&format=json"
    assert http.redact(url, ("token",)) == "https://api.example/api/v1/postcode/SW1A1AA/?format=json"
    assert http.redact(url) == url


def test_base_url_env_then_config_then_default(monkeypatch, isolated_home):
    monkeypatch.delenv("YDM_DC_BASE_URL", raising=False)
    assert http.base_url("democracy-club") == "https://developers.democracyclub.org.uk/api/v1"
    (isolated_home / "config").mkdir()
    (isolated_home / "config" / "lookup.toml").write_text('dc_base_url = "http://127.0.0.1:9/x/"\n')
    assert http.base_url("democracy-club") == "http://127.0.0.1:9/x"
    monkeypatch.setenv("YDM_DC_BASE_URL", "http://127.0.0.1:8/y")
    assert http.base_url("democracy-club") == "http://127.0.0.1:8/y"
    assert http.base_url("govuk-holidays") == "https://www.gov.uk/bank-holidays.json"


def test_settings_from_config_and_bad_config(monkeypatch, isolated_home):
    for var in ("YDM_HTTP_TIMEOUT", "YDM_HTTP_RETRIES", "YDM_HTTP_BACKOFF"):
        monkeypatch.delenv(var, raising=False)
    (isolated_home / "config").mkdir()
    cfg = isolated_home / "config" / "lookup.toml"
    cfg.write_text("timeout = 3.5\nretries = 4\n")
    with http.HttpClient() as c:
        assert (c.timeout, c.retries, c.backoff) == (3.5, 4, http.DEFAULT_BACKOFF)
    cfg.write_text('timeout = "soon"\n')
    with pytest.raises(DataError):
        http.HttpClient()
    cfg.write_text("timeout = = 3\n")
    with pytest.raises(DataError) as err:
        http.load_config()
    assert "lookup.toml" in str(err.value)


def test_clear_cache_helper(isolated_home):
    http.Cache().put("http://x/1", 1)
    assert http.clear_cache() == 1


def test_lookup_modules_do_not_import_requests_until_used():
    code = (
        "import sys, json\n"
        "import ydm.adapters.http, ydm.adapters.lookup, ydm.law.govuk_holidays\n"
        "from ydm.cli import build_parser\n"
        "build_parser()\n"
        "print(json.dumps(sorted(m for m in ('requests', 'keyring', 'urllib3') if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_huge_answer_is_refused(api_server, monkeypatch):
    monkeypatch.setattr(http, "MAX_BYTES", 100)
    api_server.route("/huge", Reply(200, {"x": "y" * 200}))
    with client() as c, pytest.raises(NetworkError) as err:
        c.get_json(api_server.base + "/huge")
    assert "unexpectedly large" in str(err.value)
