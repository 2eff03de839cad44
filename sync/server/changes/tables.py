"""Tables of the record store and change log (docs/sync-protocol.md).

They hang on `models.Base`, so Alembic's comparison and the migration test see them;
`models.py` imports this module at its end for that reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sync.server.models import Base, UTCDateTime, new_id

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL wants 64 bits.
SeqType = BigInteger().with_variant(Integer(), "sqlite")


class Record(Base):
    """The server's current state of every synced record."""

    __tablename__ = "record"
    __table_args__ = (Index("ix_record_patient", "patient_id", "entity"),)

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    owner_institution_id: Mapped[str] = mapped_column(String(36))
    owner_user_id: Mapped[str] = mapped_column(String(36))
    patient_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who receives it (audiences.py); only ever grows, so a later change row always
    # reaches everyone an earlier one did (compaction relies on it).
    audiences: Mapped[list[str]] = mapped_column(JSON)
    created_seq: Mapped[int] = mapped_column(BigInteger)
    updated_seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())  # display only


class RecordHistory(Base):
    """Every version a change replaced: reports are amended, never overwritten, and the
    patient merge needs the version a desk edited (`base_version`)."""

    __tablename__ = "record_history"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str | None] = mapped_column(String(40))
    changed_by: Mapped[str] = mapped_column(String(36))  # the user whose change replaced it
    replaced_seq: Mapped[int] = mapped_column(BigInteger)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChangeLog(Base):
    """The global change sequence. `txid` is the writing transaction on PostgreSQL
    (pg_current_xact_id) and equals `seq` on SQLite; pulls order by (txid, seq)."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record", "entity", "id"),)

    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(40))
    id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Lets one flush insert a change row and its audience rows in the right order.
    reaches: Mapped[list[ChangeAudience]] = relationship(lazy="raise")


class ChangeAudience(Base):
    """One row per (change, audience): a pull is one index range scan per audience."""

    __tablename__ = "change_audience"

    audience: Mapped[str] = mapped_column(String(80), primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    seq: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("change_log.seq", ondelete="CASCADE"), primary_key=True)


class PushOutcome(Base):
    """The stored answer to one mutation, by (user, idempotency key): a replay gets it
    back verbatim and changes nothing."""

    __tablename__ = "push_outcome"

    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IdentityConflict(Base):
    """Concurrent changes to a patient's identity field, waiting for an administrator."""

    __tablename__ = "identity_conflict"
    __table_args__ = (Index("ix_identity_conflict_open", "resolved_at", "raised_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    base_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    proposed_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    proposed_by: Mapped[str] = mapped_column(String(36))
    push_key: Mapped[str] = mapped_column(String(64))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text)


class SyncMeta(Base):
    """Small server-wide values: the tombstone horizon position."""

    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
