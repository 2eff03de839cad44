"""Blob store limits, part of the server Settings (`Settings.blobs`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlobLimits:
    # A 12-lead resting ECG is ~100 kB, a CT instance ~0.5 MB, a whole study in one file
    # (rare) a few GB; 8 GiB leaves room without letting one upload fill the disk.
    max_blob_size: int = 8 << 30
    # One PATCH body. The desk sends 8 MiB by default; 64 MiB bounds a request.
    max_chunk_size: int = 64 << 20
    # Partial uploads not touched for this long are swept when the store opens.
    stale_upload_s: float = 7 * 24 * 3600
    # Refuse to start an upload that would leave less than this free on the volume.
    min_free_bytes: int = 256 << 20
    # A PATCH whose body stops arriving for this long is abandoned (its lock released): a
    # township line that dies without a FIN/RST would otherwise hold the upload forever.
    body_idle_timeout_s: float = 30.0
    # fsync each appended chunk before its offset is recorded. Off by default: the finished
    # blob is always fsynced before it is published, a process crash loses nothing (the page
    # cache survives it), and after a power loss the offset is taken as no more than the
    # .part's size (data=ordered file systems never leave a size beyond written data);
    # the whole-file SHA-256 at completion is the last guard. Per-chunk fsync cost ~20 %
    # of loopback throughput in the bench.
    fsync_each_chunk: bool = False
