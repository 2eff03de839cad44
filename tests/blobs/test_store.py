"""The store on its own: power-loss rule, stale sweep, lock exclusivity, limits."""

from __future__ import annotations

import hashlib
import json
import os
import time

import pytest

from sync.server.blobs import BlobError, BlobLimits, BlobStore
from sync.server.errors import ApiError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _append(store: BlobStore, upload_id: str, data: bytes, user: str = "u1") -> int:
    with store.locked(upload_id):
        upload, fd = store.begin_append(user, upload_id, store.get(user, upload_id).offset,
                                        len(data))
        try:
            os.write(fd, data)
            return store.commit_append(upload, fd, len(data))
        finally:
            os.close(fd)


def test_offset_never_beyond_the_bytes_on_disk(tmp_path) -> None:
    """After a power loss the .part may be shorter than the recorded offset."""
    store = BlobStore(tmp_path)
    data = os.urandom(3000)
    _, answer = store.start("u1", _sha(data), len(data))
    upload_id = answer["upload_id"]
    assert _append(store, upload_id, data[:2000]) == 2000
    os.truncate(store.uploads / f"{upload_id}.part", 1500)  # the last 500 bytes never hit disk
    assert store.start("u1", _sha(data), len(data))[1]["offset"] == 1500
    _append(store, upload_id, data[1500:])
    assert store.complete("u1", upload_id)["sha256"] == _sha(data)
    assert store.blob_path(_sha(data)).read_bytes() == data


def test_completion_reads_the_file_when_this_process_did_not_see_every_chunk(tmp_path) -> None:
    data = os.urandom(5000)
    first = BlobStore(tmp_path)
    _, answer = first.start("u1", _sha(data), len(data))
    _append(first, answer["upload_id"], data[:3000])
    second = BlobStore(tmp_path)  # another worker, or the server after a restart
    _append(second, answer["upload_id"], data[3000:])
    assert second.complete("u1", answer["upload_id"])["size"] == 5000
    assert second.blob_path(_sha(data)).read_bytes() == data


def test_the_lock_admits_one_request_at_a_time(tmp_path) -> None:
    store = BlobStore(tmp_path)
    data = b"x" * 10
    _, answer = store.start("u1", _sha(data), 10)
    with store.locked(answer["upload_id"]):
        with pytest.raises(BlobError) as busy:
            _append(BlobStore(tmp_path), answer["upload_id"], data)
        assert busy.value.code == "upload_busy" and busy.value.status == 409


def test_stale_partial_uploads_are_swept(tmp_path) -> None:
    store = BlobStore(tmp_path, BlobLimits(stale_upload_s=3600))
    _, old = store.start("u1", _sha(b"old"), 3)
    _, new = store.start("u1", _sha(b"new"), 3)
    past = time.time() - 7200
    for suffix in (".json", ".part"):
        os.utime(store.uploads / f"{old['upload_id']}{suffix}", (past, past))
    assert store.sweep() == 1
    left = {p.name.split(".")[0] for p in store.uploads.iterdir()}
    assert new["upload_id"] in left and old["upload_id"] not in left


def test_limits(tmp_path) -> None:
    store = BlobStore(tmp_path, BlobLimits(max_blob_size=100, max_chunk_size=10))
    with pytest.raises(BlobError) as big:
        store.start("u1", _sha(b"y" * 101), 101)
    assert big.value.code == "blob_too_large" and big.value.status == 413
    _, answer = store.start("u1", _sha(b"z" * 50), 50)
    with store.locked(answer["upload_id"]), pytest.raises(BlobError) as chunk:
        store.begin_append("u1", answer["upload_id"], 0, 11)
    assert chunk.value.code == "chunk_too_large"
    sidecar = json.loads((store.uploads / f"{answer['upload_id']}.json").read_text())
    assert sidecar["offset"] == 0 and sidecar["user_id"] == "u1"


def test_no_lock_file_outlives_its_upload(tmp_path) -> None:
    store = BlobStore(tmp_path)
    data = b"abc"
    _, answer = store.start("u1", _sha(data), 3)
    upload_id = answer["upload_id"]
    _append(store, upload_id, data)
    store.complete("u1", upload_id)
    with pytest.raises(ApiError), store.locked(upload_id):  # a late request: upload gone
        store.get("u1", upload_id)
    (store.uploads / f"{'0' * 32}.lock").touch()  # an orphan
    store.sweep()
    assert list(store.uploads.iterdir()) == []
