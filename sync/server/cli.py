"""`workstation-server`: migrate, seed, serve.

Exit codes: 0 normal stop, 2 bad arguments or invalid seed data, 1 other start failure.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from pathlib import Path

import platformdirs

from sync.server.settings import Settings, default_seed_dir, sqlite_url

EXIT_CONFIG = 2


def default_data_dir() -> Path:
    override = os.environ.get("WS_SERVER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("workstation-server"))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="workstation-server",
        description="Central server of the county consortium workstation (docs/server.md).",
    )
    p.add_argument("--db", metavar="URL",
                   help="SQLAlchemy URL; default sqlite:///<data-dir>/server.sqlite3; "
                        "PostgreSQL: postgresql+psycopg://user@host/dbname")
    p.add_argument("--data-dir", metavar="DIR", type=Path, default=None,
                   help="server data directory, created if missing "
                        "(default: $WS_SERVER_DATA_DIR or the platform data directory)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    p.add_argument("--port", type=int, default=8765,
                   help="port (default %(default)s; 0 picks a free one, printed on start)")
    p.add_argument("--demo", action="store_true",
                   help="apply the seed's demo passwords and serve /api/v1/demo/accounts")
    p.add_argument("--seed", metavar="DIR", type=Path, default=None,
                   help="seed directory (default: the demo county in resources/seed/)")
    p.add_argument("--access-ttl", metavar="SECONDS", type=_positive, default=900,
                   help="access token lifetime (default %(default)s)")
    p.add_argument("--refresh-ttl", metavar="SECONDS", type=_positive, default=43200,
                   help="session lifetime from login, a shift (default %(default)s)")
    p.add_argument("--lockout-threshold", metavar="N", type=_positive, default=5,
                   help="consecutive failed logins that lock an account (default %(default)s)")
    p.add_argument("--lockout-minutes", metavar="M", type=_positive_float, default=15.0,
                   help="how long a locked account stays locked (default %(default)s)")
    p.add_argument("--tombstone-horizon-days", metavar="DAYS", type=_positive_float,
                   default=90.0,
                   help="record sync: superseded changes and tombstones older than this are "
                        "compacted at start; older desks re-sync (default %(default)s)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    return p


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def settings_from_args(args: argparse.Namespace) -> Settings:
    data_dir = (args.data_dir or default_data_dir()).resolve()
    return Settings(
        db_url=args.db or sqlite_url(data_dir / "server.sqlite3"),
        data_dir=data_dir,
        demo=args.demo,
        seed_dir=(args.seed or default_seed_dir()).resolve(),
        access_ttl_s=args.access_ttl,
        refresh_ttl_s=args.refresh_ttl,
        lockout_threshold=args.lockout_threshold,
        lockout_minutes=args.lockout_minutes,
        tombstone_horizon_days=args.tombstone_horizon_days,
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up noise
    settings = settings_from_args(args)

    # Imported late: `--help` and argument errors answer without loading the stack.
    import uvicorn

    from sync.server.app import create_app
    from sync.server.bootstrap import prepare
    from sync.server.db import Database, make_engine
    from sync.server.seed import SeedError

    db = Database(make_engine(settings.db_url))
    try:
        seed = prepare(settings, db)
    except SeedError as exc:
        print("workstation-server: refusing to start, the seed data is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_CONFIG
    except Exception as exc:  # anything else: one clear line; the traceback with --log-level debug
        logging.getLogger("workstation-server").debug("start failed", exc_info=True)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"workstation-server: cannot prepare the data directory or database: {reason}",
              file=sys.stderr)
        return 1

    app = create_app(settings, seed=seed, database=db)
    try:
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto is
        # TCP, and accepted sockets inherit proto 0 otherwise; without it every response on
        # a kept-alive connection waits ~40 ms (Nagle against delayed ACK).
        sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET,
                             socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"workstation-server: cannot listen on {args.host}:{args.port}: {exc}",
              file=sys.stderr)
        return 1
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    # One line tools can wait for; with --port 0 it is the only way to learn the port.
    print(f"workstation-server listening on http://{shown}:{port}", flush=True)
    config = uvicorn.Config(app, log_level=args.log_level, lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
