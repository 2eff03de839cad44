from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from local_db import CacheUnusable, migrate, open_cache_file
from local_db.schema import Base


def test_migrations_from_empty_match_the_schema(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_to_empty_and_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        migrate.downgrade(conn, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    with engine.begin() as conn:
        migrate.upgrade(conn)
    assert {"outbox", "user_profile", "institutions"} <= set(inspect(engine).get_table_names())


def test_open_runs_migrations_and_sets_pragmas(tmp_path: Path) -> None:
    with open_cache_file(tmp_path / "c.sqlite3") as cache, cache.reading() as s:
        assert migrate.current_revision(s.connection()) == migrate.head_revision()
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() > 0


def test_migrations_are_found_relative_to_the_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing in the working directory helps
    assert migrate.MIGRATIONS_DIR.is_dir()
    with open_cache_file(tmp_path / "c.sqlite3") as cache:
        assert cache.path.exists()


def test_a_cache_from_a_newer_program_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    open_cache_file(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(CacheUnusable, match="newer"):
        open_cache_file(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_a_cache_of_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    open_cache_file(path, server_url="http://a:1", username="lina").close()
    with pytest.raises(CacheUnusable, match="lina"):
        open_cache_file(path, server_url="http://a:1", username="zhangwei")
