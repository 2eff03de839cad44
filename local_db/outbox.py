"""The outbox: local changes waiting for the server (filled by issue 3's domain writes).

`add` must be called inside the same `LocalCache.write` as the domain change it records,
so both commit or neither does.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from local_db.schema import OutboxEntry, SyncState

# Not yet accepted by the server: what the status bar calls "pending changes".
UNSENT_STATES = ("pending", "sending")


def add(
    session: Session,
    entity: str,
    entity_id: uuid.UUID,
    op: str,
    payload: dict[str, Any],
    *,
    base_version: int = 0,
    changed: list[str] | None = None,
) -> OutboxEntry:
    state = session.get(SyncState, 1)
    if state is None:
        raise RuntimeError("cache has no sync_state row; open it with open_cache")
    entry = OutboxEntry(
        id=uuid.uuid4(),  # the idempotency key, made here on the desk
        seq=state.next_outbox_seq,
        entity=entity,
        entity_id=entity_id,
        op=op,
        payload=payload,
        base_version=base_version,
        changed=list(changed or []),
    )
    state.next_outbox_seq += 1
    session.add(entry)
    session.flush()
    return entry


def count(session: Session, states: tuple[str, ...] = UNSENT_STATES) -> int:
    query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state.in_(states))
    return int(session.scalar(query) or 0)
