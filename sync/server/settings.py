"""Server settings: one immutable object, built by the CLI or by tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sync.server.blobs.limits import BlobLimits
from workstation.resources import resources_dir


def default_seed_dir() -> Path:
    return resources_dir() / "seed" / "demo_county"


@dataclass(frozen=True)
class PasswordParams:
    """argon2id cost. Defaults follow OWASP's first recommendation (m=19 MiB, t=2, p=1).

    Tests pass cheaper values so hundreds of logins stay fast; production never should.
    """

    memory_kib: int = 19 * 1024
    time_cost: int = 2
    parallelism: int = 1
    # Hashes in flight per process. Each holds `memory_kib`; past the core count more
    # concurrency only adds memory, not throughput (argon2 is CPU-bound).
    max_concurrent: int = 4


@dataclass(frozen=True)
class Settings:
    db_url: str
    data_dir: Path
    demo: bool = False
    seed_dir: Path = field(default_factory=default_seed_dir)
    access_ttl_s: int = 15 * 60
    refresh_ttl_s: int = 12 * 60 * 60
    lockout_threshold: int = 5
    lockout_minutes: float = 15
    passwords: PasswordParams = field(default_factory=PasswordParams)
    # Record sync: change rows superseded (and tombstones) older than this are compacted
    # away at start; a desk whose cursor is older must re-sync (410 resync_required).
    tombstone_horizon_days: float = 90
    blobs: BlobLimits = field(default_factory=BlobLimits)  # blob store limits (sync/server/blobs)

    @classmethod
    def for_data_dir(cls, data_dir: Path, **kwargs) -> Settings:
        return cls(db_url=sqlite_url(data_dir / "server.sqlite3"), data_dir=data_dir, **kwargs)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"
