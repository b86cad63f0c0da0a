"""`ydm config`: API keys in the OS keyring, and where ydm looks things up.

A key is read from a prompt that does not echo (or from stdin when piped), never from the command
line: arguments end up in shell history and in `ps` output.
"""

from __future__ import annotations

import sys

from ydm.cli import output

KEYS = ("democracy-club", "electoral-commission")


def register(sub) -> None:
    p = sub.add_parser("config", help="store API keys; show lookup settings",
                       description="Store API keys in your OS keyring and show where ydm looks things up.")
    cmds = p.add_subparsers(dest="config_command", metavar="ACTION")
    s = cmds.add_parser("set-key", help="store an API key (typed without echo, or piped on stdin)",
                        description="Store an API key in the OS keyring. The key is read from a hidden "
                        "prompt, or from stdin when piped (e.g. from a password manager). It is never "
                        "taken from the command line. Without a keyring, set YDM_DEMOCRACY_CLUB_KEY or "
                        "YDM_ELECTORAL_COMMISSION_KEY in the environment instead (it wins over the keyring).")
    s.add_argument("name", choices=KEYS, metavar="NAME", help=" or ".join(KEYS))
    s.set_defaults(run=run_set_key)
    d = cmds.add_parser("delete-key", help="remove a stored API key")
    d.add_argument("name", choices=KEYS, metavar="NAME", help=" or ".join(KEYS))
    d.set_defaults(run=run_delete_key)
    clear = cmds.add_parser("clear-cache", help="forget saved postcode lookup answers (they expire after a day anyway)")
    clear.set_defaults(run=run_clear_cache)
    show = cmds.add_parser("show", help="show lookup URLs, settings file and which keys are set (never the keys)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=run_show)
    p.set_defaults(run=lambda args: p.print_help() or 0)


def _read_key(name: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"API key for {name} (not shown): ")
    return sys.stdin.readline()


def _keyring_error(exc, name: str) -> Exception:
    from ydm.adapters.lookup import key_name
    from ydm.adapters.secrets import env_name
    from ydm.errors import StoreError

    return StoreError(f"the OS keyring is not available ({type(exc).__name__}); put the key in the "
                      f"environment variable {env_name(key_name(name))} instead (ydm reads it from there)")


def run_set_key(args) -> int:
    from keyring.errors import KeyringError

    from ydm.adapters.lookup import key_name
    from ydm.adapters.secrets import set_secret
    from ydm.errors import InputError

    key = _read_key(args.name).strip()
    if not key:
        raise InputError("no key given (type it at the prompt, or pipe it on stdin)")
    if any(ch.isspace() for ch in key) or len(key) > 512:
        raise InputError("that does not look like an API key (it has spaces or is very long)")
    try:
        set_secret(key_name(args.name), key)
    except (KeyringError, RuntimeError) as exc:
        raise _keyring_error(exc, args.name) from None
    output.out(f"Stored the {args.name} API key in your OS keyring.")
    return 0


def run_delete_key(args) -> int:
    from keyring.errors import KeyringError

    from ydm.adapters.lookup import key_name
    from ydm.adapters.secrets import delete_secret

    try:
        delete_secret(key_name(args.name))
    except (KeyringError, RuntimeError) as exc:
        raise _keyring_error(exc, args.name) from None
    output.out(f"Removed the {args.name} API key (if there was one).")
    return 0


def run_clear_cache(args) -> int:
    from ydm.adapters.http import clear_cache

    removed = clear_cache()
    output.out(f"Removed {removed} saved lookup answer(s).")
    return 0


def run_show(args) -> int:
    from ydm.adapters import http, lookup
    from ydm.paths import cache_dir, config_dir

    config = http.load_config()
    urls = {name: http.base_url(name, config) for name in http.SERVICES}
    keys = {name: lookup.api_key(name) is not None for name in KEYS}
    data = {
        "settings_file": str(config_dir() / http.CONFIG_NAME),
        "cache_dir": str(cache_dir()),
        "base_urls": urls,
        "provider": config.get("provider", ""),
        "keys_set": keys,
    }
    if args.json:
        output.out_json(data)
        return 0
    output.out(f"Settings file: {data['settings_file']}")
    output.out(f"Cache folder:  {data['cache_dir']}")
    for name, url in urls.items():
        output.out(f"{name + ':':<26} {url}")
    for name, present in keys.items():
        output.out(f"{name + ' key:':<26} {'set' if present else 'not set'}")
    return 0
