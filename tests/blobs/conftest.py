"""Fixtures for the blob store tests: a real server process and signed-in clients."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.client.api import ServerApi
from tests.support.server_process import ServerProcess, start_server

DEMO_PASSWORD = "Demo@2026"
USER = "lixiulan"  # ECG technician, 石桥镇卫生院
OTHER_USER = "zhaolei"
CT_SERIES = "dicom/ct-philips-phantom"


@pytest.fixture(scope="module")
def blob_server(tmp_path_factory) -> Iterator[ServerProcess]:
    with start_server(tmp_path_factory.mktemp("blobsrv"), demo=True) as server:
        yield server


def signed_in(url: str, user: str = USER) -> ServerApi:
    api = ServerApi(url)
    api.login(user, DEMO_PASSWORD)
    return api


def raw_client(url: str, user: str = USER) -> httpx.Client:
    """An httpx.Client carrying a fresh access token (for protocol-level requests)."""
    token = signed_in(url, user).tokens.access_token
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


@pytest.fixture
def api(blob_server: ServerProcess) -> Iterator[ServerApi]:
    client = signed_in(blob_server.url)
    yield client
    client.close()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def stored_path(data_dir: Path, sha: str) -> Path:
    return data_dir / "blobs" / sha[:2] / sha[2:4] / sha


def write_random(path: Path, size: int, seed: int = 0) -> Path:
    """Incompressible, reproducible content written in pieces (never whole in memory)."""
    rng = hashlib.sha256(f"seed{seed}".encode()).digest()
    with open(path, "wb") as f:
        left, n = size, 0
        while left > 0:
            block = hashlib.sha256(rng + n.to_bytes(8, "big")).digest() * 2048  # 64 KiB
            f.write(block[:left])
            left -= len(block[:left])
            n += 1
    return path


def series_file(shared_data: Path, dest: Path, copies: int = 1) -> Path:
    """The CT phantom series concatenated (a realistic ~15 MB DICOM payload), `copies` times
    with a distinct header each, so tests in one server never collide on content."""
    files = sorted((shared_data / CT_SERIES).iterdir())
    with open(dest, "wb") as out:
        out.write(f"{dest.name}\n".encode())
        for _ in range(copies):
            for f in files:
                out.write(f.read_bytes())
    return dest


def uploads_left(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "uploads").iterdir())


def rss_kib(pid: int, field: str = "VmHWM") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def env_with_repo() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env["PYTHONUNBUFFERED"] = "1"
    return env
