"""Migration 0002_changes from an empty database, and back to 0001, on SQLite and on the
real PostgreSQL (the full round trip and the models/migrations comparison are in
tests/server/test_migrations.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from sync.server.db import make_engine
from sync.server.migrate import current_revision, downgrade, upgrade

SYNC_TABLES = {"record", "record_history", "change_log", "change_audience", "push_outcome",
               "identity_conflict", "sync_meta"}


def _check(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert tables >= SYNC_TABLES
        pk = inspect(engine).get_pk_constraint("change_audience")["constrained_columns"]
        assert pk == ["audience", "txid", "seq"]  # a pull is an index range per audience
        downgrade(engine, "0001_initial")
        assert current_revision(engine) == "0001_initial"
        assert not SYNC_TABLES & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == "0002_changes"
    finally:
        engine.dispose()


def test_sqlite_from_empty(tmp_path) -> None:
    _check(f"sqlite:///{tmp_path / 'sync.sqlite3'}")


@pytest.mark.postgres
def test_postgresql_from_empty(pg_url: str) -> None:
    _check(pg_url)
