"""The desk's offline cache: SQLite through SQLAlchemy, one file per (server, user).

Public entry points: `open_cache` / `open_cache_file` give a `LocalCache` (one writer
thread, parallel readers); `desk` and `outbox` hold the queries the client uses.
See docs/local-cache.md.
"""

from local_db.cache import CacheUnusable, LocalCache, open_cache, open_cache_file, sync_state
from local_db.corruption import CacheNotice
from local_db.paths import cache_path, default_data_dir, server_slug

__all__ = [
    "CacheNotice",
    "CacheUnusable",
    "LocalCache",
    "cache_path",
    "default_data_dir",
    "open_cache",
    "open_cache_file",
    "server_slug",
    "sync_state",
]
