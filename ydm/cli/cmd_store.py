"""`ydm store info|rekey|destroy`: where the encrypted request store is and how its key is kept."""

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
    ds = ps.add_parser("destroy", help="remove the store, its backups and its key: everything you recorded",
                       description="Remove every request, letter and your saved details from this computer, "
                       "with the store's backup copies, its key in the OS keyring and the lookup cache. Works "
                       "without the key (a forgotten passphrase). Cannot be undone; export first if unsure "
                       "(ydm requests export --json FILE). It withdraws nothing from any organisation.")
    ds.add_argument("--yes", action="store_true", help="do not ask first (needed when not at a terminal)")


def run(args) -> int:
    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.store.db import open_store
    from ydm.store.rekey import rekey

    action = getattr(args, "action", None)
    if action not in ("info", "rekey", "destroy"):
        raise InputError("say what to do: ydm store info | ydm store rekey | ydm store destroy")
    if action == "destroy":
        return _destroy(args)
    with open_store() as store:
        if action == "info":
            info = store.info()
            if args.json:
                output.out_json(info)
            else:
                output.out("\n".join(f"{k}: {v}" for k, v in info.items()))
            return 0
        mode = "passphrase" if args.passphrase else "keyring" if args.keyring else None
        now = rekey(store, mode=mode)
        output.note(f"the store has a new key, kept {'in the OS keyring' if now == 'keyring' else 'as a passphrase'}")
    return 0


def _destroy(args) -> int:
    from ydm.cli import output
    from ydm.errors import InputError, NotFoundError
    from ydm.store.db import default_path
    from ydm.store.destroy import destroy

    path = default_path()
    if not path.exists():
        raise NotFoundError(f"there is no store at {path}; nothing to remove")
    if not args.yes and not output.interactive():
        raise InputError("nothing removed: add --yes to remove without being asked (this cannot be undone)")
    if not args.yes:
        output.note(f"This removes everything ydm recorded on this computer ({path}): every request, letter "
                    "and your saved details, with the backups and the key. It cannot be undone, and it "
                    "withdraws nothing from any organisation.")
        if not output.confirm("Remove it all? Type yes to go on: "):
            raise InputError("nothing removed")
    done = destroy(path)
    for p in done.removed:
        output.note(f"removed {p}")
    if done.key_removed:
        output.note("removed the store's key from the OS keyring")
    if done.key_problem:
        output.warn(done.key_problem)
    for p in done.kept:
        output.note(f"kept {p} (your own organisations; delete it yourself if you want it gone)")
    output.note("kept: API keys and email settings, which are about services, not you "
                "(ydm config delete-key NAME removes a key)")
    return 0
