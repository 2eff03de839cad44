"""The upload under faults: cut connections, corrupted bytes, the server killed and
restarted, the desk killed and restarted, two server workers on one store, and memory."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sync.client.blobs import Retry, upload_file
from tests.blobs.conftest import (
    USER,
    env_with_repo,
    raw_client,
    rss_kib,
    series_file,
    sha256_file,
    signed_in,
    stored_path,
    uploads_left,
    write_random,
)
from tests.support.fault_proxy import FaultProxy
from tests.support.server_process import REPO_ROOT, start_server

MB = 1 << 20
PATIENT = Retry(attempts=40, first_s=0.1, max_s=1.0)  # waits out a server restart


def _target(server) -> tuple[str, int]:
    return ("127.0.0.1", server.port)


def test_upload_resumes_after_the_connection_is_cut(blob_server, shared_data, tmp_path) -> None:
    source = series_file(shared_data, tmp_path / "series-cut.bin")
    size = source.stat().st_size
    with FaultProxy(_target(blob_server)) as proxy:
        api = signed_in(proxy.url)
        proxy.drop_after(upstream_bytes=6 * MB, times=2)  # two connections die mid-chunk
        result = upload_file(api, source, chunk_size=MB, retry=PATIENT)
    assert [f for f in proxy.faults if f.startswith("dropped")], proxy.faults
    assert stored_path(blob_server.data_dir, result.sha256).read_bytes() == source.read_bytes()
    # resumed from the server's offset: at most the two cut chunks were sent twice
    assert size <= result.sent_bytes <= size + 2 * MB
    assert uploads_left(blob_server.data_dir) == []


def test_a_chunk_corrupted_on_the_wire_is_refused_and_resent(blob_server, tmp_path) -> None:
    source = write_random(tmp_path / "corrupt.bin", 6 * MB, seed=11)
    with FaultProxy(_target(blob_server)) as proxy:
        api = signed_in(proxy.url)
        proxy.corrupt_upstream(at_byte=int(2.5 * MB))  # inside the third chunk's body
        result = upload_file(api, source, chunk_size=MB)
    assert "corrupted upstream byte" in proxy.faults
    assert result.sent_bytes >= 7 * MB - 1  # one chunk sent twice
    assert sha256_file(stored_path(blob_server.data_dir, result.sha256)) == sha256_file(source)


def test_truncated_answers_and_a_refusing_server_are_survived(blob_server, tmp_path) -> None:
    source = write_random(tmp_path / "trunc.bin", 3 * MB, seed=12)
    with FaultProxy(_target(blob_server)) as proxy:
        api = signed_in(proxy.url)
        proxy.truncate_responses(after_bytes=20, times=3)
        proxy.refuse(True)
        threading.Timer(0.5, proxy.refuse, args=(False,)).start()
        result = upload_file(api, source, chunk_size=MB, retry=PATIENT)
    assert "refused" in proxy.faults
    assert sha256_file(stored_path(blob_server.data_dir, result.sha256)) == sha256_file(source)


def test_server_killed_during_upload_resumes_from_its_offset(tmp_path, shared_data) -> None:
    """kill -9 the real server mid-chunk, start it again on the same data directory: the
    desk resumes from the offset the server recorded and the stored file is identical."""
    source = series_file(shared_data, tmp_path / "series-restart.bin", copies=2)
    size = source.stat().st_size
    data_dir = tmp_path / "shared-data"
    first = start_server(tmp_path, extra_args=["--data-dir", str(data_dir)])
    servers = [first]
    killed = threading.Event()
    try:
        with FaultProxy(_target(first)) as proxy:
            api = signed_in(proxy.url)

            def progress(sent: int, total: int, rate: float, eta: float | None) -> None:
                if sent >= 9 * MB and not killed.is_set():
                    first.kill()  # in the middle of sending a chunk
                    killed.set()

            outcome: dict = {}

            def run() -> None:
                try:
                    outcome["result"] = upload_file(api, source, chunk_size=2 * MB,
                                                    progress=progress, retry=PATIENT)
                except BaseException as exc:  # reported by the assertion below
                    outcome["error"] = exc

            uploader = threading.Thread(target=run)
            uploader.start()
            assert killed.wait(60)
            offset_file = next((data_dir / "uploads").glob("*.json"))
            offset_at_kill = json.loads(offset_file.read_text())["offset"]
            assert 0 < offset_at_kill < size
            second = start_server(tmp_path, extra_args=["--data-dir", str(data_dir)])
            servers.append(second)
            proxy.target = _target(second)
            uploader.join(120)
            assert "error" not in outcome, outcome.get("error")
            result = outcome["result"]
        assert result.size == size and not result.already_stored
        # resumed, not restarted: only the chunk in flight at the kill was sent twice
        assert result.sent_bytes <= size + 2 * MB
        stored = stored_path(data_dir, result.sha256)
        assert sha256_file(stored) == sha256_file(source)
        assert stored.read_bytes() == source.read_bytes()
        assert uploads_left(data_dir) == []
    finally:
        for server in servers:
            server.stop()


def _child(url: str, source: Path, chunk: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.blobs.uploader_child", url, USER, str(source), str(chunk)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT,
        env=env_with_repo())


def test_desk_killed_during_upload_completes_after_restart(blob_server, tmp_path) -> None:
    """kill -9 the uploading desk process mid-chunk; a new process finishes the upload from
    the server's offset; one blob, byte-identical, no partial upload left behind."""
    size = 24 * MB
    source = write_random(tmp_path / "desk-kill.bin", size, seed=21)
    sha = sha256_file(source)
    with FaultProxy(_target(blob_server)) as proxy:
        proxy.delay(0.004)  # a slower line, so the kill lands mid-upload
        child = _child(proxy.url, source, MB)
        try:
            for line in child.stdout:
                if line.startswith("progress") and int(line.split()[1]) >= 8 * MB:
                    break
            child.kill()
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
        assert child.returncode == -9
        proxy.delay(0)
        with raw_client(blob_server.url) as client:
            state = client.post("/api/v1/blobs/uploads", json={"sha256": sha, "size": size})
        offset = state.json()["offset"]
        assert 0 < offset < size, state.text
        second = _child(proxy.url, source, MB)
        out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    done = json.loads(out.strip().splitlines()[-1].removeprefix("done "))
    assert done["sha256"] == sha and not done["already_stored"]
    assert done["sent_bytes"] <= size - offset + MB  # continued, not started over
    assert stored_path(blob_server.data_dir, sha).read_bytes() == source.read_bytes()
    assert len(list((blob_server.data_dir / "blobs").rglob(sha))) == 1
    assert uploads_left(blob_server.data_dir) == []


def test_two_workers_on_one_store_never_interleave(tmp_path) -> None:
    """Two server processes share a data directory; the same user uploads the same file
    through both at once. Appends are serialised by the store's lock; one blob results."""
    data_dir = tmp_path / "shared"
    size = 16 * MB
    source = write_random(tmp_path / "two.bin", size, seed=31)
    with start_server(tmp_path, extra_args=["--data-dir", str(data_dir)]) as a, \
            start_server(tmp_path, extra_args=["--data-dir", str(data_dir)]) as b:
        results: list = []
        errors: list = []

        def run(url: str) -> None:
            try:
                results.append(upload_file(signed_in(url), source, chunk_size=MB,
                                           retry=PATIENT))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(s.url,)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    assert not errors, errors
    assert {r.sha256 for r in results} == {sha256_file(source)}
    assert stored_path(data_dir, results[0].sha256).read_bytes() == source.read_bytes()
    assert uploads_left(data_dir) == []


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_server_memory_stays_flat_during_a_large_upload(tmp_path) -> None:
    size = 200 * MB
    source = write_random(tmp_path / "large.bin", size, seed=41)
    with start_server(tmp_path) as server:
        api = signed_in(server.url)
        before = rss_kib(server.pid, "VmRSS")
        result = upload_file(api, source, chunk_size=16 * MB)
        peak = rss_kib(server.pid, "VmHWM")
        stored = stored_path(server.data_dir, result.sha256)
        assert stored.stat().st_size == size
    grown_mb = (peak - before) / 1024
    # streamed: the peak grows by far less than one chunk, let alone the 200 MB file
    assert grown_mb < 40, f"server peak RSS grew {grown_mb:.0f} MB during a 200 MB upload"


def test_access_token_expiring_mid_upload_is_refreshed(tmp_path) -> None:
    """A slow township upload outlives its access token: the chunk is resent after a refresh."""
    source = write_random(tmp_path / "ttl.bin", 4 * MB, seed=51)
    with start_server(tmp_path, extra_args=["--access-ttl", "1"]) as server, \
            FaultProxy(_target(server)) as proxy:
        proxy.delay(0.005)  # a slow line: progress is reported mid-upload
        api = signed_in(proxy.url)
        first_token = api.tokens.access_token
        slept: list[bool] = []

        def progress(sent: int, total: int, rate: float, eta: float | None) -> None:
            if sent >= 2 * MB and not slept:
                slept.append(True)
                time.sleep(1.5)  # the access token (1 s) expires during this chunk

        result = upload_file(api, source, chunk_size=MB, progress=progress)
        assert api.tokens.access_token != first_token
        assert stored_path(server.data_dir, result.sha256).read_bytes() == source.read_bytes()
