"""A desk uploading one file, as its own process, so a test can kill -9 it mid-upload.

    python -m tests.blobs.uploader_child URL USER FILE CHUNK_SIZE

Prints `progress <sent> <total>` lines while sending and `done <json>` at the end.
"""

from __future__ import annotations

import json
import sys

from sync.client.api import ServerApi
from sync.client.blobs import upload_file


def main(url: str, user: str, path: str, chunk_size: str) -> int:
    api = ServerApi(url)
    api.login(user, "Demo@2026")

    def progress(sent: int, total: int, bytes_per_s: float, eta_s: float | None) -> None:
        print(f"progress {sent} {total}", flush=True)

    result = upload_file(api, path, chunk_size=int(chunk_size), progress=progress)
    print("done " + json.dumps({"sha256": result.sha256, "size": result.size,
                                "already_stored": result.already_stored,
                                "sent_bytes": result.sent_bytes}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
