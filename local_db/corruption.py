"""Detect a damaged cache file before anything writes to it, and keep it aside.

A cache is a copy of server data plus unsent local changes; a damaged one is never deleted,
because support may still recover unsent work from it. It is renamed with its -wal/-shm
companions (same suffix, so SQLite would pair them again if someone opens the copy).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100
COMPANIONS = ("-wal", "-shm", "-journal")
# How long the check waits for another process holding the file; then it gives up (no verdict).
CHECK_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class CacheNotice:
    """What the UI must tell the user after opening a cache.

    kind: "corrupt_set_aside" (the only kind for now); reason: a short technical detail.
    """

    kind: str
    path: Path
    kept_aside: Path
    reason: str
    message: str  # Chinese default for logs; the UI words its own from kind/kept_aside


def is_corruption_error(exc: BaseException) -> bool:
    """SQLITE_CORRUPT or SQLITE_NOTADB: the bytes are wrong, as opposed to locked or unreadable."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def find_damage(path: Path) -> str | None:
    """Why the file is not a usable SQLite database, or None when it is (or is absent/empty)."""
    if not path.exists():
        return None
    size = path.stat().st_size
    if size == 0:
        return None  # SQLite treats an empty file as an empty database
    with open(path, "rb") as f:
        header = f.read(SQLITE_HEADER_SIZE)
    if len(header) < SQLITE_HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        return "not an SQLite file (bad header)"
    # Other errors (locked by another process, no permission, disk full) are not damage:
    # they propagate, and the file stays where it is.
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw",
        uri=True,
        isolation_level=None,
        timeout=CHECK_TIMEOUT_S,
    )
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption_error(exc):
            return f"quick_check failed: {exc}"
        raise
    finally:
        conn.close()
    problems = [r[0] for r in rows if r[0] != "ok"]
    if problems:
        return "quick_check: " + "; ".join(problems[:3])
    return None


def _utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def set_aside(path: Path, reason: str) -> CacheNotice:
    stamp = _utc_stamp()
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    return CacheNotice(
        kind="corrupt_set_aside",
        path=path,
        kept_aside=target,
        reason=reason,
        message=f"本地缓存文件已损坏，已另存为 {target}，将重新同步",
    )
