"""Pull pages after a cursor, the late-commit watermark, and the tombstone horizon.

Positions are (txid, seq). On PostgreSQL, seq is allocated before commit, so a change
can become visible after a higher number has been read; each change row therefore
carries its writing transaction's id, and a pull only returns rows whose transaction is
older than every transaction still running in this database. Nothing can later appear
below the cursor. On SQLite (one writer at a time) txid = seq and the watermark is open.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, select, text, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from sync.server.changes.tables import ChangeAudience, ChangeLog, Record, SyncMeta
from sync.server.errors import ApiError

START = (0, 0)
HORIZON_KEY = "tombstone_horizon"

# The smallest transaction id still running in *this* database as of one snapshot;
# when none runs, the snapshot's xmax (everything below it has finished). Transactions
# positively known to belong to another database (pg_stat_activity) are ignored, so a
# long transaction elsewhere on the cluster does not hold every desk's pulls back; an
# xid whose database is unknown (finished since, prepared, hidden) counts as ours, which
# errs on the safe side. xip/xmax are xid8; backend_xid is the 32-bit xid.
_PG_WATERMARK = text("""
WITH snap AS (SELECT pg_current_snapshot() AS s),
elsewhere AS (
    SELECT backend_xid::text::bigint AS x FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())
SELECT COALESCE(
    (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
     WHERE (x::text::bigint % 4294967296) NOT IN (SELECT x FROM elsewhere)),
    (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap))
""")


def encode_cursor(pos: tuple[int, int]) -> str:
    return base64.urlsafe_b64encode(f"v1.{pos[0]}.{pos[1]}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[int, int]:
    if not cursor:
        return START
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        tag, txid, seq = raw.split(".")
        if tag != "v1":
            raise ValueError(tag)
        return int(txid), int(seq)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ApiError("invalid_request", {"fields": [
            {"field": "query.after", "type": "cursor", "detail": "not a cursor"}]}) from None


def watermark(session: Session) -> int | None:
    """Rows with txid below this are final; None: no limit (SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.execute(_PG_WATERMARK).scalar_one()


def horizon(session: Session) -> tuple[int, int]:
    row = session.get(SyncMeta, HORIZON_KEY)
    return (row.value["txid"], row.value["seq"]) if row else START


def pull_page(session: Session, audiences: frozenset[str], after: str | None, limit: int
              ) -> dict[str, Any]:
    pos = decode_cursor(after)
    if START < pos < horizon(session):  # (a cursor at the start has nothing to miss)
        # Changes this desk has not seen were compacted away (tombstones included).
        raise ApiError("resync_required")
    # First statement of the transaction: the watermark and the rows must not come from
    # snapshots where a transaction below the watermark was still running; computing the
    # watermark first guarantees every transaction below it is finished for the query.
    limit_txid = watermark(session)
    # One index range per audience, each cut at the page size, then merged: a page costs
    # O(audiences x limit) however long the log is (a single IN over the audiences made
    # PostgreSQL aggregate and sort every row after the cursor, for every page).
    ca = ChangeAudience
    parts = []
    for audience in sorted(audiences):
        inner = select(ca.txid, ca.seq).where(ca.audience == audience,
                                              tuple_(ca.txid, ca.seq) > tuple_(*pos))
        if limit_txid is not None:
            inner = inner.where(ca.txid < limit_txid)
        inner = inner.order_by(ca.txid, ca.seq).limit(limit + 1).subquery()
        parts.append(select(inner.c.txid, inner.c.seq))
    merged = union_all(*parts).subquery()
    q = (select(merged.c.txid, merged.c.seq).distinct()
         .order_by(merged.c.txid, merged.c.seq).limit(limit + 1))
    rows = session.execute(q).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    if not rows:
        return {"changes": [], "cursor": encode_cursor(pos), "has_more": False}
    seqs = [r.seq for r in rows]
    order = {seq: i for i, seq in enumerate(seqs)}
    # One query: each change row joined to its record by primary key; plain columns, not
    # ORM objects (a page of 1000 would otherwise spend most of its time building them).
    found = session.execute(
        select(ChangeLog.seq, Record.entity, Record.id, Record.version, Record.data,
               Record.deleted)
        .join(Record, (Record.entity == ChangeLog.entity) & (Record.id == ChangeLog.id))
        .where(ChangeLog.seq.in_(seqs))).all()
    last: dict[tuple[str, str], tuple[int, Any]] = {}
    for row in found:
        key = (row.entity, row.id)
        if key not in last or last[key][0] < order[row.seq]:
            last[key] = (order[row.seq], row)
    # Each record once per page, with its current version, where its last change sits.
    changes = [{"entity": r.entity, "id": r.id, "version": r.version, "data": r.data,
                "deleted": r.deleted} for _, r in sorted(last.values(), key=lambda x: x[0])]
    return {"changes": changes, "cursor": encode_cursor((rows[-1].txid, rows[-1].seq)),
            "has_more": has_more}


def compact(session: Session, now: datetime, keep: timedelta) -> int:
    """Drop change rows older than `keep` that a later row of the same record supersedes,
    and every row of records deleted longer ago than that; move the horizon past them.
    Pulls from before the horizon get 410 resync_required. Returns the rows dropped."""
    cutoff = now - keep
    later = aliased(ChangeLog)
    superseded = (select(ChangeLog.txid, ChangeLog.seq)
                  .where(ChangeLog.created_at < cutoff,
                         exists().where(later.entity == ChangeLog.entity,
                                        later.id == ChangeLog.id, later.seq > ChangeLog.seq)))
    tombstoned = (select(ChangeLog.txid, ChangeLog.seq)
                  .join(Record, (Record.entity == ChangeLog.entity) & (Record.id == ChangeLog.id))
                  .where(Record.deleted.is_(True), Record.updated_at < cutoff))
    doomed = set(session.execute(superseded).all()) | set(session.execute(tombstoned).all())
    if not doomed:
        return 0
    top = max((t, s) for t, s in doomed)
    seqs = [s for _, s in doomed]
    for i in range(0, len(seqs), 500):
        chunk = seqs[i:i + 500]
        session.execute(delete(ChangeAudience).where(ChangeAudience.seq.in_(chunk)))
        session.execute(delete(ChangeLog).where(ChangeLog.seq.in_(chunk)))
    current = session.get(SyncMeta, HORIZON_KEY)
    if current is None:
        session.add(SyncMeta(key=HORIZON_KEY, value={"txid": top[0], "seq": top[1]}))
    elif top > (current.value["txid"], current.value["seq"]):
        current.value = {"txid": top[0], "seq": top[1]}
    return len(doomed)
