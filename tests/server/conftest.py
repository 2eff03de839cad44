"""Fixtures for the central server's tests.

The PostgreSQL and live-server fixtures live in tests/support and are registered for
the whole suite in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync.server.clock import ManualClock
from tests.server.helpers import build_client, cheap_settings

__all__ = ["clock", "make_client"]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def make_client(tmp_path: Path, clock: ManualClock) -> Iterator[Callable[..., TestClient]]:
    """Factory for an in-process server on a fresh SQLite file, migrated and seeded;
    keyword arguments override Settings fields (demo defaults to True)."""
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:
        settings = cheap_settings(tmp_path / f"server{len(clients)}", **overrides)
        client = build_client(settings, clock)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
        client.app.state.services.db.dispose()
