"""The shared test helpers behave as promised to the other suites."""

from __future__ import annotations

import pytest

from tests.support import postgres
from tests.support.server_process import start_server


def test_postgres_unreachable_skips_locally_and_fails_under_ci(monkeypatch) -> None:
    monkeypatch.setattr(postgres, "_probe", lambda: (None, "PostgreSQL at nowhere unusable"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="unusable"):
        postgres.require_postgres()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and PostgreSQL at nowhere"):
        postgres.require_postgres()


@pytest.mark.postgres
def test_each_pg_url_is_a_fresh_database_dropped_afterwards(make_pg_url) -> None:
    import psycopg

    first, second = make_pg_url(), make_pg_url()
    assert first != second
    names = {first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]}
    with postgres.temporary_database() as third:
        names.add(third.rsplit("/", 1)[1])
    with psycopg.connect(postgres.pg_admin_dsn(), autocommit=True) as conn:
        existing = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    assert names - existing == {third.rsplit("/", 1)[1]}  # the closed one is gone


@pytest.mark.e2e
def test_server_process_stops_and_reports(tmp_path) -> None:
    server = start_server(tmp_path, demo=False)
    assert server.running() and server.url == f"http://127.0.0.1:{server.port}"
    assert "listening on" in server.stdout()
    assert server.stop() is not None and not server.running()
    assert server.stop() == server.process.returncode  # stopping twice is harmless
