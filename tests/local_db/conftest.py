from __future__ import annotations

from pathlib import Path

import pytest

from local_db import LocalCache, open_cache

SERVER = "http://127.0.0.1:8000"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cache(data_dir: Path):
    c: LocalCache = open_cache(SERVER, "zhangwei", data_dir)
    yield c
    c.close()
