"""Desk side of the blob store (docs/sync-protocol.md, "Files (blobs)"). Qt-free.

    from sync.client.blobs import upload_file, download, fetch_range
"""

from sync.client.blobs.download import DownloadFailed, blob_exists, download, fetch_range
from sync.client.blobs.upload import (
    DEFAULT_CHUNK,
    ProgressCallback,
    Retry,
    UploadCancelled,
    UploadFailed,
    UploadResult,
    sha256_of,
    upload_file,
)

__all__ = ["DEFAULT_CHUNK", "DownloadFailed", "ProgressCallback", "Retry", "UploadCancelled",
           "UploadFailed", "UploadResult", "blob_exists", "download", "fetch_range",
           "sha256_of", "upload_file"]
