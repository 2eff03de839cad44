"""Content-addressed blob store (ECG records, DICOM instances, PDFs): docs/sync-protocol.md,
section "Files (blobs)". Everything lives in the server's data directory; no database rows."""

from sync.server.blobs.limits import BlobLimits
from sync.server.blobs.store import BlobError, BlobStore

__all__ = ["BlobError", "BlobLimits", "BlobStore"]
