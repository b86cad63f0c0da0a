"""`ydm serve [--host 127.0.0.1] [--port 8000]`: the guided session in a web browser (textual-serve).

Each browser tab runs its own `ydm session` process (its own memory, wiped when the tab closes).
Loopback only by default: textual-serve has no login of any kind. Needs the optional extra
`pip install 'ydm[serve]'`.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="the guided session in a web browser (needs ydm[serve])",
        description="Serve the guided session to a web browser on this computer. Each tab is its own "
        "session; nothing is kept. There is no login, so it listens on 127.0.0.1 only unless you say "
        "otherwise. Session settings come from session.toml or the flags below.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--printer", metavar="NAME", help="print letters with 'lp -d NAME' on this computer")
    p.add_argument("--timeout", metavar="MIN", type=float, help="minutes of inactivity before a wipe (default 10)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ydm.adapters import serve
    from ydm.cli import output

    if not serve.is_loopback(args.host):
        output.warn(f"listening on {args.host}: anyone who can reach this address can open a session "
                    "(there is no login)")
    server = serve.make_server(host=args.host, port=args.port, printer=args.printer, timeout_min=args.timeout)
    output.note(f"Open http://{serve.url_host(args.host)}:{args.port}/ in a browser. Press Ctrl+C to stop.")
    server.serve()
    return 0
