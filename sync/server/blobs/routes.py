"""HTTP endpoints of the blob store (docs/sync-protocol.md, "Files (blobs)").

Bodies are streamed: PATCH reads `request.stream()` piece by piece into the .part file while
hashing; GET is a FileResponse (Range → 206, read in pieces). Nothing is held whole.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request, Security
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from sync.server.blobs.store import SHA256_RE, BlobError, BlobStore, Upload, check_sha
from sync.server.deps import Caller, bearer_scheme
from sync.server.errors import ApiError
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import error_responses
from sync.server.settings import Settings

router = RouteSet("/api/v1/blobs", dependencies=[Security(bearer_scheme)],
                  responses=error_responses(400, 401, 403, 404, 409, 413, 422, 423),
                  tags=["blobs"])


class StartUpload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sha256: str = Field(pattern=SHA256_RE.pattern, description="SHA-256 of the whole file, hex")
    size: int = Field(ge=0, description="bytes")


def store_of(request: Request) -> BlobStore:
    return request.app.state.blob_store


def _json(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status)


@router.get("/{sha256}", response_class=FileResponse,
            responses={206: {"description": "the requested byte range"}})
def get_blob(sha256: str, request: Request) -> FileResponse:
    """The blob's bytes; `Range: bytes=a-b` answers 206 with that part."""
    check_sha(sha256)
    path = store_of(request).blob_path(sha256)
    if not path.is_file():
        raise ApiError("not_found")
    return FileResponse(path, media_type="application/octet-stream",
                        headers={"ETag": f'"{sha256}"',
                                 "Cache-Control": "private, max-age=31536000, immutable"})


@router.head("/{sha256}", include_in_schema=False)
def head_blob(sha256: str, request: Request) -> FileResponse:
    # The access table looks HEAD up as GET; FileResponse sends headers only for HEAD.
    return get_blob(sha256, request)


@router.post("/uploads", status_code=201)
def start_upload(body: StartUpload, who: Caller, request: Request) -> JSONResponse:
    """Start or resume; `{"stored": true}` (200) when the blob already exists."""
    created, answer = store_of(request).start(who.user_id, body.sha256, body.size)
    return _json(201 if created else 200, answer)


@router.get("/uploads/{upload_id}")
def upload_status(upload_id: str, who: Caller, request: Request) -> JSONResponse:
    store = store_of(request)
    return _json(200, store.answer(store.get(who.user_id, upload_id)))


def _int_header(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ApiError("invalid_request", {"fields": [{"field": name, "type": "int",
                                                        "detail": "a whole number >= 0"}]})
    return number


BATCH = 1 << 20  # hashed and written off the event loop in batches of about this size


def _write_all(fd: int, pieces: list[bytes]) -> None:
    """One writev for the batch; a short write continues where it stopped."""
    views = [memoryview(p) for p in pieces if p]
    while views:
        written = os.writev(fd, views[:1024])
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


async def _receive(request: Request, fd: int, upload: Upload, store: BlobStore
                   ) -> tuple[Any, Any, int]:
    """Stream the body onto the .part (at its offset) while hashing it; returns the chunk's
    digest, the whole file's running digest (None when this process has not seen every
    earlier chunk) and the byte count. Hashing and writing run on a worker thread in
    ~1 MiB batches (hashlib releases the GIL), so the event loop keeps receiving."""
    digest, received = hashlib.sha256(), 0
    running = store.running_digest(upload)
    limit = min(store.limits.max_chunk_size, upload.size - upload.offset)
    idle = store.limits.body_idle_timeout_s
    loop = asyncio.get_running_loop()
    batch: list[bytes] = []
    pending = 0

    def work(pieces: list[bytes]) -> None:
        for piece in pieces:
            digest.update(piece)
            if running is not None:
                running.update(piece)
        _write_all(fd, pieces)

    async with asyncio.timeout(idle) as deadline:  # TimeoutError: the line went silent
        async for piece in request.stream():
            deadline.reschedule(loop.time() + idle)
            received += len(piece)
            if received > limit:
                code = ("chunk_too_large" if received > store.limits.max_chunk_size
                        else "chunk_past_end")
                raise BlobError(code, {"offset": upload.offset, "size": upload.size,
                                       "max_chunk_size": store.limits.max_chunk_size})
            batch.append(piece)
            pending += len(piece)
            if pending >= BATCH:
                await run_in_threadpool(work, batch)
                batch, pending = [], 0
    if batch:
        await run_in_threadpool(work, batch)
    return digest, running, received


@router.patch("/uploads/{upload_id}")
async def append_chunk(
    upload_id: str,
    who: Caller,
    request: Request,
    upload_offset: Annotated[str, Header(alias="Upload-Offset")],
    chunk_sha256: Annotated[str, Header(alias="Chunk-SHA256")],
    content_length: Annotated[str | None, Header(alias="Content-Length")] = None,
) -> JSONResponse:
    """Append one chunk at `Upload-Offset`; refused (nothing appended) on a wrong offset or
    a chunk whose SHA-256 is not `Chunk-SHA256`."""
    store = store_of(request)
    offset = _int_header("Upload-Offset", upload_offset)
    length = _int_header("Content-Length", content_length)
    chunk_sha256 = chunk_sha256.strip().lower()
    if not SHA256_RE.match(chunk_sha256):
        raise ApiError("invalid_request", {"fields": [{"field": "Chunk-SHA256",
                                                        "type": "pattern",
                                                        "detail": "64 hex digits"}]})
    with store.locked(upload_id):
        upload, fd = store.begin_append(who.user_id, upload_id, offset, length)
        committed = False
        try:
            digest, running, received = await _receive(request, fd, upload, store)
            if length is not None and received != length:
                raise ApiError("invalid_request", {"reason": "body_shorter_than_length"})
            if digest.hexdigest() != chunk_sha256:
                raise BlobError("chunk_checksum_mismatch",
                                {"offset": upload.offset, "received_sha256": digest.hexdigest()})
            new_offset = await run_in_threadpool(store.commit_append, upload, fd, received,
                                                 running)
            committed = True
        finally:
            if not committed:  # refused, cut off or crashed: drop whatever was written
                os.ftruncate(fd, upload.offset)
            os.close(fd)
    return _json(200, {"offset": new_offset, "size": upload.size})


@router.post("/uploads/{upload_id}/complete", status_code=201)
def complete_upload(upload_id: str, who: Caller, request: Request) -> JSONResponse:
    """Verify size and whole-file SHA-256, publish atomically (201); 422 discards it."""
    return _json(201, store_of(request).complete(who.user_id, upload_id))


def install(app: FastAPI, settings: Settings) -> BlobStore:
    """Create the store in the data directory, register routes and the error handler."""
    store = BlobStore(settings.data_dir, settings.blobs)
    store.sweep()
    app.state.blob_store = store

    async def on_blob_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BlobError)
        return JSONResponse(exc.body(), exc.status)

    app.add_exception_handler(BlobError, on_blob_error)
    router.register(app)
    return store
