"""`workstation-sync`: the headless sync client for scripts and support staff.

    workstation-sync --server URL --user U [--password-stdin] --db FILE {login,sync,status}

Prints one JSON object on stdout. `login` signs in online (stores the offline verifier in
the cache and the refresh token in the OS keyring when there is one, as the desk does);
`sync` runs one full cycle (push the outbox, pull until nothing is left), signing in with
the password from stdin when given, else with the stored refresh token; `status` reads
the cache only (pending, parked, cursor, last sync). Exit codes: 0 done, 1 other error,
2 bad arguments, 3 server unreachable, 4 client too old (please update), 5 sign-in needed
or refused, 6 the cache cannot be used.
"""

from __future__ import annotations

import argparse
import getpass
import json
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from local_db import CacheUnusable, LocalCache, desk, open_cache_file
from sync.client.api import ApiError, ServerApi, Tokens
from sync.client.credentials import check_verifier, make_verifier
from sync.client.engine.core import (
    PULL_LIMIT,
    PUSH_BATCH,
    ClientTooOld,
    SyncEngine,
    local_status,
)
from sync.client.errors import InvalidServerAddress, ServerApiError, ServerUnreachable
from sync.client.secrets import SecretStore
from sync.client.urls import normalize_server_url

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_UNREACHABLE, EXIT_TOO_OLD, EXIT_AUTH, EXIT_CACHE = 3, 4, 5, 6


class CliError(Exception):
    def __init__(self, exit_code: int, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.exit_code = exit_code
        self.code = code
        self.params = params or {}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="workstation-sync",
        description="Headless desk sync client (docs/sync-protocol.md); prints JSON.",
    )
    p.add_argument("--server", required=True, metavar="URL", help="central server address")
    p.add_argument("--user", required=True, metavar="U", help="user name")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin",
    )
    p.add_argument(
        "--db",
        required=True,
        metavar="FILE",
        type=Path,
        help="the desk cache file (created by login)",
    )
    p.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    p.add_argument(
        "--batch-size",
        type=int,
        default=PUSH_BATCH,
        metavar="N",
        help="mutations per push (1..%(default)s)",
    )
    p.add_argument(
        "--page-limit",
        type=int,
        default=PULL_LIMIT,
        metavar="N",
        help="records per pull page (default %(default)s; a slow line may want less)",
    )
    p.add_argument("command", choices=["login", "sync", "status"])
    return p


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _status_dict(cache: LocalCache) -> dict[str, Any]:
    st = cache.read(local_status)
    return {
        "pending": st.pending,
        "parked": [
            {
                "key": p.key,
                "entity": p.entity,
                "id": p.id,
                "op": p.op,
                "reason": p.reason,
                "params": p.params,
                "attempts": p.attempts,
            }
            for p in st.parked
        ],
        "cursor": st.cursor,
        "last_sync_at": _iso(st.last_sync_at),
        "last_error": st.last_error_code,
    }


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass("密码 / password: ")


def _open(args: argparse.Namespace, url: str, username: str) -> LocalCache:
    try:
        return open_cache_file(args.db, server_url=url, username=username)
    except CacheUnusable as exc:
        raise CliError(
            EXIT_CACHE, "cache_unusable", {"path": str(exc.path), "reason": exc.reason}
        ) from exc


def _sign_in(
    api: ServerApi, args: argparse.Namespace, url: str, secrets: SecretStore, password: str | None
) -> Tokens:
    try:
        if password is not None:
            return api.login(args.user, password, device=socket.gethostname())
        stored = secrets.load_refresh_token(url, args.user)
        if stored is None:
            raise CliError(
                EXIT_AUTH,
                "login_required",
                {
                    "hint": "use --password-stdin or run login first",
                    "token_persistent": secrets.persistent,
                },
            )
        return api.use_refresh_token(stored)
    except ApiError as exc:
        raise CliError(EXIT_AUTH, exc.code, exc.params) from exc


def _store_login(cache: LocalCache, api: ServerApi, tokens: Tokens, password: str) -> None:
    try:
        directory: list[dict[str, Any]] | None = api.directory()
    except ServerApiError:
        directory = None
    verifier = make_verifier(password)

    def store(session: Any) -> None:
        if directory is not None:
            desk.replace_directory(session, directory)
        desk.save_profile(session, tokens.user)
        desk.save_verifier(session, tokens.user["id"], verifier)
        desk.mark_online_login(session, datetime.now(UTC))

    cache.write_and_wait(store)


def _offline_login(
    args: argparse.Namespace, url: str, password: str, unreachable: ServerUnreachable
) -> dict[str, Any]:
    if not args.db.exists():
        raise CliError(
            EXIT_UNREACHABLE,
            "offline_no_credential",
            {"reason": "no_cache", "unreachable": unreachable.reason},
        )
    with _open(args, url, args.user) as cache:
        verifier = cache.read(desk.load_verifier)
        if verifier is None:
            raise CliError(
                EXIT_UNREACHABLE,
                "offline_no_credential",
                {"reason": "no_credential", "unreachable": unreachable.reason},
            )
        if not check_verifier(verifier, password):
            raise CliError(EXIT_AUTH, "offline_invalid_credentials")
        return {
            "ok": True,
            "online": False,
            "user": args.user,
            "db": str(args.db),
            **_status_dict(cache),
        }


def run(args: argparse.Namespace) -> dict[str, Any]:
    try:
        url = normalize_server_url(args.server)
    except InvalidServerAddress as exc:
        raise CliError(EXIT_USAGE, "invalid_server_address", exc.params) from exc
    if args.command == "status":
        if not args.db.exists():
            raise CliError(
                EXIT_CACHE, "cache_unusable", {"path": str(args.db), "reason": "missing"}
            )
        with _open(args, url, args.user) as cache:
            return {"ok": True, "server": url, "user": args.user, **_status_dict(cache)}

    secrets = SecretStore()
    password = _password(args) if args.password_stdin or args.command == "login" else None
    api = ServerApi(url, timeout=args.timeout)
    api.on_tokens = lambda t: secrets.save_refresh_token(url, args.user, t.refresh_token)
    try:
        try:
            tokens = _sign_in(api, args, url, secrets, password)
        except ServerUnreachable as exc:
            if args.command == "login" and password is not None:
                return _offline_login(args, url, password, exc)
            raise
        username = str(tokens.user.get("username") or args.user)
        with _open(args, url, username) as cache:
            if password is not None:
                _store_login(cache, api, tokens, password)
            out: dict[str, Any] = {"ok": True, "server": url, "user": username, "db": str(args.db)}
            if args.command == "login":
                out.update(
                    online=True, token_persistent=secrets.persistent, token_note=secrets.note
                )
            else:
                try:
                    result = SyncEngine(
                        cache, api, batch_size=args.batch_size, page_limit=args.page_limit
                    ).sync_once()
                except ClientTooOld as exc:
                    raise CliError(EXIT_TOO_OLD, "client_too_old", exc.params) from exc
                out["result"] = result.as_dict()
            out.update(_status_dict(cache))
            return out
    except ServerUnreachable as exc:
        raise CliError(EXIT_UNREACHABLE, exc.code, exc.params) from exc
    except ApiError as exc:
        raise CliError(EXIT_ERROR, exc.code, {"status": exc.status, **exc.params}) from exc
    finally:
        api.close()


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        out = run(args)
        code = EXIT_OK
    except CliError as exc:
        out = {"ok": False, "error": {"code": exc.code, "params": exc.params}}
        code = exc.exit_code
    print(json.dumps(out, ensure_ascii=False, default=str))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
