"""The filesystem store behind /api/v1/blobs.

Layout under the server's data directory (shared by every worker process on the host):

    blobs/ab/cd/<sha256>          finished blobs, immutable, written once by rename
    uploads/<upload_id>.part      bytes received so far (may hold an unverified tail)
    uploads/<upload_id>.json      sidecar: sha256, size, user_id, offset (verified bytes)
    uploads/<upload_id>.lock      advisory lock (flock) held while a request changes the upload

Rules that make several processes safe:

- Every change to an upload (append, complete, discard) happens while holding an exclusive,
  non-blocking `flock` on its lock file; a second writer gets `upload_busy` at once rather
  than interleaving bytes. The kernel drops the lock when a process dies (kill -9), so a
  crashed worker never wedges an upload.
- The sidecar's `offset` is the truth: bytes past it in the .part (a chunk cut off or
  refused, a crash mid-write) are truncated away by the next request under the lock.
  A chunk is appended and its SHA-256 checked; only then is the new offset written (temp
  file + atomic `os.replace`). After a power loss the offset is never taken beyond the
  .part's size (`BlobLimits.fsync_each_chunk` makes every chunk durable at ~20 % speed).
- A blob is published with one atomic rename into blobs/; readers never see a partial
  blob. Two uploads of the same content both verify and rename onto the same name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sync.server.blobs.limits import BlobLimits
from sync.server.errors import ApiError

try:  # POSIX servers; the store is not meant to run on Windows
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_ID_RE = re.compile(r"^[0-9a-f]{32}$")
READ_PIECE = 1 << 20
RUNNING_MAX = 1000  # uploads whose running digest a process keeps

MESSAGES = {
    "offset_mismatch": "上传位置不一致，请从服务器给出的位置继续",
    "upload_busy": "该文件正在由另一连接上传，请稍后重试",
    "upload_incomplete": "文件尚未上传完整",
    "chunk_checksum_mismatch": "数据块校验失败，请重新发送",
    "blob_checksum_mismatch": "文件校验失败，已丢弃，请重新上传",
    "chunk_past_end": "数据块超出文件大小",
    "chunk_too_large": "数据块过大",
    "blob_too_large": "文件过大",
    "insufficient_storage": "服务器存储空间不足",
}
STATUS = {
    "offset_mismatch": 409,
    "upload_busy": 409,
    "upload_incomplete": 409,
    "chunk_checksum_mismatch": 422,
    "blob_checksum_mismatch": 422,
    "chunk_past_end": 422,
    "chunk_too_large": 413,
    "blob_too_large": 413,
    "insufficient_storage": 507,
}


class BlobError(ApiError):
    """An ApiError with the blob codes (same wire shape, own status and message table)."""

    @property
    def status(self) -> int:
        return STATUS[self.code]

    @property
    def message(self) -> str:
        return MESSAGES[self.code]

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "params": self.params}}


@dataclass
class Upload:
    upload_id: str
    sha256: str
    size: int
    user_id: str
    offset: int
    created: float


def upload_id_for(user_id: str, sha256: str, size: int) -> str:
    """Deterministic: the same user starting the same file again resumes the same upload,
    even after the desk lost everything it knew (kill -9, reinstall)."""
    return hashlib.sha256(f"{user_id}\0{sha256}\0{size}".encode()).hexdigest()[:32]


def check_sha(sha256: str) -> str:
    if not SHA256_RE.match(sha256):
        raise ApiError("invalid_request", {"fields": [{"field": "sha256", "type": "pattern",
                                                        "detail": "64 lowercase hex digits"}]})
    return sha256


class BlobStore:
    def __init__(self, root: Path, limits: BlobLimits | None = None) -> None:
        self.limits = limits or BlobLimits()
        self.blobs = Path(root) / "blobs"
        self.uploads = Path(root) / "uploads"
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.uploads.mkdir(parents=True, exist_ok=True)
        # upload_id -> (offset, SHA-256 state of the bytes before it): a cache that spares
        # re-reading the file at completion; never the truth (the sidecar and .part are).
        self._running: dict[str, tuple[int, Any]] = {}
        self._running_lock = threading.Lock()

    # -- blobs -------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        check_sha(sha256)
        return self.blobs / sha256[:2] / sha256[2:4] / sha256

    def stored_size(self, sha256: str) -> int | None:
        try:
            return self.blob_path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    # -- uploads: files and lock -------------------------------------------------------

    def _part(self, upload_id: str) -> Path:
        return self.uploads / f"{upload_id}.part"

    def _sidecar(self, upload_id: str) -> Path:
        return self.uploads / f"{upload_id}.json"

    def _lockfile(self, upload_id: str) -> Path:
        return self.uploads / f"{upload_id}.lock"

    @contextlib.contextmanager
    def locked(self, upload_id: str) -> Iterator[None]:
        """Exclusive, non-blocking; `upload_busy` when another request holds it."""
        path = self._lockfile(upload_id)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise BlobError("upload_busy", self._offset_params(upload_id)) from None
            # The holder before us may have unlinked the file after we opened it: then we
            # hold a lock nobody else can see. Lock the file that is at the path now.
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        try:
            yield
        finally:
            if not self._sidecar(upload_id).exists():
                # No upload behind it (finished, discarded, or never started): drop the
                # lock file while still holding it, so none are left behind.
                self._unlink_lock(upload_id)
            os.close(fd)  # releases the flock

    def _unlink_lock(self, upload_id: str) -> None:
        # Called while holding the lock: later openers see the inode change and retry.
        with contextlib.suppress(FileNotFoundError):
            self._lockfile(upload_id).unlink()

    def _offset_params(self, upload_id: str) -> dict[str, Any]:
        upload = self._read(upload_id)
        return {"offset": upload.offset} if upload else {}

    def _read(self, upload_id: str) -> Upload | None:
        try:
            data = json.loads(self._sidecar(upload_id).read_text(encoding="utf-8"))
            part_size = self._part(upload_id).stat().st_size
        except (FileNotFoundError, ValueError):
            return None
        upload = Upload(**data)
        # After a power loss the .part may hold less than the sidecar recorded (chunks are
        # not fsynced one by one): continue from what is really there.
        upload.offset = min(upload.offset, part_size)
        return upload

    def _write(self, upload: Upload) -> None:
        tmp = self.uploads / f"{upload.upload_id}.json.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(asdict(upload)), encoding="utf-8")
        os.replace(tmp, self._sidecar(upload.upload_id))

    def get(self, user_id: str, upload_id: str) -> Upload:
        if not UPLOAD_ID_RE.match(upload_id):
            raise ApiError("not_found")
        upload = self._read(upload_id)
        if upload is None or upload.user_id != user_id:  # another user's upload: not found
            raise ApiError("not_found")
        return upload

    def _discard(self, upload_id: str) -> None:
        for path in (self._part(upload_id), self._sidecar(upload_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self._unlink_lock(upload_id)

    # -- the protocol's steps ----------------------------------------------------------

    def start(self, user_id: str, sha256: str, size: int) -> tuple[bool, dict[str, Any]]:
        """(created, answer). Answer is {"stored": true, ...} when the blob exists, else the
        upload with the offset to continue from."""
        check_sha(sha256)
        stored = self.stored_size(sha256)
        if stored is not None:
            return False, {"stored": True, "sha256": sha256, "size": stored}
        if size < 0:
            raise ApiError("invalid_request", {"fields": [{"field": "size", "type": "range",
                                                            "detail": ">= 0"}]})
        if size > self.limits.max_blob_size:
            raise BlobError("blob_too_large", {"max_blob_size": self.limits.max_blob_size})
        upload_id = upload_id_for(user_id, sha256, size)
        with self.locked(upload_id):
            upload = self._read(upload_id)
            created = upload is None
            if upload is None:
                free = shutil.disk_usage(self.uploads).free
                if free - size < self.limits.min_free_bytes:
                    raise BlobError("insufficient_storage", {"free": free})
                upload = Upload(upload_id, sha256, size, user_id, 0, time.time())
                self._part(upload_id).touch()
                self._write(upload)
        return created, self.answer(upload)

    def answer(self, upload: Upload) -> dict[str, Any]:
        return {"stored": False, "upload_id": upload.upload_id, "sha256": upload.sha256,
                "size": upload.size, "offset": upload.offset,
                "max_chunk_size": self.limits.max_chunk_size}

    def begin_append(self, user_id: str, upload_id: str, offset: int,
                     length: int | None) -> tuple[Upload, int]:
        """Checks done under the caller's lock before reading the body; returns the upload
        and an fd open for writing at its offset (tail past the offset cut away)."""
        upload = self.get(user_id, upload_id)
        if offset != upload.offset:
            raise BlobError("offset_mismatch", {"offset": upload.offset, "sent": offset})
        if length is not None:
            if length > self.limits.max_chunk_size:
                raise BlobError("chunk_too_large", {"max_chunk_size": self.limits.max_chunk_size})
            if offset + length > upload.size:
                raise BlobError("chunk_past_end", {"offset": upload.offset, "size": upload.size})
        fd = os.open(self._part(upload_id), os.O_WRONLY | os.O_CREAT, 0o644)
        os.ftruncate(fd, upload.offset)
        os.lseek(fd, upload.offset, os.SEEK_SET)
        return upload, fd

    def running_digest(self, upload: Upload) -> Any:
        """A copy of this process's SHA-256 of the upload's first `offset` bytes, or None
        when this process has not seen them all (another worker, a restart)."""
        with self._running_lock:
            known = self._running.get(upload.upload_id)
        if upload.offset == 0:
            return hashlib.sha256()
        if known is None or known[0] != upload.offset:
            return None
        return known[1].copy()

    def commit_append(self, upload: Upload, fd: int, received: int, running: Any = None) -> int:
        if self.limits.fsync_each_chunk:
            os.fsync(fd)
        advanced = Upload(**{**asdict(upload), "offset": upload.offset + received})
        self._write(advanced)
        with self._running_lock:
            if running is not None:
                self._running[upload.upload_id] = (advanced.offset, running)
                while len(self._running) > RUNNING_MAX:
                    self._running.pop(next(iter(self._running)))
            else:
                self._running.pop(upload.upload_id, None)
        return advanced.offset

    def complete(self, user_id: str, upload_id: str) -> dict[str, Any]:
        with self.locked(upload_id):
            upload = self.get(user_id, upload_id)
            if upload.offset != upload.size:
                raise BlobError("upload_incomplete", {"offset": upload.offset,
                                                      "size": upload.size})
            part = self._part(upload_id)
            with self._running_lock:
                known = self._running.pop(upload_id, None)
            # This process saw every chunk: its running digest is the file's; otherwise
            # (another worker took part, or a restart) read the file back.
            digest = known[1] if known and known[0] == upload.size else None
            with open(part, "r+b") as f:
                f.truncate(upload.size)
                if digest is None:
                    digest = hashlib.sha256()
                    while piece := f.read(READ_PIECE):
                        digest.update(piece)
                os.fsync(f.fileno())  # durable before it is published
            if digest.hexdigest() != upload.sha256:
                self._discard(upload_id)
                raise BlobError("blob_checksum_mismatch", {"sha256": upload.sha256})
            dest = self.blob_path(upload.sha256)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, dest)  # identical content if another upload got there first
            _fsync_dir(dest.parent)
            self._discard(upload_id)
        return {"stored": True, "sha256": upload.sha256, "size": upload.size}

    def sweep(self, now: float | None = None) -> int:
        """Remove partial uploads untouched for `stale_upload_s`; returns how many."""
        now = time.time() if now is None else now
        removed = 0
        for sidecar in self.uploads.glob("*.json"):
            upload_id = sidecar.stem
            try:
                touched = max(p.stat().st_mtime for p in (sidecar, self._part(upload_id))
                              if p.exists())
            except (FileNotFoundError, ValueError):
                continue
            if now - touched < self.limits.stale_upload_s:
                continue
            try:
                with self.locked(upload_id):
                    self._discard(upload_id)
                    removed += 1
            except BlobError:
                continue  # in use right now: not stale
        for lock in self.uploads.glob("*.lock"):  # orphans, e.g. from a crash mid-discard
            if not self._sidecar(lock.stem).exists():
                with contextlib.suppress(BlobError, FileNotFoundError), self.locked(lock.stem):
                    pass  # leaving the lock removes a lock file without an upload
        return removed


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
