"""Upload one file to the blob store: hashed while streaming, resumable, pausable.

    result = upload_file(api, path, chunk_size=8 << 20,
                         progress=lambda sent, total, bytes_per_s, eta_s: ...,
                         pause=pause_event, cancel=cancel_event)

Nothing is kept on the desk between attempts: the upload id is derived on the server from
(user, SHA-256, size), so calling `upload_file` again for the same file (after a pause, a
cancel, a crash or a restart) asks the server where it got to and continues from there.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import random
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from sync.client.blobs.http import BLOBS, BlobHttp
from sync.client.errors import ApiError, ServerUnreachable

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 8 << 20
PIECE = 1 << 20  # read and send granularity: memory use is about this, not the file size
# Completion hashes the whole file on the server: allow more than the usual read timeout.
COMPLETE_TIMEOUT = httpx.Timeout(600.0, connect=4.0)

ProgressCallback = Callable[[int, int, float, float | None], None]


class EventLike(Protocol):
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


class UploadCancelled(Exception):
    """`cancel` was set. The server keeps what it has; the next call resumes."""


class UploadFailed(Exception):
    """Gave up: `code` says why (server_unreachable, chunk_refused, blob_checksum_mismatch,
    size_mismatch, or the server's error code); `params` has the details."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(f"upload failed: {code} {params or ''}")
        self.code, self.params = code, params or {}


@dataclass(frozen=True)
class Retry:
    """Backoff for a server that went away mid-upload (full jitter, capped)."""

    attempts: int = 12  # consecutive failures before giving up
    first_s: float = 0.25
    max_s: float = 15.0
    chunk_refusals: int = 5  # a chunk refused (checksum) this many times in a row: give up

    def delay(self, failures: int) -> float:
        return random.uniform(0.5, 1.0) * min(self.max_s, self.first_s * 2 ** (failures - 1))


@dataclass(frozen=True)
class UploadResult:
    sha256: str
    size: int
    already_stored: bool  # the server had it: one request, nothing sent
    sent_bytes: int  # chunk bytes sent by this call (resent chunks included)
    requests: int


class _Interrupted(Exception):
    """Raised inside the body iterator to abort a chunk in flight (pause or cancel)."""


HASH_SLICE = 4 << 20  # mapped at a time; cancel is checked between slices


def _sha_of_range(path: Path, offset: int, length: int,
                  cancel: EventLike | None = None) -> str:
    """SHA-256 of [offset, offset+length) through a read-only mmap: no copies into Python
    bytes, and resident pages are the OS's page cache, not this process's heap."""
    digest = hashlib.sha256()
    if length <= 0:
        return digest.hexdigest()
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        end = min(offset + length, size)
        if end <= offset:
            return digest.hexdigest()
        position = offset
        while position < end:
            if cancel is not None and cancel.is_set():
                raise UploadCancelled()
            # One window at a time, unmapped after: mapped pages count in RSS while mapped.
            base = position - position % mmap.ALLOCATIONGRANULARITY
            stop = min(position + HASH_SLICE, end)
            with mmap.mmap(f.fileno(), stop - base, access=mmap.ACCESS_READ,
                           offset=base) as window:
                view = memoryview(window)
                try:
                    digest.update(view[position - base:])
                finally:
                    view.release()
            position = stop
    return digest.hexdigest()


def sha256_of(path: Path, cancel: EventLike | None = None) -> tuple[str, int]:
    size = Path(path).stat().st_size
    return _sha_of_range(Path(path), 0, size, cancel), size


def _chunk_hashes(path: Path, size: int, chunk_size: int,
                  cancel: EventLike | None) -> dict[tuple[int, int], str]:
    return {(offset, min(chunk_size, size - offset)):
            _sha_of_range(path, offset, min(chunk_size, size - offset), cancel)
            for offset in range(0, size, chunk_size)}


def hash_file_and_chunks(path: Path, chunk_size: int, cancel: EventLike | None = None
                         ) -> tuple[str, int, dict[tuple[int, int], str]]:
    """The whole file's SHA-256 and each chunk's, in one go: the chunk hashes are computed
    on a second thread (hashlib releases the GIL), so on two cores this costs about one
    hashing pass instead of two. Memory: two 1 MiB read buffers."""
    size = path.stat().st_size
    with ThreadPoolExecutor(1, thread_name_prefix="blob-hash") as pool:
        chunks = pool.submit(_chunk_hashes, path, size, chunk_size, cancel)
        whole, hashed = sha256_of(path, cancel)
        by_chunk = chunks.result()
    if hashed != size:
        raise UploadFailed("file_changed", {"path": str(path)})
    return whole, size, by_chunk


class _Meter:
    """Speed over the last few seconds and the time left; calls `progress` at most 10x/s."""

    WINDOW_S = 5.0

    def __init__(self, total: int, callback: ProgressCallback | None) -> None:
        self.total, self.callback = total, callback
        self.samples: deque[tuple[float, int]] = deque()
        self.last_call = 0.0

    def update(self, position: int, *, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        self.samples.append((now, position))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.WINDOW_S:
            self.samples.popleft()
        if not force and now - self.last_call < 0.1:
            return
        self.last_call = now
        t0, p0 = self.samples[0]
        rate = (position - p0) / (now - t0) if now > t0 and position > p0 else 0.0
        left = self.total - position
        eta = 0.0 if left <= 0 else (left / rate if rate > 0 else None)
        self.callback(position, self.total, rate, eta)

    def restart(self) -> None:
        """After a pause or a failure: speed is measured afresh."""
        self.samples.clear()


class _ChunkBody:
    """The bytes [offset, offset+length) of the file, read in pieces as httpx sends them.
    Iterable more than once (a token refresh resends the chunk)."""

    def __init__(self, uploader: _Uploader, offset: int, length: int) -> None:
        self.uploader, self.offset, self.length = uploader, offset, length

    def __iter__(self) -> Iterator[bytes]:
        u = self.uploader
        with open(u.path, "rb") as f:
            f.seek(self.offset)
            left = self.length
            while left > 0:
                if u.interrupt_requested():
                    raise _Interrupted()
                piece = f.read(min(PIECE, left))
                if not piece:
                    raise _Interrupted()  # the file shrank: the chunk hash will not match
                left -= len(piece)
                u.sent += len(piece)
                u.meter.update(self.offset + self.length - left)
                yield piece


class _Uploader:
    def __init__(self, http: BlobHttp, path: Path, chunk_size: int, progress: ProgressCallback | None,
                 pause: EventLike | None, cancel: EventLike | None, retry: Retry,
                 sha256: str | None) -> None:
        self.http, self.path, self.chunk_size = http, path, chunk_size
        self.pause, self.cancel, self.retry = pause, cancel, retry
        self.known_sha = sha256
        self.progress = progress
        self.sent = self.requests = 0
        self.meter = _Meter(0, progress)
        self.chunk_shas: dict[tuple[int, int], str] = {}

    def interrupt_requested(self) -> bool:
        return bool((self.cancel and self.cancel.is_set()) or (self.pause and self.pause.is_set()))

    def _sleep(self, seconds: float) -> None:
        if self.cancel is not None:
            if self.cancel.wait(seconds):
                raise UploadCancelled()
        else:
            time.sleep(seconds)

    def _wait_while_paused(self) -> None:
        while self.pause is not None and self.pause.is_set():
            if self.cancel is not None and self.cancel.is_set():
                raise UploadCancelled()
            time.sleep(0.05)
        if self.cancel is not None and self.cancel.is_set():
            raise UploadCancelled()

    def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        self.requests += 1
        return self.http.request(method, path, **kwargs).json()

    def with_retries(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A call that survives the server going away for a while."""
        failures = 0
        while True:
            self._wait_while_paused()
            try:
                return self.call(method, path, **kwargs)
            except ServerUnreachable as exc:
                failures += 1
                if failures >= self.retry.attempts:
                    raise UploadFailed("server_unreachable", exc.params) from exc
                self._sleep(self.retry.delay(failures))
            except ApiError as exc:
                # Another connection (a parallel call, or a request the server has not yet
                # noticed is dead) holds the upload for a moment; or the server failed.
                if exc.code != "upload_busy" and exc.status < 500:
                    raise
                failures += 1
                if failures >= self.retry.attempts:
                    raise UploadFailed("upload_busy", exc.params) from exc
                self._sleep(self.retry.delay(failures))

    # -- the steps ----------------------------------------------------------------------

    def run(self) -> UploadResult:
        if self.known_sha:
            sha, size = self.known_sha, self.path.stat().st_size
        else:
            sha, size, self.chunk_shas = hash_file_and_chunks(self.path, self.chunk_size,
                                                              self.cancel)
        self.meter = _Meter(size, self.progress)
        for _ in range(2):  # a second round only if the whole-file check failed once
            state = self.with_retries("POST", f"{BLOBS}/uploads",
                                      json={"sha256": sha, "size": size})
            if state.get("stored"):
                if int(state.get("size", size)) != size:
                    raise UploadFailed("size_mismatch", {"stored": state.get("size"),
                                                         "local": size})
                self.meter.update(size, force=True)
                return UploadResult(sha, size, self.sent == 0, self.sent, self.requests)
            try:
                self.send_chunks(state)
                done = self.with_retries("POST", f"{BLOBS}/uploads/{state['upload_id']}/complete",
                                         timeout=COMPLETE_TIMEOUT)
            except ApiError as exc:
                if exc.code == "not_found":  # swept, or finished by a parallel call: start again
                    continue
                if exc.code != "blob_checksum_mismatch":
                    raise UploadFailed(exc.code, exc.params) from exc
                # The server discarded the upload: the file changed under us, or the server
                # lost bytes (power cut). Hash again and send it all once more.
                log.warning("blob upload %s refused at completion; starting over", sha)
                sha, size, self.chunk_shas = hash_file_and_chunks(self.path, self.chunk_size,
                                                                  self.cancel)
                self.meter = _Meter(size, self.progress)
                continue
            self.meter.update(size, force=True)
            return UploadResult(done["sha256"], int(done["size"]), False, self.sent, self.requests)
        raise UploadFailed("blob_checksum_mismatch", {"sha256": sha})

    def send_chunks(self, state: dict[str, Any]) -> None:
        upload_id, size = state["upload_id"], int(state["size"])
        offset = int(state["offset"])
        chunk = max(1, min(self.chunk_size, int(state.get("max_chunk_size") or self.chunk_size)))
        failures = refusals = 0
        url = f"{BLOBS}/uploads/{upload_id}"
        self.meter.update(offset, force=True)
        while offset < size:
            self._wait_while_paused()
            length = min(chunk, size - offset)
            try:
                chunk_sha = self._chunk_sha(offset, length)
                answer = self.call("PATCH", url, content=_ChunkBody(self, offset, length),
                                   headers={"Upload-Offset": str(offset),
                                            "Chunk-SHA256": chunk_sha,
                                            "Content-Length": str(length),
                                            "Content-Type": "application/octet-stream"})
                offset, failures, refusals = int(answer["offset"]), 0, 0
            except _Interrupted:
                # Paused or cancelled mid-chunk: the server drops the partial chunk.
                self.meter.restart()
                offset = self._server_offset(url)
            except ServerUnreachable as exc:
                failures += 1
                if failures >= self.retry.attempts:
                    raise UploadFailed("server_unreachable", exc.params) from exc
                log.info("blob upload %s: %s; retrying", upload_id, exc.params.get("reason"))
                self._sleep(self.retry.delay(failures))
                self.meter.restart()
                offset = self._server_offset(url)
            except ApiError as exc:
                if exc.code in ("offset_mismatch", "upload_busy") or exc.status >= 500:
                    if exc.code != "offset_mismatch":  # busy or failed: wait a little
                        failures += 1
                        if failures >= self.retry.attempts:
                            raise UploadFailed(exc.code, exc.params) from exc
                        self._sleep(self.retry.delay(failures))
                    known = exc.params.get("offset")
                    offset = int(known) if known is not None else self._server_offset(url)
                elif exc.code in ("chunk_checksum_mismatch", "invalid_request"):
                    # Corrupted on the way (or cut short): the server appended nothing; resend.
                    refusals += 1
                    if refusals >= self.retry.chunk_refusals:
                        raise UploadFailed("chunk_refused", {"offset": offset,
                                                             **exc.params}) from exc
                    offset = self._server_offset(url)
                else:
                    raise
            self.meter.update(offset)

    def _chunk_sha(self, offset: int, length: int) -> str:
        known = self.chunk_shas.pop((offset, length), None)  # used once: a resend re-reads
        return known or _sha_of_range(self.path, offset, length, self.cancel)

    def _server_offset(self, url: str) -> int:
        return int(self.with_retries("GET", url)["offset"])


def upload_file(
    api_or_http: Any,
    path: str | os.PathLike[str],
    *,
    chunk_size: int = DEFAULT_CHUNK,
    progress: ProgressCallback | None = None,
    pause: EventLike | None = None,
    cancel: EventLike | None = None,
    retry: Retry | None = None,
    sha256: str | None = None,
) -> UploadResult:
    """Upload `path` to the blob store and return once the server has verified and stored it.

    - `api_or_http`: a signed-in `ServerApi`, or an `httpx.Client` with base_url and
      Authorization set.
    - `progress(sent, total, bytes_per_s, eta_s)`: called from this thread, at most ~10 times
      a second and once at the end; `sent` is the server-confirmed offset plus the bytes of
      the chunk in flight (it goes back if a chunk has to be resent); `eta_s` is None while
      the speed is unknown.
    - `pause`: while set, the upload stops (the chunk in flight is abandoned, the server
      keeps everything before it) and waits; clearing it continues.
    - `cancel`: when set, raises `UploadCancelled` promptly; the server keeps the partial
      upload, and a later call resumes it (also from another process, after a restart).
    - `sha256`: skip hashing when the caller already knows the file's hash.

    Blocking; run it on a worker thread. Raises `UploadFailed` when it gives up.
    """
    uploader = _Uploader(BlobHttp(api_or_http), Path(path), chunk_size, progress, pause, cancel,
                         retry or Retry(), sha256)
    return uploader.run()


__all__ = ["DEFAULT_CHUNK", "ProgressCallback", "Retry", "UploadCancelled", "UploadFailed",
           "UploadResult", "sha256_of", "upload_file"]
