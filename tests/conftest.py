"""Suite-wide fixtures. Sub-folders add their own conftest.py for what only they need."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Suite-wide fixtures from tests/support: a real server process, real PostgreSQL databases.
from tests.support.postgres import make_pg_url, pg_url  # noqa: F401
from tests.support.server_process import live_server  # noqa: F401

# Headless Qt for every test, set before any test module imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO_ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real ECG and DICOM files of ../shared/data (never copied into the project)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared test data not found at {SHARED_DATA}; clone beside ../shared")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test's caches, options and keyring files out of the real home directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WS_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("WS_CONFIG_DIR", str(home / "config"))
