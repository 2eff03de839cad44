"""Synced records on the desk and their outbox rows (docs/sync-protocol.md).

Every function takes a `Session` and is meant to run inside `LocalCache.write` (or
`LocalCache.read` for the readers), so a domain write and its outbox row commit together:

    cache.write(lambda s: records.write(s, "patient", pid, data, ["phone"]))

Rules kept here, used by the sync engine (`sync.client.engine`):

- A record with unsent outbox rows (pending/sending) is `dirty`; pulls never change what
  it shows, they keep the server's latest state beside it (`server_*`).
- At most one row per record is `sending`, and its content is frozen (the server may
  already hold its outcome under that key). New local edits coalesce into the record's
  `pending` upsert row, or start a new row when there is none.
- When an outcome comes back, the record is *rebased*: the server's state, with the
  changed fields of the rows still unsent laid over it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from local_db import outbox
from local_db.schema import OutboxEntry, SyncedRecord, SyncState, utcnow

UNSENT = outbox.UNSENT_STATES


class RecordDeleted(Exception):
    """The record is a tombstone on this desk; it cannot be edited."""

    code = "deleted"


class RecordMissing(Exception):
    code = "not_found"


@dataclass(frozen=True)
class RecordView:
    entity: str
    id: uuid.UUID
    version: int
    data: dict[str, Any]
    deleted: bool
    dirty: bool

    def wire(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "id": str(self.id),
            "version": self.version,
            "data": self.data,
            "deleted": self.deleted,
        }


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _view(rec: SyncedRecord) -> RecordView:
    return RecordView(rec.entity, rec.id, rec.version, dict(rec.data), rec.deleted, rec.dirty)


# -- reading -------------------------------------------------------------------------------


def get(session: Session, entity: str, record_id: Any) -> RecordView | None:
    rec = session.get(SyncedRecord, (entity, _uuid(record_id)))
    return None if rec is None else _view(rec)


def list_records(
    session: Session, entity: str | None = None, *, include_deleted: bool = False
) -> list[RecordView]:
    query = select(SyncedRecord)
    if entity is not None:
        query = query.where(SyncedRecord.entity == entity)
    if not include_deleted:
        query = query.where(SyncedRecord.deleted.is_(False))
    return [_view(r) for r in session.scalars(query.order_by(SyncedRecord.entity, SyncedRecord.id))]


def parked(session: Session) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(OutboxEntry.state == "parked").order_by(OutboxEntry.seq)
    return list(session.scalars(query))


def unsent_rows(session: Session, entity: str, record_id: uuid.UUID) -> list[OutboxEntry]:
    query = (
        select(OutboxEntry)
        .where(
            OutboxEntry.entity == entity,
            OutboxEntry.entity_id == record_id,
            OutboxEntry.state.in_(UNSENT),
        )
        .order_by(OutboxEntry.seq)
    )
    return list(session.scalars(query))


# -- local edits ---------------------------------------------------------------------------


def _mark_dirty(rec: SyncedRecord) -> None:
    if not rec.dirty:
        rec.server_version, rec.server_data, rec.server_deleted = rec.version, rec.data, rec.deleted
        rec.dirty = True


def write(
    session: Session,
    entity: str,
    record_id: Any,
    data: dict[str, Any],
    changed: Iterable[str] | None = None,
) -> OutboxEntry:
    """Create or change a record and queue it; returns the outbox row (its `id` is the key).

    `data` is the full payload; `changed` the fields this edit changed (default: the fields
    that differ from what the desk showed, every field for a new record).
    """
    rid = _uuid(record_id)
    data = dict(data)
    rec = session.get(SyncedRecord, (entity, rid))
    if rec is not None and rec.deleted:
        raise RecordDeleted(f"{entity} {rid} is deleted")
    if changed is None:
        old = {} if rec is None else rec.data
        changed = [k for k in sorted(set(old) | set(data)) if old.get(k) != data.get(k)]
    changed = sorted(set(changed))
    if rec is None:
        rec = SyncedRecord(
            entity=entity,
            id=rid,
            version=0,
            data=data,
            deleted=False,
            dirty=False,
            server_version=0,
            server_data=None,
            server_deleted=False,
        )
        session.add(rec)
    _mark_dirty(rec)
    rec.data = data
    rows = unsent_rows(session, entity, rid)
    last = rows[-1] if rows else None
    if last is not None and last.state == "pending" and last.op != "delete":
        # Not sent yet: fold this edit into it (its key has never left the desk).
        last.payload = data
        last.changed = sorted(set(last.changed) | set(changed))
        session.flush()
        return last
    op = "create" if rec.version == 0 and not rows else "update"
    return outbox.add(session, entity, rid, op, data, base_version=rec.version, changed=changed)


def delete(session: Session, entity: str, record_id: Any) -> OutboxEntry | None:
    """Tombstone a record locally and queue the delete; None if it already was one."""
    rid = _uuid(record_id)
    rec = session.get(SyncedRecord, (entity, rid))
    if rec is None:
        raise RecordMissing(f"{entity} {rid} not on this desk")
    if rec.deleted:
        return None
    _mark_dirty(rec)
    rec.deleted = True
    return outbox.add(session, entity, rid, "delete", {}, base_version=rec.version, changed=[])


# -- pushing -------------------------------------------------------------------------------


def mutation(row: OutboxEntry) -> dict[str, Any]:
    """The wire shape of an outbox row (docs/sync-protocol.md, Push)."""
    return {
        "key": str(row.id),
        "entity": row.entity,
        "id": str(row.entity_id),
        "op": "delete" if row.op == "delete" else "upsert",
        "base_version": row.base_version,
        "data": row.payload if row.op != "delete" else None,
        "changed": list(row.changed),
    }


def claim_batch(session: Session, limit: int) -> list[dict[str, Any]]:
    """The next mutations to send: the earliest unsent row of each record, in queue order.

    They become `sending` (frozen) before they leave, so a crash re-sends the same key.
    """
    earlier = aliased(OutboxEntry)
    blocked = exists().where(
        and_(
            earlier.entity == OutboxEntry.entity,
            earlier.entity_id == OutboxEntry.entity_id,
            earlier.state.in_(UNSENT),
            earlier.seq < OutboxEntry.seq,
        )
    )
    query = (
        select(OutboxEntry)
        .where(OutboxEntry.state.in_(UNSENT), ~blocked)
        .order_by(OutboxEntry.seq)
        .limit(limit)
    )
    rows = list(session.scalars(query))
    for row in rows:
        row.state = "sending"
        row.attempts += 1
    session.flush()
    return [mutation(r) for r in rows]


def _server_state(rec: SyncedRecord) -> tuple[int, dict[str, Any] | None, bool]:
    if rec.dirty:
        return rec.server_version, rec.server_data, rec.server_deleted
    return rec.version, rec.data, rec.deleted


def _rebase(
    session: Session, rec: SyncedRecord, version: int, data: dict[str, Any] | None, deleted: bool
) -> None:
    """Show the server's state with the still unsent local changes laid over it."""
    rows = unsent_rows(session, rec.entity, rec.id)
    if not rows:
        if version == 0:  # never existed on the server and nothing left to send
            session.delete(rec)
            return
        rec.version, rec.data, rec.deleted = version, dict(data or {}), deleted
        rec.dirty, rec.server_version, rec.server_data, rec.server_deleted = False, 0, None, False
        return
    rec.server_version, rec.server_data, rec.server_deleted = version, data, deleted
    rec.version = version
    shown, shown_deleted = dict(data or {}), deleted
    for row in rows:
        if row.op == "delete":
            shown_deleted = True
            if row.state == "pending":
                row.base_version = version
            continue
        for field in row.changed:
            if field in row.payload:
                shown[field] = row.payload[field]
            else:
                shown.pop(field, None)
        if row.state == "pending":  # a sending row is frozen; its outcome rebases the rest
            row.payload = dict(shown)
            row.base_version = version
            row.op = "update" if version > 0 else row.op
    rec.data, rec.deleted = shown, shown_deleted


@dataclass
class OutcomeSummary:
    applied: int = 0
    merged: int = 0
    rejected: int = 0
    unknown: int = 0


def _apply_simple_outcomes(
    session: Session, outcomes: Sequence[dict[str, Any]], summary: OutcomeSummary
) -> list[dict[str, Any]]:
    """The common case in a few statements: accepted, with the record, and nothing else
    unsent for that record (the record simply becomes the server's). Returns the rest."""
    otab, rtab = OutboxEntry.__table__, SyncedRecord.__table__
    by_key = {_uuid(o["key"]): o for o in outcomes}
    if not by_key:
        return []
    sent = {
        r.id: r
        for r in session.execute(
            select(otab.c.id, otab.c.entity, otab.c.entity_id, otab.c.state).where(
                otab.c.id.in_(list(by_key))
            )
        )
    }
    targets = {(r.entity, r.entity_id) for r in sent.values()}
    unsent_count: dict[tuple[str, uuid.UUID], int] = {}
    ids = [t[1] for t in targets]
    for i in range(0, len(ids), 500):
        query = (
            select(otab.c.entity, otab.c.entity_id, func.count())
            .where(otab.c.state.in_(UNSENT), otab.c.entity_id.in_(ids[i : i + 500]))
            .group_by(otab.c.entity, otab.c.entity_id)
        )
        for entity, eid, n in session.execute(query):
            unsent_count[(entity, eid)] = n
    rest, done_rows, done_recs = [], [], []
    now = utcnow()
    for key, out in by_key.items():
        row = sent.get(key)
        record = out.get("record")
        if row is None or row.state not in UNSENT:
            summary.unknown += 1  # a replayed answer for a row already settled
            continue
        simple = (
            out.get("outcome") in ("applied", "merged")
            and record
            and unsent_count.get((row.entity, row.entity_id)) == 1
        )
        if not simple:
            rest.append(out)
            continue
        if out["outcome"] == "applied":
            summary.applied += 1
        else:
            summary.merged += 1
        done_rows.append({"b_key": key, "b_outcome": out["outcome"], "b_now": now})
        done_recs.append(
            {
                "b_entity": row.entity,
                "b_rid": row.entity_id,
                "b_version": int(record["version"]),
                "b_data": record.get("data") or {},
                "b_deleted": bool(record["deleted"]),
                "b_now": now,
            }
        )
    if done_rows:
        session.connection().execute(
            update(otab)
            .where(otab.c.id == _b("key", otab.c.id.type))
            .values(
                state="applied",
                outcome=_b("outcome"),
                reject_code=None,
                reject_params=None,
                updated_at=_b("now", otab.c.updated_at.type),
            ),
            done_rows,
        )
        session.connection().execute(
            update(rtab)
            .where(rtab.c.entity == _b("entity"), rtab.c.id == _b("rid", rtab.c.id.type))
            .values(
                version=_b("version"),
                data=_b("data", rtab.c.data.type),
                deleted=_b("deleted"),
                dirty=False,
                server_version=0,
                server_data=None,
                server_deleted=False,
                updated_at=_b("now", rtab.c.updated_at.type),
            ),
            done_recs,
        )
    return rest


def apply_outcomes(session: Session, outcomes: Sequence[dict[str, Any]]) -> OutcomeSummary:
    """Settle sent rows from the server's outcomes (applied/merged: the record becomes the
    server's, rebased under what is still unsent; rejected: parked with its reason)."""
    summary = OutcomeSummary()
    for out in _apply_simple_outcomes(session, outcomes, summary):
        row = session.get(OutboxEntry, _uuid(out["key"]))
        if row is None or row.state not in UNSENT:
            summary.unknown += 1  # a replayed answer for a row already settled
            continue
        kind = out.get("outcome")
        record = out.get("record") or None
        rec = session.get(SyncedRecord, (row.entity, row.entity_id))
        row.outcome = kind
        if kind in ("applied", "merged"):
            row.state = "applied"
            if kind == "applied":
                summary.applied += 1
            else:
                summary.merged += 1
            row.reject_code, row.reject_params = None, None
            session.flush()
            if rec is not None:
                if record:
                    state = (int(record["version"]), record.get("data"), bool(record["deleted"]))
                else:  # the contract sends the record; be lenient and assume ours was kept
                    deleted = row.op == "delete"
                    state = (row.base_version + 1, row.payload, deleted)
                _rebase(session, rec, *state)
        else:
            summary.rejected += 1
            row.state = "parked"
            row.reject_code = str(out.get("reason") or "rejected")
            row.reject_params = dict(out.get("params") or {})
            session.flush()
            if rec is not None:
                server = _server_state(rec)
                if record and int(record["version"]) >= server[0]:
                    server = (int(record["version"]), record.get("data"), bool(record["deleted"]))
                _rebase(session, rec, *server)
    session.flush()
    return summary


# -- pulling -------------------------------------------------------------------------------


_UPSERT_CLEAN = (
    "INSERT INTO record (entity, id, version, data, deleted, dirty, server_version,"
    " server_data, server_deleted, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, NULL, 0, ?)"
    " ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version,"
    " data = excluded.data, deleted = excluded.deleted, updated_at = excluded.updated_at"
    " WHERE record.dirty = 0 AND excluded.version > record.version"
)


def apply_pulled(session: Session, changes: Sequence[dict[str, Any]]) -> int:
    """Apply a pull page in two statements; records with unsent changes keep what they show."""
    if not changes:
        return 0
    table = SyncedRecord.__table__
    now = utcnow()
    latest: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
    for ch in changes:
        key = (str(ch["entity"]), _uuid(ch["id"]))
        prev = latest.get(key)
        if prev is None or int(ch["version"]) > prev["version"]:
            latest[key] = {
                "entity": key[0],
                "id": key[1],
                "version": int(ch["version"]),
                "data": ch.get("data") or {},
                "deleted": bool(ch.get("deleted")),
            }
    rows = list(latest.values())
    # Records with unsent changes are few; only those get the shadow update below.
    dirty = {
        (e, i)
        for e, i in session.execute(
            select(table.c.entity, table.c.id).where(table.c.dirty.is_(True))
        )
    }
    # The hot path of an initial pull (100,000s of rows): one prepared statement through the
    # driver, values in the column types' stored form (Uuid: 32 hex; JSON: json.dumps;
    # UtcDateTime: naive UTC text), skipping SQLAlchemy's per-value processing.
    stamp = now.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    session.connection().exec_driver_sql(
        _UPSERT_CLEAN,
        [
            (
                r["entity"],
                r["id"].hex,
                r["version"],
                json.dumps(r["data"]),
                int(r["deleted"]),
                stamp,
            )
            for r in rows
        ],
    )
    shadow = (
        update(table)
        .where(
            table.c.entity == _b("entity"),
            table.c.id == _b("rid", table.c.id.type),
            table.c.dirty.is_(True),
            table.c.server_version < _b("version"),
        )
        .values(
            server_version=_b("version"),
            server_data=_b("data", table.c.data.type),
            server_deleted=_b("deleted"),
        )
    )
    shadowed = [
        {
            "b_entity": r["entity"],
            "b_rid": r["id"],
            "b_version": r["version"],
            "b_data": r["data"],
            "b_deleted": r["deleted"],
        }
        for r in rows
        if (r["entity"], r["id"]) in dirty
    ]
    if shadowed:
        session.connection().execute(shadow, shadowed)
    return len(rows)


def _b(name: str, type_: Any = None) -> Any:
    from sqlalchemy import bindparam

    return bindparam(f"b_{name}", type_=type_)


def set_cursor(session: Session, cursor: str | None) -> None:
    state = session.get(SyncState, 1)
    if state is None:
        raise RuntimeError("cache has no sync_state row")
    state.pull_cursor = cursor


def drop_clean_unseen(session: Session, seen: set[tuple[str, uuid.UUID]]) -> int:
    """After a full re-sync: clean records the server no longer sent are gone from the scope."""
    table = SyncedRecord.__table__
    clean = session.execute(select(table.c.entity, table.c.id).where(table.c.dirty.is_(False)))
    gone = [{"b_entity": e, "b_rid": i} for e, i in clean if (e, i) not in seen]
    if gone:
        session.connection().execute(
            table.delete().where(
                table.c.entity == _b("entity"), table.c.id == _b("rid", table.c.id.type)
            ),
            gone,
        )
    return len(gone)


# -- parked changes ------------------------------------------------------------------------


def retry_parked(session: Session, key: Any) -> OutboxEntry | None:
    """Queue a parked change again, on top of the record as it is now (a new key: the old
    one's rejection is stored on the server). The parked row becomes `rejected` (final)."""
    row = session.get(OutboxEntry, _uuid(key))
    if row is None or row.state != "parked":
        return None
    row.state = "rejected"
    rec = session.get(SyncedRecord, (row.entity, row.entity_id))
    if row.op == "delete":
        if rec is None:
            return None
        return delete(session, row.entity, row.entity_id)
    data = dict(rec.data) if rec is not None and not rec.deleted else {}
    if rec is not None and rec.deleted:
        raise RecordDeleted(f"{row.entity} {row.entity_id} is deleted")
    for field in row.changed:
        if field in row.payload:
            data[field] = row.payload[field]
    if rec is None:
        data = dict(row.payload)
    return write(session, row.entity, row.entity_id, data, row.changed)


def discard_parked(session: Session, key: Any) -> bool:
    """Give a parked change up; the record already shows the server's state."""
    row = session.get(OutboxEntry, _uuid(key))
    if row is None or row.state != "parked":
        return False
    row.state = "rejected"
    return True
