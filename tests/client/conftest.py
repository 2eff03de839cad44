from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from sync.client.secrets import SecretStore
from sync.client.session import LoginService

from .fake_server import FakeServer

URL = "http://127.0.0.1:8000"


class MemoryKeyring(KeyringBackend):
    """A keyring that works, kept in a dict: stands in for the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(server: FakeServer, keyring_backend: MemoryKeyring, data_dir: Path) -> LoginService:
    return LoginService(
        data_dir=data_dir, secret_store=SecretStore(keyring_backend), transport=server.transport()
    )


@pytest.fixture
def fail_keyring() -> fail.Keyring:
    return fail.Keyring()
