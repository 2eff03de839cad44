"""Hypothesis stateful proof of the desk sync (issue 3).

Several desks (two of one institution, one of another) go offline and online at random,
create, edit and delete patients at random, and sync through a transport that drops
requests, loses answers after the server committed, duplicates requests and holds some
back to deliver them later out of order. Throughout: a record with unsent local changes
always shows them (a pull never reverts a pending change). After quiescence (everyone
online, clean line, held requests delivered, syncs until nothing moves):

- every local commit is applied or visibly rejected (parked, with the server's reason),
  and the desk's view of each key matches the outcome the server stored for it;
- nothing is duplicated: each key changed the server at most once, versions count the
  changes;
- every replica equals the server's view of its scope.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)
from sqlalchemy import select

from local_db import open_cache_file, records
from local_db.schema import OutboxEntry
from sync.client.engine import SyncEngine
from sync.client.errors import ServerApiError

from .backends import FakeBackend, RealBackend

USERS = FakeBackend.users  # a1, a2: one township; b1: another
FIELDS = ["name", "phone", "address", "id_number"]
VALUES = st.sampled_from(["甲", "乙", "丙"])
FAULTS = st.lists(
    st.sampled_from(["ok", "ok", "drop_request", "drop_response", "duplicate", "hold"]),
    max_size=4,
)

_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    """One migrated empty cache, copied for every desk (migrating each time is slow)."""
    if "path" not in _TEMPLATE:
        d = Path(tempfile.mkdtemp(prefix="sync-template-"))
        open_cache_file(d / "t.sqlite3").close()
        _TEMPLATE["path"] = d / "t.sqlite3"
    return _TEMPLATE["path"]


class FaultyLine:
    """A transport in front of the server whose next requests meet planned faults."""

    def __init__(self, server: Any, held: list[httpx.Request]) -> None:
        self.server = server
        self.plan: list[str] = []
        self.online = True
        self.held = held

    def handle(self, request: httpx.Request) -> httpx.Response:
        if not self.online:
            raise httpx.ConnectError("offline", request=request)
        fault = self.plan.pop(0) if self.plan else "ok"
        if fault == "drop_request":
            raise httpx.ConnectError("dropped", request=request)
        if fault == "hold":  # reaches the server later, after other traffic
            request.read()
            self.held.append(request)
            raise httpx.ReadTimeout("held", request=request)
        response = self.server.handle(request)
        if fault == "duplicate":
            response = self.server.handle(request)
        if fault == "drop_response":  # the server committed; the answer is lost
            raise httpx.RemoteProtocolError("connection cut", request=request)
        return response


class SyncMachine(RuleBasedStateMachine):
    created = Bundle("created")
    backend_class: type = FakeBackend

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="sync-stateful-"))
        self.server = self.backend_class()
        self.held: list[httpx.Request] = []
        self.desks: dict[str, SyncEngine] = {}
        self.lines: dict[str, FaultyLine] = {}
        # (user, record id) -> field -> last value the user wrote
        self.written: dict[tuple[str, str], dict[str, Any]] = {}
        for user in USERS:
            path = self.dir / f"{user}.sqlite3"
            shutil.copy(_template(), path)
            cache = open_cache_file(path, server_url=self.server.url, username=user)
            line = FaultyLine(self.server, self.held)
            self.lines[user] = line
            self.desks[user] = SyncEngine(
                cache,
                self.server.api(user, httpx.MockTransport(line.handle)),
                batch_size=3,
                page_limit=4,
            )

    def teardown(self) -> None:
        try:
            self._quiesce_and_check()
        finally:
            for engine in self.desks.values():
                engine.api.close()
                engine.cache.close()
            self.server.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------

    def _write(self, user: str, rid: str, changes: dict[str, Any]) -> None:
        cache = self.desks[user].cache

        def edit(session):
            current = records.get(session, "patient", rid)
            if current is not None and current.deleted:
                return False
            data = dict(current.data) if current else {}
            data.update(changes)
            records.write(session, "patient", rid, data, list(changes))
            return True

        if cache.write_and_wait(edit):
            self.written.setdefault((user, rid), {}).update(changes)

    # -- rules -----------------------------------------------------------------------------

    @initialize(target=created)
    def shared_patients(self) -> Any:
        """Two patients every desk of town1 starts with, so their edits meet often."""
        ids = [str(uuid.uuid4()) for _ in range(2)]
        for rid in ids:
            self._write("a1", rid, {"name": "甲", "phone": "甲"})
        self.everyone_syncs()
        return multiple(*ids)

    @rule(target=created, user=st.sampled_from(sorted(USERS)), name=VALUES, phone=VALUES)
    def create(self, user: str, name: str, phone: str) -> str:
        rid = str(uuid.uuid4())
        self._write(user, rid, {"name": name, "phone": phone})
        return rid

    @rule(rid=created, who=st.integers(0, 5), field=st.sampled_from(FIELDS), value=VALUES)
    def edit(self, rid: str, who: int, field: str, value: str) -> None:
        # A desk edits only what it has; prefer the desks that have it (conflicts).
        having = [
            u
            for u in sorted(USERS)
            if self.desks[u].cache.read(lambda s, u=u: records.get(s, "patient", rid))
        ]
        if having:
            self._write(having[who % len(having)], rid, {field: value})

    @rule(rid=consumes(created), user=st.sampled_from(sorted(USERS)))
    def delete(self, rid: str, user: str) -> None:
        cache = self.desks[user].cache

        def tomb(session):
            current = records.get(session, "patient", rid)
            if current is not None and not current.deleted:
                records.delete(session, "patient", rid)

        cache.write_and_wait(tomb)

    @rule(user=st.sampled_from(sorted(USERS)))
    def toggle_line(self, user: str) -> None:
        self.lines[user].online = not self.lines[user].online

    @rule(user=st.sampled_from(sorted(USERS)), faults=FAULTS)
    def sync(self, user: str, faults: list[str]) -> None:
        self.lines[user].plan = list(faults)
        with contextlib.suppress(ServerApiError):  # unreachable or cut: the next cycle goes on
            self.desks[user].sync_once()
        self.lines[user].plan = []

    @rule()
    def everyone_syncs(self) -> None:
        for user in sorted(USERS):
            self.sync(user, [])

    @precondition(lambda self: bool(self.held))
    @rule(index=st.integers(min_value=0, max_value=50))
    def deliver_held(self, index: int) -> None:
        request = self.held.pop(index % len(self.held))
        self.server.handle(request)  # late and out of order; nobody reads the answer

    @rule(user=st.sampled_from(sorted(USERS)))
    def retry_or_discard_parked(self, user: str) -> None:
        engine = self.desks[user]
        parked = engine.local_status().parked
        if not parked:
            return
        item = parked[0]
        if len(item.changed) % 2:
            engine.discard_parked(item.key)
        else:
            try:
                engine.retry_parked(item.key)
            except records.RecordDeleted:
                engine.discard_parked(item.key)

    # -- the invariant during the run ------------------------------------------------------

    @invariant()
    def pending_changes_are_never_reverted(self) -> None:
        for user, engine in self.desks.items():

            def look(session):
                rows = session.scalars(
                    select(OutboxEntry).where(OutboxEntry.state.in_(records.UNSENT))
                ).all()
                out = {}
                for row in rows:
                    entry = out.setdefault(str(row.entity_id), [set(), False])
                    entry[0] |= set(row.changed)
                    entry[1] = entry[1] or row.op == "delete"
                return out, {
                    str(r.id): r for r in records.list_records(session, include_deleted=True)
                }

            unsent, shown = engine.cache.read(look)
            for rid, (fields, deleting) in unsent.items():
                view = shown[rid]
                assert view.dirty, (user, rid)
                if deleting:
                    assert view.deleted, (user, rid)
                    continue
                for f in fields:
                    assert view.data.get(f) == self.written[(user, rid)][f], (user, rid, f)

    # -- quiescence ------------------------------------------------------------------------

    def _quiesce_and_check(self) -> None:
        for line in self.lines.values():
            line.online, line.plan = True, []
        while self.held:
            self.server.handle(self.held.pop(0))
        quiet_rounds = 0
        for _ in range(20):
            before = self.server.progress()
            for engine in self.desks.values():
                engine.sync_once()
            moved = self.server.progress() != before
            quiet_rounds = 0 if moved else quiet_rounds + 1
            if quiet_rounds == 2:
                break
        assert quiet_rounds == 2, "sync did not settle"

        self.server.check_server()

        for user, engine in self.desks.items():
            rows = engine.cache.read(
                lambda s: [
                    (str(r.id), r.state, r.reject_code) for r in s.scalars(select(OutboxEntry))
                ]
            )
            for key, state, reason in rows:
                assert state in ("applied", "parked", "rejected"), (user, state)
                stored = self.server.stored_outcome(user, key)
                if state == "applied":
                    assert stored is not None and stored["outcome"] in ("applied", "merged")
                elif state == "parked":
                    assert stored is not None and stored["outcome"] == "rejected"
                    assert reason == stored["reason"]
            replica = {
                ("patient", str(r.id)): r.wire()
                for r in engine.cache.read(lambda s: records.list_records(s, include_deleted=True))
            }
            for r in replica.values():
                assert not engine.cache.read(
                    lambda s, r=r: records.get(s, r["entity"], r["id"])
                ).dirty
            assert replica == self.server.view(user), user


SyncMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
TestSyncStateful = SyncMachine.TestCase


class RealServerMachine(SyncMachine):
    """The same machine against the real server app (its own merge, ownership and
    identity-queue rules), fewer examples: each builds a fresh demo county."""

    backend_class = RealBackend


RealServerMachine.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
TestSyncStatefulRealServer = RealServerMachine.TestCase
