"""A line that dies without FIN/RST mid-chunk must not hold the upload for ever: the server
abandons a PATCH whose body stops arriving and releases the upload's lock."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from sync.server.app import create_app
from sync.server.blobs import BlobLimits
from sync.server.bootstrap import prepare
from sync.server.clock import SystemClock
from sync.server.db import Database, make_engine
from sync.server.passwords import PasswordHasher
from tests.server.helpers import DEMO_PASSWORD, cheap_settings


@pytest.fixture
def quick_idle_server(tmp_path) -> Iterator[str]:
    """The real app under uvicorn in a thread, with a 0.5 s body idle timeout."""
    settings = cheap_settings(tmp_path / "srv", blobs=BlobLimits(body_idle_timeout_s=0.5))
    db = Database(make_engine(settings.db_url))
    hasher = PasswordHasher(settings.passwords)
    seed = prepare(settings, db, hasher=hasher, clock=SystemClock())
    app = create_app(settings, hasher=hasher, seed=seed, database=db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    db.dispose()


def test_a_silent_body_releases_the_upload(quick_idle_server) -> None:
    url = quick_idle_server
    token = httpx.post(f"{url}/api/v1/auth/login",
                       json={"username": "lixiulan", "password": DEMO_PASSWORD}).json()
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    data = b"0123456789" * 100
    sha = hashlib.sha256(data).hexdigest()
    with httpx.Client(base_url=url, headers=auth, timeout=10) as client:
        upload = client.post("/api/v1/blobs/uploads", json={"sha256": sha, "size": 1000}).json()
        path = f"/api/v1/blobs/uploads/{upload['upload_id']}"
        # A desk starts a chunk, sends 10 bytes of 1000, and its line goes silent (no FIN).
        stalled = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        stalled.sendall((f"PATCH {path} HTTP/1.1\r\nHost: x\r\n"
                         f"Authorization: Bearer {token['access_token']}\r\n"
                         f"Upload-Offset: 0\r\nChunk-SHA256: {sha}\r\n"
                         f"Content-Length: 1000\r\n\r\n").encode() + data[:10])
        try:
            # The stalled request holds the upload (a harmless probe: complete locks too)...
            deadline = time.monotonic() + 20
            while True:
                probe = client.post(f"{path}/complete").json()["error"]["code"]
                if probe == "upload_busy":
                    break
                assert probe == "upload_incomplete" and time.monotonic() < deadline
                time.sleep(0.01)
            # ... until the server gives up on its silent body and releases it.
            deadline, answer = time.monotonic() + 20, None
            while time.monotonic() < deadline:
                answer = client.patch(path, content=data,
                                      headers={"Upload-Offset": "0", "Chunk-SHA256": sha})
                if answer.status_code != 409:
                    break
                assert answer.json()["error"]["code"] == "upload_busy"
                time.sleep(0.1)
            assert answer is not None and answer.status_code == 200, answer.text
            assert answer.json()["offset"] == 1000  # the 10 stalled bytes were dropped
        finally:
            stalled.close()
        done = client.post(f"{path}/complete")
        assert done.status_code == 201 and done.json()["sha256"] == sha
