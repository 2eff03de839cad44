"""The desk's record sync engine (docs/sync-protocol.md, "The desk's sync engine").

Qt-free. `SyncEngine` runs one push-then-pull cycle; `SyncRunner` runs cycles on a
background thread and reports a `SyncStatus` through plain callbacks; `workstation-sync`
(`cli.py`) is the headless command. Local writes: `local_db.records.write/delete` inside
`LocalCache.write`, then `SyncRunner.local_change()`.
"""

from sync.client.engine.core import (
    CLIENT_SCHEMA,
    ClientTooOld,
    LocalStatus,
    ParkedItem,
    SyncEngine,
    SyncResult,
)
from sync.client.engine.runner import SyncRunner, SyncStatus, full_jitter

__all__ = [
    "CLIENT_SCHEMA",
    "ClientTooOld",
    "LocalStatus",
    "ParkedItem",
    "SyncEngine",
    "SyncResult",
    "SyncRunner",
    "SyncStatus",
    "full_jitter",
]
