"""Decode a series' frames in worker processes, handing each frame back as soon as it is ready.

Decoders (OpenJPEG, CharLS, libjpeg) hold the GIL, so threads would not help a
500-slice JPEG 2000 CT; processes do (DESIGN §4). The first requested frame is
always yielded first — that is the one on screen — and the rest in completion
order. Frames come back in their stored integer type; display mapping happens in
the viewer process.

Workers are started with "spawn": the desk process runs Qt threads, and forking a
threaded process can deadlock; spawn is also what Windows does anyway.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ErrorCode, ImagingError, Problem
from .header import InstanceHeader
from .pixels import ImageSource


@dataclass(frozen=True)
class FrameRef:
    path: str
    frame: int = 0


@dataclass
class DecodedFrame:
    order: int  # position in the request (the viewer's slice index)
    ref: FrameRef
    array: np.ndarray | None
    problem: Problem | None = None


def _decode(path: str, frame: int) -> tuple[np.ndarray | None, tuple[str, str, str] | None]:
    # Runs in the worker: return plain data (pickling an exception chain drags pydicom objects).
    try:
        return ImageSource(path).frame(frame), None
    except ImagingError as exc:
        return None, (str(exc.code), exc.source, exc.detail)
    except Exception as exc:  # a bug or a decoder crash must not kill the whole series
        return None, (str(ErrorCode.DECODE_FAILED), path, f"{type(exc).__name__}: {exc}")


def series_frames(paths: Iterable[str | Path]) -> list[FrameRef]:
    """Frame references for every frame of every instance, in the given (viewer) order."""
    refs: list[FrameRef] = []
    for p in paths:
        try:
            count = ImageSource(p).frame_count
        except ImagingError:
            count = 1  # let the worker report the reason for this file
        refs.extend(FrameRef(str(p), i) for i in range(count))
    return refs


def frames_of(headers: Iterable[InstanceHeader]) -> list[FrameRef]:
    """Frame references from the catalog's headers (no file is opened again)."""
    return [FrameRef(h.source, i) for h in headers for i in range(max(h.frames, 1))]


def make_pool(max_workers: int | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("spawn"))


def decode_frames(
    refs: list[FrameRef],
    executor: Executor,
    first: int = 0,
    cancel: object | None = None,
) -> Iterator[DecodedFrame]:
    """Yield every frame of *refs*, *first* (the one on screen) before any other.

    *cancel* is any object with a ``cancelled`` attribute (``scan.CancelToken``):
    once it is set, pending work is cancelled and iteration stops.
    """
    if not refs:
        return
    order = [first, *[i for i in range(len(refs)) if i != first]]
    futures: dict[Future, int] = {}
    for i in order:  # submitted first = started first
        futures[executor.submit(_decode, refs[i].path, refs[i].frame)] = i
    by_index = {i: f for f, i in futures.items()}

    def result(i: int) -> DecodedFrame:
        arr, problem = by_index[i].result()
        return DecodedFrame(i, refs[i], arr, Problem(ErrorCode(problem[0]), problem[1], problem[2]) if problem else None)

    try:
        yield result(first)
        pending = {f for f, i in futures.items() if i != first}
        while pending:
            if cancel is not None and getattr(cancel, "cancelled", False):
                return
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for f in done:
                yield result(futures[f])
    finally:
        for f in futures:
            f.cancel()  # no-op for finished ones; stops queued work when the viewer moves on
