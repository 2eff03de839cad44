"""Initial desk cache: profile, offline credential, directory copy, sync state, outbox.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _domain_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "institutions",
        *_domain_columns(),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_institutions"),
        sa.UniqueConstraint("code", name="uq_institutions_code"),
    )
    op.create_table(
        "departments",
        *_domain_columns(),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_departments"),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name="fk_departments_institution_id_institutions",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_departments_institution_id", "departments", ["institution_id"])
    op.create_table(
        "user_profile",
        *_domain_columns(),
        sa.Column("username", sa.String(150), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("title_level", sa.String(32), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_user_profile"),
        sa.UniqueConstraint("username", name="uq_user_profile_username"),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name="fk_user_profile_institution_id_institutions",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name="fk_user_profile_department_id_departments"
        ),
    )
    op.create_table(
        "offline_credential",
        *_domain_columns(),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("verifier", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_offline_credential"),
        sa.UniqueConstraint("user_id", name="uq_offline_credential_user_id"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_profile.id"],
            name="fk_offline_credential_user_id_user_profile",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("username", sa.String(150), nullable=False),
        sa.Column("pull_cursor", sa.Text(), nullable=True),
        sa.Column("next_outbox_seq", sa.Integer(), nullable=False),
        sa.Column("last_online_login_at", sa.DateTime(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_state"),
        sa.CheckConstraint("id = 1", name="ck_sync_state_single_row"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reject_code", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("seq", name="uq_outbox_seq"),
        sa.CheckConstraint(
            "state IN ('pending', 'sending', 'applied', 'rejected')", name="ck_outbox_state"
        ),
        sa.CheckConstraint("op IN ('create', 'update', 'delete')", name="ck_outbox_op"),
    )
    op.create_index("ix_outbox_entity_id", "outbox", ["entity_id"])
    op.create_index("ix_outbox_state", "outbox", ["state"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("sync_state")
    op.drop_table("offline_credential")
    op.drop_table("user_profile")
    op.drop_index("ix_departments_institution_id", table_name="departments")
    op.drop_table("departments")
    op.drop_table("institutions")
