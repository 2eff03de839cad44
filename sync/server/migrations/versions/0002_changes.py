"""Sync record store and change log: record, record_history, change_log, change_audience,
push_outcome, identity_conflict, sync_meta (docs/sync-protocol.md).

Revision ID: 0002_changes
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_changes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_record", ["entity", "id"], unique=False)

    op.create_table(
        "identity_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("base_value", sa.JSON(), nullable=True),
        sa.Column("server_value", sa.JSON(), nullable=True),
        sa.Column("proposed_value", sa.JSON(), nullable=True),
        sa.Column("proposed_by", sa.String(length=36), nullable=False),
        sa.Column("push_key", sa.String(length=64), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_value", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_conflict")),
    )
    with op.batch_alter_table("identity_conflict", schema=None) as batch_op:
        batch_op.create_index(
            "ix_identity_conflict_open", ["resolved_at", "raised_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_identity_conflict_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "push_outcome",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "key", name=op.f("pk_push_outcome")),
    )
    op.create_table(
        "record",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("owner_institution_id", sa.String(length=36), nullable=False),
        sa.Column("owner_user_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("audiences", sa.JSON(), nullable=False),
        sa.Column("created_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_record")),
    )
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.create_index("ix_record_patient", ["patient_id", "entity"], unique=False)

    op.create_table(
        "record_history",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("changed_by", sa.String(length=36), nullable=False),
        sa.Column("replaced_seq", sa.BigInteger(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", "version", name=op.f("pk_record_history")),
    )
    op.create_table(
        "sync_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_meta")),
    )
    op.create_table(
        "change_audience",
        sa.Column("audience", sa.String(length=80), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seq"],
            ["change_log.seq"],
            name=op.f("fk_change_audience_seq_change_log"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("audience", "txid", "seq", name=op.f("pk_change_audience")),
    )


def downgrade() -> None:
    op.drop_table("change_audience")
    op.drop_table("sync_meta")
    op.drop_table("record_history")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_index("ix_record_patient")

    op.drop_table("record")
    op.drop_table("push_outcome")
    with op.batch_alter_table("identity_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_conflict_patient_id"))
        batch_op.drop_index("ix_identity_conflict_open")

    op.drop_table("identity_conflict")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_record")

    op.drop_table("change_log")
