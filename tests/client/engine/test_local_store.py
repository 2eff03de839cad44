"""local_db.records and migration 0002 on their own (no server)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from local_db import migrate, open_cache_file, records


def test_upgrading_a_0001_cache_keeps_its_outbox_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, "0001_initial")
        conn.execute(
            text(
                "INSERT INTO sync_state (id, server_url, username, next_outbox_seq) "
                "VALUES (1, 'http://a:1', 'lina', 2)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO outbox (id, seq, entity, entity_id, op, payload, state, created_at,"
                " updated_at) VALUES ('0123456789abcdef0123456789abcdef', 1, 'patient',"
                " 'fedcba9876543210fedcba9876543210', 'create', '{\"name\": \"x\"}', 'pending',"
                " '2026-11-22 00:00:00', '2026-11-22 00:00:00')"
            )
        )
    engine.dispose()
    with open_cache_file(path, server_url="http://a:1", username="lina") as cache:
        row = cache.read(
            lambda s: s.execute(
                text("SELECT state, base_version, changed, attempts FROM outbox")
            ).one()
        )
        assert tuple(row) == ("pending", 0, "[]", 0)
    with engine.begin() as conn:
        migrate.downgrade(conn, "0001_initial")
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar() == 1
    engine.dispose()


def test_deleted_records_refuse_edits_and_deletes_are_queued(tmp_path: Path) -> None:
    with open_cache_file(tmp_path / "c.sqlite3", server_url="http://a:1", username="u") as c:
        rid = uuid.uuid4()
        c.write_and_wait(lambda s: records.write(s, "patient", rid, {"name": "x"}))
        row = c.write_and_wait(lambda s: records.delete(s, "patient", rid))
        assert row.op == "delete"
        assert c.write_and_wait(lambda s: records.delete(s, "patient", rid)) is None
        with pytest.raises(records.RecordDeleted):
            c.write_and_wait(lambda s: records.write(s, "patient", rid, {"name": "y"}))
        with pytest.raises(records.RecordMissing):
            c.write_and_wait(lambda s: records.delete(s, "patient", uuid.uuid4()))
        view = c.read(lambda s: records.get(s, "patient", rid))
        assert view.deleted and view.dirty
        batch = c.write_and_wait(lambda s: records.claim_batch(s, 10))
        assert [m["op"] for m in batch] == ["upsert"]  # the delete waits for the create
        assert batch[0]["changed"] == ["name"] and batch[0]["base_version"] == 0


def test_changed_fields_default_to_what_differs(tmp_path: Path) -> None:
    with open_cache_file(tmp_path / "c.sqlite3", server_url="http://a:1", username="u") as c:
        rid = uuid.uuid4()
        first = c.write_and_wait(
            lambda s: records.write(s, "patient", rid, {"name": "x", "phone": "1"})
        )
        assert first.changed == ["name", "phone"]
        c.write_and_wait(lambda s: records.claim_batch(s, 10))  # now sending: frozen
        second = c.write_and_wait(
            lambda s: records.write(s, "patient", rid, {"name": "x", "phone": "2"})
        )
        assert second.id != first.id and second.changed == ["phone"] and second.op == "update"
