"""Building blocks for in-process server tests (TestClient on a temp SQLite file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.bootstrap import prepare
from sync.server.clock import Clock
from sync.server.db import Database, make_engine
from sync.server.passwords import PasswordHasher
from sync.server.settings import PasswordParams, Settings

DEMO_PASSWORD = "Demo@2026"
# argon2's minimum cost: these tests are about the protocol, not the hash strength
# (tests/server/test_passwords.py checks the production parameters).
CHEAP = PasswordParams(memory_kib=8, time_cost=1, parallelism=1, max_concurrent=4)


def cheap_settings(data_dir: Path, **overrides: Any) -> Settings:
    overrides.setdefault("demo", True)
    overrides.setdefault("passwords", CHEAP)
    return Settings.for_data_dir(data_dir, **overrides)


def build_client(settings: Settings, clock: Clock) -> TestClient:
    db = Database(make_engine(settings.db_url))
    hasher = PasswordHasher(settings.passwords)
    seed = prepare(settings, db, hasher=hasher, clock=clock)
    app = create_app(settings, clock=clock, hasher=hasher, seed=seed, database=db)
    return TestClient(app, raise_server_exceptions=False)


def login(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> dict:
    response = client.post("/api/v1/auth/login",
                           json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_code(response) -> str:
    return response.json()["error"]["code"]
