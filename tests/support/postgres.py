"""Throw-away PostgreSQL databases for tests, on the real server at 127.0.0.1:5432.

Each database gets a random name and is dropped afterwards. When PostgreSQL cannot be
reached the tests are skipped with the reason, except under CI=true, where they fail:
CI must never go green by skipping the PostgreSQL tests.

Fixtures (import them into a conftest.py):
    make_pg_url() -> str   factory; every call creates one more database
    pg_url: str            one database for the test
Plain helpers: pg_admin_dsn(), temporary_database().
Environment: WS_PG_HOST (127.0.0.1), WS_PG_PORT (5432), WS_PG_USER (tries postgres, root,
the login name), WS_PG_PASSWORD (none: trust auth).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import secrets
from collections.abc import Callable, Iterator
from functools import cache

import pytest

HOST = os.environ.get("WS_PG_HOST", "127.0.0.1")
PORT = int(os.environ.get("WS_PG_PORT", "5432"))


def _candidate_users() -> list[str]:
    users = [os.environ.get("WS_PG_USER", ""), "postgres", "root"]
    with contextlib.suppress(Exception):
        users.append(getpass.getuser())
    return [u for i, u in enumerate(users) if u and u not in users[:i]]


def _conninfo(user: str, dbname: str) -> str:
    password = os.environ.get("WS_PG_PASSWORD")
    extra = f" password={password}" if password else ""
    return f"host={HOST} port={PORT} user={user} dbname={dbname} connect_timeout=3{extra}"


@cache
def _probe() -> tuple[str | None, str]:
    """(a user that can create databases, or None; why not)."""
    try:
        import psycopg
    except ImportError as exc:
        return None, f"psycopg is not installed: {exc}"
    errors = []
    for user in _candidate_users():
        try:
            with psycopg.connect(_conninfo(user, "postgres"), autocommit=True) as conn:
                row = conn.execute(
                    "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
                ).fetchone()
                if row and row[0]:
                    return user, ""
                errors.append(f"{user}: may not create databases")
        except Exception as exc:
            errors.append(f"{user}: {str(exc).strip().splitlines()[0]}")
    return None, f"PostgreSQL at {HOST}:{PORT} unusable ({'; '.join(errors)})"


def pg_admin_dsn() -> str | None:
    """A psycopg conninfo for the `postgres` database with a user that can create
    databases, or None when PostgreSQL is unreachable."""
    user, _ = _probe()
    return None if user is None else _conninfo(user, "postgres")


def require_postgres() -> str:
    """The admin user; skips the test (fails it under CI=true) when PostgreSQL is away."""
    user, reason = _probe()
    if user is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)
    return user


@contextlib.contextmanager
def temporary_database(prefix: str = "ws_test") -> Iterator[str]:
    """Create a database with a random name; yield its SQLAlchemy URL; drop it."""
    import psycopg

    user = require_postgres()
    name = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(_conninfo(user, "postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://{user}@{HOST}:{PORT}/{name}"
    finally:
        with psycopg.connect(_conninfo(user, "postgres"), autocommit=True) as conn:
            # FORCE: a server process killed by a test may still hold a connection.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_pg_url() -> Iterator[Callable[[], str]]:
    """Factory: each call creates a fresh database and returns its URL; all are dropped
    when the test ends."""
    with contextlib.ExitStack() as stack:
        yield lambda: stack.enter_context(temporary_database())


@pytest.fixture
def pg_url(make_pg_url: Callable[[], str]) -> str:
    return make_pg_url()
