"""Read blobs back: a whole file (resumable, verified) or a byte range (progressive reading
of a large study). Streamed in pieces; never held whole."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any, BinaryIO

from sync.client.blobs.http import BLOBS, BlobHttp
from sync.client.blobs.upload import EventLike, ProgressCallback, UploadCancelled, _Meter
from sync.client.errors import ApiError

PIECE = 256 << 10


class DownloadFailed(Exception):
    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(f"download failed: {code} {params or ''}")
        self.code, self.params = code, params or {}


def blob_exists(api_or_http: Any, sha256: str) -> int | None:
    """The stored size, or None (HEAD: one request)."""
    try:
        response = BlobHttp(api_or_http).request("HEAD", f"{BLOBS}/{sha256}")
    except ApiError as exc:
        if exc.status == 404:
            return None
        raise
    return int(response.headers["content-length"])


def fetch_range(api_or_http: Any, sha256: str, start: int, end: int) -> bytes:
    """Bytes [start, end] inclusive (HTTP semantics), for reading a header or a frame."""
    out = bytearray()
    with BlobHttp(api_or_http).stream("GET", f"{BLOBS}/{sha256}",
                                      headers={"Range": f"bytes={start}-{end}"}) as response:
        if response.status_code != 206:
            raise DownloadFailed("range_not_honoured", {"status": response.status_code})
        for piece in response.iter_bytes(PIECE):
            out += piece
    return bytes(out)


def download(
    api_or_http: Any,
    sha256: str,
    dest: str | os.PathLike[str] | BinaryIO,
    *,
    byte_range: tuple[int, int | None] | None = None,
    progress: ProgressCallback | None = None,
    cancel: EventLike | None = None,
) -> int:
    """Write the blob (or `byte_range=(start, end_inclusive_or_None)` of it) to `dest`.

    A whole download to a path goes to `<dest>.part` first: a later call continues from
    what is there (Range), the SHA-256 is checked, then it is renamed onto `dest`.
    Returns the number of bytes written by this call.
    """
    http = BlobHttp(api_or_http)
    if byte_range is not None or not isinstance(dest, (str, os.PathLike)):
        start, end = byte_range if byte_range is not None else (0, None)
        spec = f"bytes={start}-{'' if end is None else end}"
        with contextlib.ExitStack() as stack:
            out: BinaryIO = (stack.enter_context(open(dest, "wb"))
                             if isinstance(dest, (str, os.PathLike)) else dest)
            return _copy(http, sha256, spec if byte_range is not None else None, out,
                         None, progress, cancel, start)
    target = Path(dest)
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    digest = hashlib.sha256()
    if have:
        with open(part, "rb") as f:
            while piece := f.read(1 << 20):
                digest.update(piece)
    with open(part, "ab") as out:
        written = _copy(http, sha256, f"bytes={have}-" if have else None, out, digest,
                        progress, cancel, have)
    if digest.hexdigest() != sha256:
        part.unlink()
        raise DownloadFailed("blob_checksum_mismatch", {"sha256": sha256})
    os.replace(part, target)
    return written


def _copy(http: BlobHttp, sha256: str, range_spec: str | None, out: BinaryIO,
          digest: Any, progress: ProgressCallback | None, cancel: EventLike | None,
          start: int) -> int:
    headers = {"Range": range_spec} if range_spec else {}
    try:
        context = http.stream("GET", f"{BLOBS}/{sha256}", headers=headers)
        response = context.__enter__()
    except ApiError as exc:
        if exc.status == 416:  # a .part that is already complete
            return 0
        raise
    try:
        total = start + int(response.headers.get("content-length", 0))
        meter, written = _Meter(total, progress), 0
        for piece in response.iter_bytes(PIECE):
            if cancel is not None and cancel.is_set():
                raise UploadCancelled()
            out.write(piece)
            if digest is not None:
                digest.update(piece)
            written += len(piece)
            meter.update(start + written)
        meter.update(start + written, force=True)
        return written
    finally:
        context.__exit__(None, None, None)
