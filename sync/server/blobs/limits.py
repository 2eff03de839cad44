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
    # fsync each appended chunk before its offset is recorded (power-loss safety).
    fsync: bool = True
