"""The desk cache: open (check, set aside if damaged, migrate) and the one-writer rule.

All writes run on one thread (a one-worker executor, as Anki does for its collection), so
SQLite never sees two writers from this process and callers never handle "database is
locked". Reads use their own sessions from any thread; WAL lets them run during a write.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from local_db import migrate
from local_db.corruption import CacheNotice, find_damage, is_corruption_error, set_aside
from local_db.paths import cache_path
from local_db.schema import SyncState

from .engine import make_engine

log = logging.getLogger(__name__)

T = TypeVar("T")


class CacheUnusable(Exception):
    """The file is a sound database we must not touch (newer schema, someone else's, no access)."""

    code = "cache_unusable"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"本地缓存无法使用: {path} ({reason})")
        self.path = path
        self.reason = reason


class LocalCache:
    """An open cache file. Create it with `open_cache` or `open_cache_file`."""

    def __init__(self, path: Path, notice: CacheNotice | None = None) -> None:
        self.path = path
        self.notice = notice
        self._writer_engine: Engine = make_engine(path, read_only=False)
        self._reader_engine: Engine = make_engine(path, read_only=True)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="local-db-writer")
        self._writer_thread: int | None = None
        self._closed = False

    # -- writing ---------------------------------------------------------------------------

    def write(self, fn: Callable[[Session], T]) -> Future[T]:
        """Run `fn(session)` on the writer thread in one transaction; commit if it returns.

        Returned ORM objects stay readable (no expiry on commit) but are detached.
        """
        if self._closed:
            raise RuntimeError(f"cache {self.path} is closed")
        return self._executor.submit(self._run_write, fn)

    def write_and_wait(self, fn: Callable[[Session], T], timeout: float | None = None) -> T:
        if threading.get_ident() == self._writer_thread:
            # Waiting for our own queue from inside it would never return.
            raise RuntimeError("write_and_wait called from inside a write; call fn directly")
        return self.write(fn).result(timeout)

    def _run_write(self, fn: Callable[[Session], T]) -> T:
        self._writer_thread = threading.get_ident()
        with Session(self._writer_engine, expire_on_commit=False) as session, session.begin():
            return fn(session)

    # -- reading ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session on one snapshot; writing through it raises."""
        with Session(self._reader_engine) as session, session.begin():
            yield session

    def read(self, fn: Callable[[Session], T]) -> T:
        with self.reading() as session:
            return fn(session)

    # -- life ------------------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        self._reader_engine.dispose()
        self._writer_engine.dispose()

    def __enter__(self) -> LocalCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _prepare(path: Path, server_url: str | None, username: str | None) -> None:
    """Migrate to head and check the file belongs to this (server, user)."""
    engine = make_engine(path, read_only=False)
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
            if current is not None and current not in migrate.known_revisions():
                raise CacheUnusable(path, f"schema {current} is newer than this program")
            conn.commit()
            migrate.upgrade(conn)
            conn.commit()
        if server_url is None or username is None:
            return
        with Session(engine) as session, session.begin():
            state = session.get(SyncState, 1)
            if state is None:
                session.add(SyncState(id=1, server_url=server_url, username=username))
            elif (state.server_url, state.username.casefold()) != (
                server_url,
                username.casefold(),
            ):
                raise CacheUnusable(path, f"file belongs to {state.username} at {state.server_url}")
    finally:
        engine.dispose()


def open_cache_file(
    path: Path, *, server_url: str | None = None, username: str | None = None
) -> LocalCache:
    """Open (creating if needed) the cache at `path`; a damaged file is set aside first.

    Raises CacheUnusable for a sound file this program must not change.
    """
    notice = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        damage = find_damage(path)
        if damage is not None:
            notice = set_aside(path, damage)
            log.warning("%s (%s)", notice.message, damage)
    except (sqlite3.Error, OSError) as exc:
        raise CacheUnusable(path, str(exc)) from exc
    try:
        _prepare(path, server_url, username)
    except SQLAlchemyError as exc:
        # Damage quick_check missed can still surface here; set the file aside once.
        if notice is not None or not is_corruption_error(getattr(exc, "orig", None) or exc):
            raise CacheUnusable(path, str(exc)) from exc
        notice = set_aside(path, f"migration failed: {exc}")
        log.warning("%s", notice.message)
        _prepare(path, server_url, username)
    except OSError as exc:
        raise CacheUnusable(path, str(exc)) from exc
    return LocalCache(path, notice)


def open_cache(server_url: str, username: str, data_dir: Path | None = None) -> LocalCache:
    """The cache of `username` at `server_url` (a normalised URL), at its standard place."""
    return open_cache_file(
        cache_path(server_url, username, data_dir), server_url=server_url, username=username
    )


def sync_state(session: Session) -> SyncState | None:
    return session.scalars(select(SyncState).where(SyncState.id == 1)).first()
