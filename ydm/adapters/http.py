"""HTTP adapter: one `requests` session with timeouts, retries, a user agent and a small expiring cache.

Everything ydm fetches (postcode lookups, GOV.UK bank holidays) goes through `HttpClient.get_json`,
so that the rules in design.md hold in one place: every call has a timeout, a dead network becomes a
`NetworkError` with one plain sentence (or the last cached answer), and secrets in the query string
(API tokens) never reach the cache key, a log or an error message.

`requests` is imported inside functions only: `ydm letter` and `ydm deadline` never load it.

Base URLs come from, in order: an environment variable (`YDM_DC_BASE_URL`, `YDM_EC_BASE_URL`,
`YDM_GOVUK_HOLIDAYS_URL`), `lookup.toml` in the config folder, the built-in default. Tests point them
at a server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

from ydm import __version__, clock
from ydm.errors import DataError, NetworkError
from ydm.paths import cache_dir, config_dir

USER_AGENT = f"ydm/{__version__} (Your Data Matters)"
CONFIG_NAME = "lookup.toml"

# service name -> (environment variable, config key, default)
SERVICES: dict[str, tuple[str, str, str]] = {
    "democracy-club": ("YDM_DC_BASE_URL", "dc_base_url", "https://developers.democracyclub.org.uk/api/v1"),
    "electoral-commission": ("YDM_EC_BASE_URL", "ec_base_url", "https://api.electoralcommission.org.uk/api/v1"),
    "govuk-holidays": ("YDM_GOVUK_HOLIDAYS_URL", "govuk_holidays_url", "https://www.gov.uk/bank-holidays.json"),
}

DEFAULT_TIMEOUT = 10.0  # seconds, connect and read
DEFAULT_RETRIES = 2  # extra attempts after the first, on 5xx / 429 / connection errors / timeouts
DEFAULT_BACKOFF = 0.5  # seconds, doubled each retry
CACHE_MAX_ENTRIES = 32  # the cache holds location-ish answers: keep it small
_RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_BYTES = 5_000_000  # the answers we expect are a few kB; anything huge is not one of them


class HttpStatusError(NetworkError):
    """The server answered with a 4xx status: the request itself was refused, retrying will not help."""

    def __init__(self, message: str, *, status: int, detail: str = ""):
        super().__init__(message)
        self.status = status
        self.detail = detail


def load_config() -> dict[str, Any]:
    """The flat table in config_dir()/lookup.toml ({} when missing). Bad TOML is a DataError."""
    path = config_dir() / CONFIG_NAME
    from ydm.errors import NotFoundError
    from ydm.fileio import read_toml

    try:
        return read_toml(path, what="the lookup settings")
    except NotFoundError:
        return {}


def base_url(service: str, config: dict[str, Any] | None = None) -> str:
    """Where a service lives: env var, then lookup.toml, then the public default (no trailing slash)."""
    env, key, default = SERVICES[service]
    value = os.environ.get(env) or (config if config is not None else load_config()).get(key) or default
    return str(value).rstrip("/") if service != "govuk-holidays" else str(value)


def _float_setting(env: str, key: str, default: float, config: dict[str, Any]) -> float:
    raw = os.environ.get(env) or config.get(key)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise DataError(f"{env} / {key} must be a number of seconds, not {raw!r}") from None


@dataclass(frozen=True)
class JsonAnswer:
    """A decoded JSON answer and where it came from (network, fresh cache, or stale cache when offline)."""

    data: Any
    fetched_at: datetime
    from_cache: bool = False
    stale: bool = False  # served from an expired cache entry because the network failed


class Cache:
    """Answers on disk under cache_dir()/http/, one JSON file per URL hash, with an expiry.

    The key is a SHA-256 of the URL *without* secret query parameters, so no token is ever on disk,
    and the URL itself is not stored. The folder is pruned to CACHE_MAX_ENTRIES files.
    """

    def __init__(self, folder: Path | None = None, max_entries: int = CACHE_MAX_ENTRIES):
        self.folder = folder or cache_dir() / "http"
        self.max_entries = max_entries

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()

    def _path(self, url: str) -> Path:
        return self.folder / f"{self.key(url)}.json"

    def get(self, url: str, ttl: float, *, now: float | None = None, allow_stale: bool = False):
        """(data, stored_at, is_stale) or None. Unreadable entries count as missing."""
        path = self._path(url)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            stored_at = float(entry["stored_at"])
            data = entry["data"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        now = clock.timestamp() if now is None else now
        stale = now - stored_at > ttl
        if stale and not allow_stale:
            return None
        return data, stored_at, stale

    def put(self, url: str, data: Any, *, now: float | None = None) -> None:
        """Store atomically; a cache that cannot be written is silently skipped (it is only a cache).

        Readable by the user only (folder 0700, files 0600): a postcode answer says where someone lives."""
        try:
            from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

            private_dir(self.folder)
            os.chmod(self.folder, 0o700)
            path = self._path(url)
            tmp = path.with_suffix(".tmp")
            blob = json.dumps({"stored_at": now or clock.timestamp(), "data": data}).encode("utf-8")
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
                fh.write(blob)
            os.chmod(tmp, 0o600)  # a .tmp left over with wider rights keeps them through O_CREAT
            os.replace(tmp, path)
            self.prune()
        except OSError:
            pass

    def prune(self, max_age: float | None = None) -> None:
        """Drop the oldest entries beyond max_entries, and (if given) everything older than max_age."""
        try:
            files = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        now = clock.timestamp()
        for i, path in enumerate(files):
            try:
                if i >= self.max_entries or (max_age is not None and now - path.stat().st_mtime > max_age):
                    path.unlink()
            except OSError:
                pass

    def clear(self) -> int:
        """Delete every cached answer; returns how many were removed."""
        count = 0
        for path in self.folder.glob("*.json") if self.folder.exists() else ():
            try:
                path.unlink()
                count += 1
            except OSError:
                pass
        return count


def redact(url: str, secret_params: tuple[str, ...] = ()) -> str:
    """The URL as it may appear in a cache key or message: no query values for secret parameters."""
    if not secret_params:
        return url
    parts = urlsplit(url)
    if not parts.query:
        return url
    from urllib.parse import parse_qsl

    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in secret_params]
    return parts._replace(query=urlencode(kept)).geturl()


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


class HttpClient:
    """A small JSON client. Construct one per task; `close()` (or `with`) releases the connections."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        cache: Cache | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import requests  # lazy: keeps the letter/deadline paths free of requests

        config = load_config()
        self.timeout = timeout if timeout is not None else _float_setting(
            "YDM_HTTP_TIMEOUT", "timeout", DEFAULT_TIMEOUT, config
        )
        self.retries = retries if retries is not None else int(
            _float_setting("YDM_HTTP_RETRIES", "retries", DEFAULT_RETRIES, config)
        )
        self.backoff = backoff if backoff is not None else _float_setting(
            "YDM_HTTP_BACKOFF", "backoff", DEFAULT_BACKOFF, config
        )
        self.cache = cache or Cache()
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def get_json(
        self,
        url: str,
        *,
        params: dict[str, str] | None = None,
        secret_params: tuple[str, ...] = (),
        cache_ttl: float | None = None,
        keep: Callable[[Any], Any] | None = None,
        what: str = "",
    ) -> JsonAnswer:
        """GET url and decode JSON.

        cache_ttl (seconds): answer from the cache while fresh, store new answers, and fall back to an
        expired entry if the network fails. None means no cache at all. `keep` trims an answer before it
        is cached (store only what we use). `what` names the thing for messages ("the GOV.UK bank
        holidays"). Raises HttpStatusError for 4xx, NetworkError for everything else that went wrong.
        """
        full = url + ("?" + urlencode(params) if params else "")
        public = redact(full, secret_params)
        what = what or _host(url)
        if cache_ttl is not None:
            hit = self.cache.get(public, cache_ttl)
            if hit is not None:
                data, stored_at, _ = hit
                return JsonAnswer(data, datetime.fromtimestamp(stored_at, UTC), from_cache=True)
        try:
            data = self._fetch(full, what)
        except HttpStatusError:
            raise
        except NetworkError:
            if cache_ttl is not None:
                hit = self.cache.get(public, cache_ttl, allow_stale=True)
                if hit is not None:
                    data, stored_at, stale = hit
                    return JsonAnswer(data, datetime.fromtimestamp(stored_at, UTC), from_cache=True, stale=stale)
            raise
        if keep is not None:
            data = keep(data)
        if cache_ttl is not None:
            self.cache.put(public, data)
        return JsonAnswer(data, clock.now())

    def _fetch(self, url: str, what: str) -> Any:
        """One GET with retries; returns decoded JSON. Messages never contain the URL (it may hold a token)."""
        import requests

        host = _host(url)
        attempt = 0
        while True:
            problem = ""
            try:
                response = self.session.get(url, timeout=self.timeout)
            except requests.exceptions.Timeout:
                problem = f"{host} did not answer within {self.timeout:g} s"
            except requests.exceptions.ConnectionError:
                problem = f"could not connect to {host} (are you offline?)"
            except requests.exceptions.RequestException as exc:
                raise NetworkError(f"could not fetch {what}: {type(exc).__name__}") from None
            else:
                if response.status_code in _RETRY_STATUSES:
                    problem = f"{host} answered with HTTP {response.status_code}"
                elif response.status_code >= 400:
                    raise _status_error(response, what)
                elif len(response.content) > MAX_BYTES:
                    raise NetworkError(f"{host} sent an unexpectedly large answer, so ydm did not read {what}")
                else:
                    try:
                        return response.json()
                    except ValueError:
                        raise NetworkError(
                            f"{host} sent an answer that is not valid JSON, so ydm cannot read {what}"
                        ) from None
            if attempt >= self.retries:
                raise NetworkError(f"could not fetch {what}: {problem}")
            self._sleep(self.backoff * (2**attempt))
            attempt += 1


    def download(self, url: str, dest: Path, *, what: str = "",
                 progress: Callable[[int, int], None] | None = None) -> Path:
        """Stream a large file (a public register) to `dest`, resuming a partial `dest.part` left by an
        earlier try (HTTP Range); `progress(done, total)` after each chunk. The file appears at `dest`
        only when complete; a failure keeps the `.part` for the next try and raises NetworkError."""
        import requests

        what = what or _host(url)
        part = dest.with_name(dest.name + ".part")
        from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

        private_dir(dest.parent)
        attempt = 0
        while True:
            have = part.stat().st_size if part.exists() else 0
            headers = {"Accept": "*/*", **({"Range": f"bytes={have}-"} if have else {})}
            problem = ""
            try:
                with self.session.get(url, headers=headers, stream=True, timeout=self.timeout) as response:
                    if response.status_code == 416 and have:  # already complete
                        part.replace(dest)
                        return dest
                    if response.status_code in _RETRY_STATUSES:
                        problem = f"{_host(url)} answered with HTTP {response.status_code}"
                    elif response.status_code >= 400:
                        raise _status_error(response, what)
                    else:
                        resumed = response.status_code == 206
                        done = have if resumed else 0
                        length = int(response.headers.get("Content-Length") or 0)
                        total = done + length if length else 0
                        with part.open("ab" if resumed else "wb") as fh:
                            for chunk in response.iter_content(1 << 16):
                                fh.write(chunk)
                                done += len(chunk)
                                if progress is not None:
                                    progress(done, total)
                        if total and done < total:
                            problem = f"{_host(url)} stopped sending after {done:,} of {total:,} bytes"
                        else:
                            part.replace(dest)
                            return dest
            except requests.exceptions.Timeout:
                problem = f"{_host(url)} did not answer within {self.timeout:g} s"
            except requests.exceptions.ConnectionError:
                problem = f"the connection to {_host(url)} broke (are you offline?)"
            except requests.exceptions.ChunkedEncodingError:
                problem = f"the download from {_host(url)} broke off"
            except requests.exceptions.RequestException as exc:
                raise NetworkError(f"could not download {what}: {type(exc).__name__}") from None
            except OSError as exc:
                raise NetworkError(f"could not save {what} to {part.parent}: {exc.strerror or exc}") from None
            if attempt >= self.retries:
                kept = f"; {part.stat().st_size:,} bytes kept, run it again to resume" if part.exists() else ""
                raise NetworkError(f"could not download {what}: {problem}{kept}")
            self._sleep(self.backoff * (2**attempt))
            attempt += 1


def _status_error(response, what: str) -> HttpStatusError:
    """4xx: keep the server's own `detail` (APIs here send {"detail": "..."}), but nothing from the URL."""
    detail = ""
    try:
        body = response.json()
        if isinstance(body, dict):
            detail = str(body.get("detail") or body.get("message") or body.get("error") or "")
    except ValueError:
        pass
    detail = detail[:200]
    message = f"{_host(response.url)} refused the request for {what} (HTTP {response.status_code})"
    if detail:
        message += f": {detail}"
    return HttpStatusError(message, status=response.status_code, detail=detail)


def clear_cache() -> int:
    """Delete every cached HTTP answer (postcode lookups). Returns how many were removed."""
    return Cache().clear()
