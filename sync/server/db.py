"""Engine and sessions. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE for writers.

pysqlite opens transactions lazily with a plain BEGIN; a transaction that reads and then
writes can then fail at once with "database is locked" when another writer got in
between (busy_timeout does not help with that upgrade). Write sessions therefore take
the write lock up front; read sessions stay concurrent under WAL.

Within one process, SQLite writers also queue on a lock of our own: SQLite's busy
handler waits by sleeping in growing steps (up to 100 ms), which under 50 concurrent
logins cost seconds, while a queue hands the lock over at once. busy_timeout remains
for other processes sharing the file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 15_000
_IMMEDIATE = "ws_sqlite_immediate"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=10,
                               max_overflow=30, pool_timeout=60)
        _configure_sqlite(engine)
        return engine
    # pre_ping: a server restart or a dropped connection must not surface as a 500.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def database_kind(engine: Engine) -> str:
    return engine.dialect.name  # "sqlite" | "postgresql"


class Database:
    """Hands out short sessions; nothing is kept between requests."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(**{_IMMEDIATE: True}),
                                    expire_on_commit=False)
        self._write_lock = threading.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def kind(self) -> str:
        return database_kind(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any exception."""
        with (self._write_lock or nullcontext()), self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
