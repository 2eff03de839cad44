"""An in-process server for the record sync protocol (docs/sync-protocol.md), for tests.

Small but faithful to the contract: idempotency keys stored per user (a replay returns the
stored outcome and changes nothing), outcomes applied/merged/rejected with reason codes,
ownership by institution, patients merged field by field with identity fields queued,
tombstones, a global change sequence with per-audience pulls, bounded pages, a tombstone
horizon (410 resync_required) and the client schema check (426 client_too_old).
"""

from __future__ import annotations

import copy
import json
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from sync.client.api import ServerApi, Tokens

IDENTITY_FIELDS = ("id_number", "name", "birth_date", "sex")
ENTITIES = ("patient", "note")
CURRENT_SCHEMA = 1


@dataclass
class Stored:
    entity: str
    id: str
    version: int
    data: dict[str, Any]
    deleted: bool
    owner: str  # institution
    field_versions: dict[str, int] = field(default_factory=dict)

    def wire(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "id": self.id,
            "version": self.version,
            "data": copy.deepcopy(self.data),
            "deleted": self.deleted,
        }


def _error(status: int, code: str, params: dict | None = None) -> httpx.Response:
    return httpx.Response(
        status, json={"error": {"code": code, "message": code, "params": params or {}}}
    )


class FakeSyncServer:
    def __init__(self) -> None:
        self.users: dict[str, str] = {}  # token -> username
        self.institution: dict[str, str] = {}  # username -> institution
        self.records: dict[tuple[str, str], Stored] = {}
        self.log: list[tuple[int, str, dict[str, Any]]] = []  # (seq, audience, record wire)
        self.seq = 0
        self.outcomes: dict[tuple[str, str], dict[str, Any]] = {}  # (user, key) -> outcome
        self.applications: dict[str, int] = {}  # key -> times it changed a record
        self.horizon = 0  # pulls after a cursor below this get 410
        self.min_schema = CURRENT_SCHEMA - 1
        self.down = False
        self.lock = threading.Lock()
        self.push_requests = 0
        self.pull_requests = 0

    # -- setup -----------------------------------------------------------------------------

    def add_user(self, username: str, institution: str) -> str:
        token = f"tok-{username}"
        self.users[token] = username
        self.institution[username] = institution
        return token

    def api(self, username: str, transport: httpx.BaseTransport | None = None) -> ServerApi:
        token = next(t for t, u in self.users.items() if u == username)
        api = ServerApi("http://fake.test", transport=transport or self.transport())
        api.tokens = Tokens(token, 900, f"refresh-{username}", 43200, {})
        return api

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def view(self, username: str) -> dict[tuple[str, str], dict[str, Any]]:
        """What `username` may see: every record of their institution (tombstones too)."""
        inst = self.institution[username]
        return {k: r.wire() for k, r in self.records.items() if r.owner == inst}

    def purge_before(self, seq: int) -> None:
        """Compact the change log below seq: older versions and tombstones are forgotten, so
        a cursor below it can no longer be continued (the tombstone horizon moves)."""
        self.horizon = seq
        latest: dict[tuple[str, str, str], int] = {}
        for s, aud, rec in self.log:
            latest[(aud, rec["entity"], rec["id"])] = s
        self.log = [
            e
            for e in self.log
            if e[0] >= seq
            or (latest[(e[1], e[2]["entity"], e[2]["id"])] == e[0] and not e[2]["deleted"])
        ]

    # -- HTTP --------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        user = self.users.get(token)
        if user is None:
            return _error(401, "token_revoked")
        with self.lock:
            if request.url.path == "/api/v1/sync/push" and request.method == "POST":
                self.push_requests += 1
                return self._push(user, json.loads(request.content))
            if request.url.path == "/api/v1/sync/pull" and request.method == "GET":
                self.pull_requests += 1
                return self._pull(user, request.url.params)
        return _error(404, "not_found")

    def _pull(self, user: str, params: Any) -> httpx.Response:
        after = int(params.get("after") or 0)
        limit = min(int(params.get("limit") or 500), 1000)
        if after and after < self.horizon:
            return _error(410, "resync_required")
        audience = f"inst:{self.institution[user]}"
        page: list[dict[str, Any]] = []
        cursor = after
        for seq, aud, rec in self.log:
            if seq <= after or aud != audience:
                continue
            if len(page) >= limit:
                break
            page = [c for c in page if (c["entity"], c["id"]) != (rec["entity"], rec["id"])]
            page.append(copy.deepcopy(rec))
            cursor = seq
        has_more = any(s > cursor and a == audience for s, a, _ in self.log)
        return httpx.Response(
            200,
            json={"changes": page, "cursor": str(cursor) if cursor else "", "has_more": has_more},
        )

    def _push(self, user: str, body: dict[str, Any]) -> httpx.Response:
        if int(body.get("client_schema", 0)) < self.min_schema:
            return _error(426, "client_too_old", {"minimum": self.min_schema})
        outcomes = []
        for m in body["mutations"]:
            stored = self.outcomes.get((user, m["key"]))
            if stored is None:
                stored = self._apply(user, m)
                self.outcomes[(user, m["key"])] = stored
            outcomes.append(copy.deepcopy(stored))
        return httpx.Response(200, json={"outcomes": outcomes, "server_seq": self.seq})

    # -- rules -------------------------------------------------------------------------------

    def _reject(self, m: dict, reason: str, rec: Stored | None, user: str, **params: Any) -> dict:
        visible = rec is not None and rec.owner == self.institution[user]
        return {
            "key": m["key"],
            "outcome": "rejected",
            "reason": reason,
            "params": params,
            "record": rec.wire() if visible else None,
        }

    def _commit(self, rec: Stored, key: str) -> None:
        self.seq += 1
        self.applications[key] = self.applications.get(key, 0) + 1
        self.log.append((self.seq, f"inst:{rec.owner}", rec.wire()))

    def _apply(self, user: str, m: dict[str, Any]) -> dict[str, Any]:
        inst = self.institution[user]
        entity, rid, base = m["entity"], m["id"], int(m["base_version"])
        if entity not in ENTITIES:
            return self._reject(m, "unknown_entity", None, user)
        rec = self.records.get((entity, rid))
        if rec is not None and rec.owner != inst:
            return self._reject(m, "not_owner", rec, user)
        if m["op"] == "delete":
            if rec is None:
                return self._reject(m, "invalid_payload", None, user)
            if rec.deleted:
                return self._reject(m, "deleted", rec, user)
            rec.deleted, rec.data, rec.version = True, {}, rec.version + 1
            self._commit(rec, m["key"])
            return {
                "key": m["key"],
                "outcome": "applied",
                "reason": None,
                "params": {},
                "record": rec.wire(),
            }
        data = m.get("data")
        if not isinstance(data, dict):
            return self._reject(m, "invalid_payload", rec, user)
        if rec is None:
            if base != 0:
                return self._reject(m, "invalid_payload", None, user)
            rec = Stored(entity, rid, 1, copy.deepcopy(data), False, inst, {f: 1 for f in data})
            self.records[(entity, rid)] = rec
            self._commit(rec, m["key"])
            return {
                "key": m["key"],
                "outcome": "applied",
                "reason": None,
                "params": {},
                "record": rec.wire(),
            }
        if rec.deleted:
            return self._reject(m, "deleted", rec, user)
        if base == 0:
            return self._reject(m, "version_conflict", rec, user, current=rec.version)
        changed = [f for f in m.get("changed") or []]
        outcome = "applied"
        if base != rec.version:
            if entity != "patient":
                return self._reject(m, "version_conflict", rec, user, current=rec.version)
            clash = [f for f in changed if rec.field_versions.get(f, 0) > base]
            identity = [f for f in clash if f in IDENTITY_FIELDS]
            if identity:
                return self._reject(m, "identity_conflict_queued", rec, user, fields=identity)
            outcome = "merged"
        version = rec.version + 1
        if outcome == "applied":
            new = copy.deepcopy(data)
            fields = set(rec.data) | set(new)
            touched = [f for f in fields if rec.data.get(f) != new.get(f)]
        else:
            new = copy.deepcopy(rec.data)
            touched = []
            for f in changed:
                if f in data:
                    new[f] = copy.deepcopy(data[f])
                else:
                    new.pop(f, None)
                touched.append(f)
        for f in touched:
            rec.field_versions[f] = version
        rec.data, rec.version = new, version
        self._commit(rec, m["key"])
        return {
            "key": m["key"],
            "outcome": outcome,
            "reason": None,
            "params": {},
            "record": rec.wire(),
        }


def new_id() -> str:
    return str(uuid.uuid4())
