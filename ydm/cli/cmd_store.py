"""`ydm store info|rekey`: where the encrypted request store is and how its key is kept."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("store", help="the encrypted request store: info, change its key",
                       description="Your requests are kept encrypted. The key is in the OS keyring, or, where "
                       "there is none, made from a passphrase (asked for, or YDM_PASSPHRASE).")
    ps = p.add_subparsers(dest="action", metavar="ACTION")
    p.set_defaults(run=run)
    info = ps.add_parser("info", help="path, schema version, key mode, number of requests")
    info.add_argument("--json", action="store_true")
    rk = ps.add_parser("rekey", help="a new key: every record re-encrypted in one step",
                       description="Make a new data key and re-encrypt everything. With --passphrase or "
                       "--keyring, also move the key there. A new passphrase is asked twice "
                       "(or taken from YDM_NEW_PASSPHRASE).")
    where = rk.add_mutually_exclusive_group()
    where.add_argument("--passphrase", action="store_true", help="keep the key as a passphrase from now on")
    where.add_argument("--keyring", action="store_true", help="keep the key in the OS keyring from now on")


def run(args) -> int:
    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.store import open_store

    action = getattr(args, "action", None)
    if action not in ("info", "rekey"):
        raise InputError("say what to do: ydm store info | ydm store rekey")
    with open_store() as store:
        if action == "info":
            info = store.info()
            if args.json:
                output.out_json(info)
            else:
                output.out("\n".join(f"{k}: {v}" for k, v in info.items()))
            return 0
        mode = "passphrase" if args.passphrase else "keyring" if args.keyring else None
        now = store.rekey(mode=mode)
        output.note(f"the store has a new key, kept {'in the OS keyring' if now == 'keyring' else 'as a passphrase'}")
    return 0
