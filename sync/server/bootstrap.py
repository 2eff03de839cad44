"""Prepare a data directory and database before serving: migrate, then import the seed."""

from __future__ import annotations

import logging
from datetime import timedelta

from sync.server.changes.pull import compact
from sync.server.clock import Clock, SystemClock
from sync.server.db import Database
from sync.server.migrate import upgrade
from sync.server.passwords import PasswordHasher
from sync.server.seed import SeedData, load_seed
from sync.server.seed.importer import import_seed
from sync.server.settings import Settings
from sync.server.tokens import purge_expired

log = logging.getLogger(__name__)


def prepare(settings: Settings, db: Database, *, hasher: PasswordHasher | None = None,
            clock: Clock | None = None) -> SeedData:
    """Validate the seed first (raises SeedError), so bad data never half-migrates a
    fresh database; then migrate and upsert."""
    seed = load_seed(settings.seed_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(db.engine)
    hasher = hasher or PasswordHasher(settings.passwords)
    now = (clock or SystemClock()).now()
    with db.write() as session:
        report = import_seed(session, seed, demo=settings.demo, hasher=hasher, now=now)
        # Housekeeping at start keeps the token table small without a scheduler.
        purged = purge_expired(session, now)
        compacted = compact(session, now, timedelta(days=settings.tombstone_horizon_days))
    log.info("seed %s: %d created, %d updated, %d unchanged; %d ended sessions purged; "
             "%d sync change rows compacted", settings.seed_dir, report.created,
             report.updated, report.unchanged, purged, compacted)
    return seed
