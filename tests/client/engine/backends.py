"""The servers the stateful proof runs against: the protocol fake, or the REAL server app
in process (FastAPI TestClient's transport, a fresh SQLite demo county per example)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx

from sync.client.api import ServerApi, Tokens

from .fake_sync import FakeSyncServer


class FakeBackend:
    url = "http://fake.test"
    users = {"a1": "town1", "a2": "town1", "b1": "town2"}

    def __init__(self) -> None:
        self.server = FakeSyncServer()
        for user, inst in self.users.items():
            self.server.add_user(user, inst)

    def handle(self, request: httpx.Request) -> httpx.Response:
        return self.server.handle(request)

    def api(self, user: str, transport: httpx.BaseTransport) -> ServerApi:
        return self.server.api(user, transport)

    def progress(self) -> Any:
        return (self.server.seq, len(self.server.outcomes))

    def check_server(self) -> None:
        for key, times in self.server.applications.items():
            assert times == 1, f"key {key} applied {times} times"
        for rec in self.server.records.values():
            commits = [
                e for e in self.server.log if e[2]["entity"] == rec.entity and e[2]["id"] == rec.id
            ]
            assert commits and commits[-1][2]["version"] == rec.version == len(commits)

    def stored_outcome(self, user: str, key: str) -> dict[str, Any] | None:
        return self.server.outcomes.get((user, key))

    def view(self, user: str) -> dict[tuple[str, str], dict[str, Any]]:
        return self.server.view(user)

    def close(self) -> None:
        pass


class RealBackend:
    """Three demo users: two of one township (both may register patients), one of another."""

    url = "http://testserver"
    users = {"a1": "wangjianguo", "a2": "lixiulan", "b1": "chenzhiqiang"}

    def __init__(self) -> None:
        from sync.server.clock import ManualClock
        from tests.server.helpers import build_client, cheap_settings, login

        self.dir = Path(tempfile.mkdtemp(prefix="sync-real-"))
        self.client = build_client(cheap_settings(self.dir), ManualClock())
        self.db = self.client.app.state.services.db
        self.transport = self.client._transport
        self.tokens = {u: login(self.client, name) for u, name in self.users.items()}

    def handle(self, request: httpx.Request) -> httpx.Response:
        response = self.transport.handle_request(request)
        response.read()
        return response

    def api(self, user: str, transport: httpx.BaseTransport) -> ServerApi:
        t = self.tokens[user]
        api = ServerApi(self.url, transport=transport)
        api.tokens = Tokens(
            t["access_token"],
            t["access_expires_in"],
            t["refresh_token"],
            t["refresh_expires_in"],
            t["user"],
        )
        return api

    def progress(self) -> Any:
        from sqlalchemy import func, select

        from sync.server.changes.tables import ChangeLog, PushOutcome

        with self.db.read() as s:
            return (
                s.scalar(select(func.max(ChangeLog.seq))),
                s.scalar(select(func.count()).select_from(PushOutcome)),
            )

    def check_server(self) -> None:
        """Versions count the accepted changes: one history row per replaced version."""
        from sqlalchemy import func, select

        from sync.server.changes.tables import Record, RecordHistory

        with self.db.read() as s:
            history = dict(
                ((e, i), n)
                for e, i, n in s.execute(
                    select(RecordHistory.entity, RecordHistory.id, func.count()).group_by(
                        RecordHistory.entity, RecordHistory.id
                    )
                )
            )
            for rec in s.scalars(select(Record)):
                assert rec.version == 1 + history.get((rec.entity, rec.id), 0), rec.id

    def stored_outcome(self, user: str, key: str) -> dict[str, Any] | None:
        from sync.server.changes.tables import PushOutcome

        with self.db.read() as s:
            row = s.get(PushOutcome, (self.tokens[user]["user"]["id"], key))
            return None if row is None else dict(row.outcome)

    def view(self, user: str) -> dict[tuple[str, str], dict[str, Any]]:
        """Everything `user` may see: a pull from the beginning, latest version of each."""
        headers = {"Authorization": f"Bearer {self.tokens[user]['access_token']}"}
        out: dict[tuple[str, str], dict[str, Any]] = {}
        after = None
        while True:
            params = {"limit": 1000, **({"after": after} if after else {})}
            page = self.client.get("/api/v1/sync/pull", headers=headers, params=params).json()
            for ch in page["changes"]:
                key = (ch["entity"], ch["id"])
                if key not in out or ch["version"] >= out[key]["version"]:
                    out[key] = ch
            after = page["cursor"]
            if not page["has_more"]:
                return out

    def close(self) -> None:
        self.client.close()
        self.db.dispose()
