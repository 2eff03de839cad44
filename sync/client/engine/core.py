"""One sync cycle, without threads: push the outbox in batches, then pull pages.

    engine = SyncEngine(cache, api)        # api: a signed-in ServerApi
    result = engine.sync_once()            # raises ServerUnreachable / ApiError / ClientTooOld

Every step that changes the cache is one `LocalCache.write` transaction, so a crash between
steps leaves a state the next cycle continues from: rows marked `sending` are re-sent with
the same key (the server replays the stored outcome); a pull page is applied together with
the cursor that follows it, or not at all.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from local_db import LocalCache, outbox, records
from local_db.schema import SyncState
from sync.client.api import ApiError, ServerApi
from sync.client.engine import faults

log = logging.getLogger(__name__)

CLIENT_SCHEMA = 1
PUSH_BATCH = 200  # the protocol's upper bound
PULL_LIMIT = 500


class ClientTooOld(Exception):
    """The server refuses this program's schema (426): the desk must be updated."""

    code = "client_too_old"

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(f"请更新本程序 (服务器要求客户端版本 ≥ {params.get('minimum')})")
        self.params = params


@dataclass
class ParkedItem:
    """A change the server refused; the user retries (`retry_parked`) or discards it."""

    key: str
    entity: str
    id: str
    op: str
    reason: str
    params: dict[str, Any]
    data: dict[str, Any]
    changed: list[str]
    attempts: int


@dataclass
class SyncResult:
    pushed: int = 0
    applied: int = 0
    merged: int = 0
    rejected: int = 0
    pulled: int = 0
    pages: int = 0
    resynced: bool = False
    cursor: str | None = None
    finished_at: datetime | None = None
    rejected_keys: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "applied": self.applied,
            "merged": self.merged,
            "rejected": self.rejected,
            "pulled": self.pulled,
            "pages": self.pages,
            "resynced": self.resynced,
            "cursor": self.cursor,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


@dataclass
class LocalStatus:
    pending: int
    parked: list[ParkedItem]
    cursor: str | None
    last_sync_at: datetime | None
    last_error_code: str | None


def _state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        raise RuntimeError("cache has no sync_state row; open it with open_cache")
    return state


def _device_id(session: Session) -> str:
    state = _state(session)
    if state.device_id is None:
        state.device_id = uuid.uuid4()
    return str(state.device_id)


def parked_items(session: Session) -> list[ParkedItem]:
    return [
        ParkedItem(
            key=str(r.id),
            entity=r.entity,
            id=str(r.entity_id),
            op="delete" if r.op == "delete" else "upsert",
            reason=r.reject_code or "rejected",
            params=dict(r.reject_params or {}),
            data=dict(r.payload or {}),
            changed=list(r.changed or []),
            attempts=r.attempts,
        )
        for r in records.parked(session)
    ]


def local_status(session: Session) -> LocalStatus:
    state = _state(session)
    return LocalStatus(
        pending=outbox.count(session),
        parked=parked_items(session),
        cursor=state.pull_cursor,
        last_sync_at=state.last_sync_at,
        last_error_code=state.last_error_code,
    )


class SyncEngine:
    """Push then pull against one server for one cache. Not thread-safe: one cycle at a time
    (the runner guarantees it); the cache's writer serialises it with the UI's writes."""

    def __init__(
        self,
        cache: LocalCache,
        api: ServerApi,
        *,
        batch_size: int = PUSH_BATCH,
        page_limit: int = PULL_LIMIT,
        client_schema: int = CLIENT_SCHEMA,
    ) -> None:
        if not 1 <= batch_size <= PUSH_BATCH:
            raise ValueError(f"batch_size must be 1..{PUSH_BATCH}")
        self.cache = cache
        self.api = api
        self.batch_size = batch_size
        self.page_limit = page_limit
        self.client_schema = client_schema
        self._device_id: str | None = None

    # -- the cycle ---------------------------------------------------------------------------

    def sync_once(self) -> SyncResult:
        result = SyncResult()
        try:
            self.push(result)
            self.pull(result)
        except ApiError as exc:
            self._note_error(exc.code)
            if exc.code == "client_too_old":
                raise ClientTooOld(exc.params) from exc
            raise
        except Exception as exc:
            self._note_error(getattr(exc, "code", type(exc).__name__))
            raise
        now = datetime.now(UTC)
        result.finished_at = now

        def done(session: Session) -> None:
            state = _state(session)
            state.last_sync_at = now
            state.last_error_code = None

        self.cache.write_and_wait(done)
        return result

    def _note_error(self, code: str) -> None:
        def note(session: Session) -> None:
            _state(session).last_error_code = str(code)[:64]

        with contextlib.suppress(RuntimeError):  # the cache was closed while shutting down
            self.cache.write_and_wait(note)

    def push(self, result: SyncResult | None = None) -> SyncResult:
        result = result or SyncResult()
        if self.cache.read(outbox.count) == 0:
            return result  # nothing to send: no write transaction at all
        if self._device_id is None:
            self._device_id = self.cache.write_and_wait(_device_id)
        device_id = self._device_id
        while True:
            batch = self.cache.write_and_wait(lambda s: records.claim_batch(s, self.batch_size))
            if not batch:
                return result
            faults.point("push_before_send")
            answer = self.api.sync_push(
                batch, client_schema=self.client_schema, device_id=device_id
            )
            faults.point("push_after_send")
            outcomes = answer["outcomes"]
            summary = self.cache.write_and_wait(
                lambda s, outcomes=outcomes: records.apply_outcomes(s, outcomes)
            )
            result.pushed += len(batch)
            result.applied += summary.applied
            result.merged += summary.merged
            result.rejected += summary.rejected
            result.rejected_keys += [o["key"] for o in outcomes if o.get("outcome") == "rejected"]
            answered = {o.get("key") for o in outcomes}
            if any(m["key"] not in answered for m in batch):
                # A server that skipped some: they stay `sending` and go again next cycle.
                log.warning("push answer left out %d mutations", len(batch) - len(answered))
                return result

    def pull(self, result: SyncResult | None = None) -> SyncResult:
        """Pull pages until `has_more` is false. Each page is applied with the cursor after
        it in one transaction, on the cache's writer thread while the next page is being
        fetched (one page in flight at most, so memory stays bounded)."""
        result = result or SyncResult()
        start = self.cache.read(lambda s: _state(s).pull_cursor)
        cursor = start
        seen: set[tuple[str, uuid.UUID]] | None = None
        applying: Future[int] | None = None
        try:
            while True:
                try:
                    page = self.api.sync_pull(cursor, self.page_limit)
                except ApiError as exc:
                    if exc.code != "resync_required" or result.resynced:
                        raise
                    # Past the tombstone horizon: start again from the beginning; unsent
                    # local changes stay (dirty records are never overwritten by a pull).
                    log.info("server asks for a full re-sync")
                    result.resynced = True
                    if applying is not None:
                        result.pulled += applying.result()
                        applying = None
                    cursor, seen = None, set()
                    self.cache.write_and_wait(lambda s: records.set_cursor(s, None))
                    continue
                changes = page["changes"]
                next_cursor = page.get("cursor") or cursor
                if seen is not None:
                    seen.update((str(c["entity"]), uuid.UUID(str(c["id"]))) for c in changes)
                faults.point("pull_before_apply")
                if applying is not None:
                    result.pulled += applying.result()
                    applying = None
                    faults.point("pull_after_page")
                if changes or next_cursor != cursor:

                    def apply(
                        session: Session, changes: list = changes, nxt: Any = next_cursor
                    ) -> int:
                        n = records.apply_pulled(session, changes)
                        records.set_cursor(session, nxt)
                        return n

                    applying = self.cache.write(apply)
                    result.pages += 1
                cursor = next_cursor
                if not page.get("has_more"):
                    break
        finally:
            if applying is not None:
                result.pulled += applying.result()
        if seen is not None:
            final_seen = seen
            self.cache.write_and_wait(lambda s: records.drop_clean_unseen(s, final_seen))
        result.cursor = cursor
        return result

    # -- status and parked changes -----------------------------------------------------------

    def local_status(self) -> LocalStatus:
        return self.cache.read(local_status)

    def retry_parked(self, key: str) -> str | None:
        """Queue a parked change again under a new key; returns that key (None if gone)."""
        row = self.cache.write_and_wait(lambda s: records.retry_parked(s, key))
        return None if row is None else str(row.id)

    def discard_parked(self, key: str) -> bool:
        return self.cache.write_and_wait(lambda s: records.discard_parked(s, key))
