"""Migrations from an empty database, on SQLite and on the real PostgreSQL server, and
the models agree with what the migrations build."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from sync.server.db import make_engine
from sync.server.migrate import MIGRATIONS_DIR, current_revision, downgrade, head_revision, upgrade
from sync.server.models import Base

TABLES = {"institution", "department", "app_user", "auth_session", "auth_token", "audit_event",
          "record", "record_history", "change_log", "change_audience", "push_outcome",
          "identity_conflict", "sync_meta",
          "alembic_version"}


def _round_trip(url: str) -> None:
    engine = make_engine(url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) == TABLES
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        upgrade(engine)  # a second start is a no-op
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_scripts_live_next_to_the_module() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert head_revision() == "0002_changes"


def test_sqlite_from_empty(tmp_path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'm.sqlite3'}")


def test_sqlite_is_in_wal_mode_with_a_busy_timeout(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_from_empty(pg_url: str) -> None:
    _round_trip(pg_url)
