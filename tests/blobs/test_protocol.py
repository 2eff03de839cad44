"""The blob protocol against the real server process: one request for a stored blob,
refused offsets and chunks, a whole file whose hash differs, byte ranges."""

from __future__ import annotations

import hashlib
import os
import threading

import httpx
import pytest

from sync.client.blobs import (
    UploadCancelled,
    blob_exists,
    download,
    fetch_range,
    upload_file,
)
from tests.blobs.conftest import (
    CT_SERIES,
    OTHER_USER,
    raw_client,
    series_file,
    sha256_file,
    stored_path,
    uploads_left,
    write_random,
)

BLOBS = "/api/v1/blobs"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _start(client: httpx.Client, data: bytes, sha: str | None = None) -> dict:
    response = client.post(f"{BLOBS}/uploads", json={"sha256": sha or _sha(data),
                                                     "size": len(data)})
    assert response.status_code in (200, 201), response.text
    return response.json()


def _patch(client: httpx.Client, upload_id: str, offset: int, chunk: bytes,
           chunk_sha: str | None = None) -> httpx.Response:
    return client.patch(f"{BLOBS}/uploads/{upload_id}", content=chunk,
                        headers={"Upload-Offset": str(offset),
                                 "Chunk-SHA256": chunk_sha or _sha(chunk)})


def test_real_ct_series_uploads_and_a_stored_blob_costs_one_request(api, blob_server,
                                                                      shared_data) -> None:
    instances = sorted((shared_data / CT_SERIES).iterdir())
    first = [upload_file(api, f, chunk_size=256 << 10) for f in instances]
    assert all(r.sent_bytes >= r.size for r in first if not r.already_stored)
    for f, r in zip(instances, first, strict=True):
        assert stored_path(blob_server.data_dir, r.sha256).read_bytes() == f.read_bytes()
    again = [upload_file(api, f) for f in instances]
    assert all(r.already_stored and r.requests == 1 and r.sent_bytes == 0 for r in again)
    assert blob_exists(api, first[0].sha256) == instances[0].stat().st_size
    assert blob_exists(api, "0" * 64) is None
    assert uploads_left(blob_server.data_dir) == []


def test_offset_mismatch_is_refused_with_the_server_offset(blob_server) -> None:
    data = os.urandom(3000)
    with raw_client(blob_server.url) as client:
        upload = _start(client, data)
        assert upload["offset"] == 0 and not upload["stored"]
        assert _patch(client, upload["upload_id"], 0, data[:1000]).json()["offset"] == 1000
        for wrong in (0, 500, 2000):
            refused = _patch(client, upload["upload_id"], wrong, data[wrong:wrong + 1000])
            assert refused.status_code == 409, refused.text
            assert refused.json()["error"]["code"] == "offset_mismatch"
            assert refused.json()["error"]["params"]["offset"] == 1000
        # start again = resume: the server says where to continue
        assert _start(client, data)["offset"] == 1000
        status = client.get(f"{BLOBS}/uploads/{upload['upload_id']}").json()
        assert status["offset"] == 1000 and status["size"] == 3000


def test_a_corrupted_chunk_is_refused_and_nothing_appended(blob_server) -> None:
    data = os.urandom(4000)
    with raw_client(blob_server.url) as client:
        upload = _start(client, data)
        damaged = bytearray(data[:2000])
        damaged[1234] ^= 0x01
        refused = _patch(client, upload["upload_id"], 0, bytes(damaged), _sha(data[:2000]))
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "chunk_checksum_mismatch"
        assert client.get(f"{BLOBS}/uploads/{upload['upload_id']}").json()["offset"] == 0
        part = blob_server.data_dir / "uploads" / f"{upload['upload_id']}.part"
        assert part.stat().st_size == 0
        assert _patch(client, upload["upload_id"], 0, data[:2000]).json()["offset"] == 2000
        assert _patch(client, upload["upload_id"], 2000, data[2000:]).json()["offset"] == 4000
        done = client.post(f"{BLOBS}/uploads/{upload['upload_id']}/complete")
        assert done.status_code == 201 and done.json()["sha256"] == _sha(data)


def test_a_file_whose_whole_hash_differs_is_refused_and_discarded(blob_server) -> None:
    data = os.urandom(5000)
    claimed = _sha(b"something else entirely")
    with raw_client(blob_server.url) as client:
        upload = _start(client, data, sha=claimed)
        assert _patch(client, upload["upload_id"], 0, data).json()["offset"] == 5000
        refused = client.post(f"{BLOBS}/uploads/{upload['upload_id']}/complete")
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "blob_checksum_mismatch"
        assert client.get(f"{BLOBS}/uploads/{upload['upload_id']}").status_code == 404
        assert client.head(f"{BLOBS}/{claimed}").status_code == 404
        assert not stored_path(blob_server.data_dir, claimed).exists()
        assert not stored_path(blob_server.data_dir, _sha(data)).exists()


def test_incomplete_upload_cannot_complete_and_chunks_cannot_pass_the_end(blob_server) -> None:
    data = os.urandom(1000)
    with raw_client(blob_server.url) as client:
        upload = _start(client, data)
        early = client.post(f"{BLOBS}/uploads/{upload['upload_id']}/complete")
        assert early.status_code == 409 and early.json()["error"]["code"] == "upload_incomplete"
        past = _patch(client, upload["upload_id"], 0, data + b"extra")
        assert past.status_code == 422 and past.json()["error"]["code"] == "chunk_past_end"


def test_uploads_are_private_to_the_user_who_started_them(blob_server) -> None:
    data = os.urandom(1000)
    with raw_client(blob_server.url) as mine, raw_client(blob_server.url, OTHER_USER) as theirs:
        upload = _start(mine, data)
        assert theirs.get(f"{BLOBS}/uploads/{upload['upload_id']}").status_code == 404
        assert _patch(theirs, upload["upload_id"], 0, data).status_code == 404
        other = _start(theirs, data)  # their own upload of the same bytes
        assert other["upload_id"] != upload["upload_id"]


def test_byte_ranges_and_resumable_download(api, blob_server, shared_data, tmp_path) -> None:
    source = series_file(shared_data, tmp_path / "series-range.bin")
    result = upload_file(api, source, chunk_size=1 << 20)
    data = source.read_bytes()
    with raw_client(blob_server.url) as client:
        part = client.get(f"{BLOBS}/{result.sha256}", headers={"Range": "bytes=128-131"})
        assert part.status_code == 206 and part.content == data[128:132]
        assert part.headers["content-range"] == f"bytes 128-131/{len(data)}"
        whole = client.get(f"{BLOBS}/{result.sha256}")
        assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
    assert fetch_range(api, result.sha256, 0, 131) == data[:132]  # the DICOM preamble + DICM
    tail = tmp_path / "tail.bin"
    download(api, result.sha256, tail, byte_range=(len(data) - 1000, None))
    assert tail.read_bytes() == data[-1000:]
    # a whole download that was cut: the .part continues from where it stopped
    dest = tmp_path / "copy.bin"
    (tmp_path / "copy.bin.part").write_bytes(data[:3_000_000])
    written = download(api, result.sha256, dest)
    assert written == len(data) - 3_000_000
    assert dest.read_bytes() == data and not (tmp_path / "copy.bin.part").exists()


def test_pause_cancel_and_resume_from_the_server_offset(api, blob_server, tmp_path) -> None:
    source = write_random(tmp_path / "pause.bin", 12 << 20, seed=7)
    cancel, seen = threading.Event(), []

    def progress(sent: int, total: int, bytes_per_s: float, eta_s: float | None) -> None:
        seen.append((sent, total, bytes_per_s, eta_s))
        if sent >= 5 << 20:
            cancel.set()

    with pytest.raises(UploadCancelled):
        upload_file(api, source, chunk_size=1 << 20, progress=progress, cancel=cancel)
    assert all(total == 12 << 20 for _, total, _, _ in seen)
    with raw_client(blob_server.url) as client:
        state = client.post(f"{BLOBS}/uploads", json={"sha256": sha256_file(source),
                                                      "size": 12 << 20}).json()
    assert (4 << 20) <= state["offset"] < (12 << 20)

    pause, resumed, final = threading.Event(), [], []

    def progress2(sent: int, total: int, bytes_per_s: float, eta_s: float | None) -> None:
        final.append(sent)
        if sent >= 8 << 20 and not resumed:
            pause.set()  # pause mid-way; a timer resumes it
            resumed.append(True)
            threading.Timer(0.3, pause.clear).start()

    result = upload_file(api, source, chunk_size=1 << 20, progress=progress2, pause=pause)
    assert resumed and not result.already_stored
    assert result.sent_bytes <= (12 << 20) - state["offset"] + (2 << 20)  # resumed, not redone
    assert final[-1] == 12 << 20
    assert sha256_file(stored_path(blob_server.data_dir, result.sha256)) == result.sha256
