from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from local_db import LocalCache, open_cache_file
from sync.client.engine import SyncEngine

from .fake_sync import FakeSyncServer

URL = "http://fake.test"


@pytest.fixture
def fake() -> FakeSyncServer:
    server = FakeSyncServer()
    server.add_user("doc_a", "town1")
    server.add_user("doc_b", "town1")
    server.add_user("doc_c", "town2")
    return server


@pytest.fixture
def open_desk(tmp_path: Path) -> Iterator[Callable[[str], LocalCache]]:
    opened: list[LocalCache] = []

    def _open(user: str) -> LocalCache:
        cache = open_cache_file(tmp_path / f"{user}.sqlite3", server_url=URL, username=user)
        opened.append(cache)
        return cache

    yield _open
    for cache in opened:
        cache.close()


@pytest.fixture
def desk(fake: FakeSyncServer, open_desk) -> Callable[..., SyncEngine]:
    def _desk(user: str, **kwargs) -> SyncEngine:
        return SyncEngine(open_desk(user), fake.api(user, kwargs.pop("transport", None)), **kwargs)

    return _desk
