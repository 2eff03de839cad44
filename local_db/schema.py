"""The desk cache schema (SQLAlchemy 2.x declarative).

Domain tables share one shape: a UUID primary key made where the record is born, a
`version` that sync compares, and `created_at`/`updated_at` that are only ever shown to
people. Wall-clock time never orders anything; the outbox has its own sequence for that.

Any change here needs a migration in `local_db/migrations/versions/`; the migration test
compares the migrated database with this metadata.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints so later batch migrations on SQLite can address them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Stored naive in UTC (SQLite has no zone), handed back aware so nobody guesses."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the cache; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DomainMixin:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )


class Institution(DomainMixin, Base):
    """A copy of the consortium directory: the server is the authority."""

    __tablename__ = "institutions"

    code: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    # Not a foreign key: the directory copy arrives in one piece and may list a child first.
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)


class Department(DomainMixin, Base):
    __tablename__ = "departments"

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institutions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)


class UserProfile(DomainMixin, Base):
    """The signed-in user as the server last described them (the id is the server's)."""

    __tablename__ = "user_profile"

    username: Mapped[str] = mapped_column(String(150), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    title: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    title_level: Mapped[str | None] = mapped_column(String(32), nullable=True)
    roles: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institutions.id"), nullable=False
    )
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("departments.id"), nullable=True
    )


class OfflineCredential(DomainMixin, Base):
    """A local argon2 hash of the password of the last online login, for offline sign-in.

    Never the server's hash and never the password: it is re-made on this desk at every
    online login, so a password changed on the server takes over at the next online login.
    """

    __tablename__ = "offline_credential"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_profile.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    verifier: Mapped[str] = mapped_column(Text, nullable=False)


class SyncState(Base):
    """One row: which server and user this file belongs to, and where sync stands."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(Text, nullable=False)
    username: Mapped[str] = mapped_column(String(150), nullable=False)
    # Opaque to the desk: the server's change-sequence position (issue 3).
    pull_cursor: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Next outbox sequence number; kept here so numbers are never reused after pruning.
    next_outbox_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    last_online_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Issue 3: this desk's id in pushes (made once, on the desk) and the last sync failure.
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    last_error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)


# pending: waiting; sending: may have reached the server (its content is frozen, the same
# key is re-sent until an outcome is stored); applied: accepted (applied or merged);
# parked: rejected by the server, waiting for the user (retry or discard);
# rejected: final (the user discarded it, or re-queued it under a new key).
OUTBOX_STATES = ("pending", "sending", "applied", "parked", "rejected")
OUTBOX_OPS = ("create", "update", "delete")


class OutboxEntry(Base):
    """A local change waiting to reach the server; written in the same transaction as it.

    `seq` orders the queue (never the clock); `id` is the idempotency key the server sees.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(
            "state IN ('pending', 'sending', 'applied', 'parked', 'rejected')", name="state"
        ),
        CheckConstraint("op IN ('create', 'update', 'delete')", name="op"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    seq: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    entity: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    op: Mapped[str] = mapped_column(String(16), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="pending", index=True)
    # The server's reason code when it rejected the change (issue 3 shows it to the user).
    reject_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
    # Issue 3 (docs/sync-protocol.md): the version the desk edited (0 = creating), the fields
    # it changed, the server's reason params, how many times it was sent, and the outcome.
    base_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    changed: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    reject_params: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)


class SyncedRecord(Base):
    """A synced record as this desk sees it (docs/sync-protocol.md "Records").

    `data`/`deleted` are what the desk shows: the server's state plus any unsent local
    change. `version` is the server version that state derives from (0: not yet on the
    server). While `dirty` (unsent outbox rows exist) pulls never touch `data`; they keep the
    server's latest state in `server_*` instead, so a rejected change can fall back to it.
    """

    __tablename__ = "record"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    dirty: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, index=True)
    server_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    server_data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    server_deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
