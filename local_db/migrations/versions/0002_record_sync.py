"""Record sync (issue 3): the `record` table, outbox columns of the protocol, device id.

Revision ID: 0002_record_sync
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_record_sync"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_OLD_STATES = "state IN ('pending', 'sending', 'applied', 'rejected')"
_NEW_STATES = "state IN ('pending', 'sending', 'applied', 'parked', 'rejected')"


def upgrade() -> None:
    op.create_table(
        "record",
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("server_data", sa.JSON(), nullable=True),
        sa.Column("server_deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name="pk_record"),
    )
    op.create_index("ix_record_dirty", "record", ["dirty"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("base_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("changed", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("reject_params", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("outcome", sa.String(16), nullable=True))
        batch.drop_constraint("ck_outbox_state", type_="check")
        batch.create_check_constraint("ck_outbox_state", _NEW_STATES)
    # server_default only filled the existing rows; the model supplies values from now on.
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("base_version", server_default=None)
        batch.alter_column("changed", server_default=None)
        batch.alter_column("attempts", server_default=None)
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("device_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("last_error_code", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("last_error_code")
        batch.drop_column("device_id")
    op.execute("UPDATE outbox SET state = 'rejected' WHERE state = 'parked'")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint("ck_outbox_state", type_="check")
        batch.create_check_constraint("ck_outbox_state", _OLD_STATES)
        batch.drop_column("outcome")
        batch.drop_column("attempts")
        batch.drop_column("reject_params")
        batch.drop_column("changed")
        batch.drop_column("base_version")
    op.drop_index("ix_record_dirty", table_name="record")
    op.drop_table("record")
