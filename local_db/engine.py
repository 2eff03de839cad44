"""SQLite engines for the cache: one for the writer thread, one for readers.

pysqlite's own transaction handling starts transactions late and never for SELECT, which
breaks snapshot reads and transactional DDL; we switch it off and issue BEGIN ourselves
(the recipe in SQLAlchemy's SQLite dialect documentation). The writer takes the write lock
at BEGIN (IMMEDIATE) so it never fails half-way on a lock upgrade; readers are query_only,
so a write that does not go through the writer fails loudly instead of racing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, pool

BUSY_TIMEOUT_MS = 5000


def _configure(dbapi_conn: Any, *, read_only: bool) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cur.execute("PRAGMA query_only = ON")
        else:
            cur.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across application crashes in WAL mode; only a power cut
            # can lose the last commits, which sync then re-sends or re-pulls.
            cur.execute("PRAGMA synchronous = NORMAL")
    finally:
        cur.close()


def make_engine(path: Path, *, read_only: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        # The writer thread owns one connection for the life of the cache.
        poolclass=pool.QueuePool if read_only else pool.SingletonThreadPool,
    )
    begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        _configure(dbapi_conn, read_only=read_only)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine
