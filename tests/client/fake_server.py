"""A small in-process stand-in for the central server, for httpx.MockTransport.

It follows docs/api.md (error envelope, tokens, lock-out) closely enough to drive the
client's logic; the real server is exercised by test_e2e.py.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

COUNTY = {
    "id": str(uuid.uuid4()),
    "code": "QXRMYY",
    "name": "清溪县人民医院",
    "kind": "county_hospital",
    "parent_id": None,
}
TOWN = {
    "id": str(uuid.uuid4()),
    "code": "QXSQZWSY",
    "name": "石桥镇卫生院",
    "kind": "township_health_centre",
    "parent_id": COUNTY["id"],
}
GP = {
    "id": str(uuid.uuid4()),
    "code": "QK",
    "name": "全科",
    "kind": "clinical",
    "institution_id": TOWN["id"],
}
ECG = {
    "id": str(uuid.uuid4()),
    "code": "XDZX",
    "name": "心电诊断中心",
    "kind": "ecg_centre",
    "institution_id": COUNTY["id"],
}


@dataclass
class FakeUser:
    username: str
    password: str
    roles: list[str]
    display_name: str = "王建国"
    title: str = "主治医师"
    title_level: str = "intermediate"
    institution: dict = field(default_factory=lambda: TOWN)
    department: dict | None = field(default_factory=lambda: GP)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    locked_until: str | None = None
    active: bool = True

    def info(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "title": self.title,
            "title_level": self.title_level,
            "roles": self.roles,
            "institution": self.institution,
            "department": self.department,
        }


def _error(status: int, code: str, params: dict | None = None) -> httpx.Response:
    return httpx.Response(
        status, json={"error": {"code": code, "message": code, "params": params or {}}}
    )


class FakeServer:
    def __init__(self, demo: bool = True) -> None:
        self.demo = demo
        self.users = {
            "wangjianguo": FakeUser("wangjianguo", "Demo@2026", ["doctor"]),
            "liuyang": FakeUser(
                "liuyang", "Demo@2026", ["ecg_reader", "doctor"], institution=COUNTY, department=ECG
            ),
        }
        self.access: dict[str, str] = {}  # token -> username
        self.refresh: dict[str, str] = {}
        self.expired: set[str] = set()
        self.down = False  # True: every request fails to connect
        self.requests: list[tuple[str, str]] = []

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def _issue(self, username: str) -> dict[str, Any]:
        access, refresh = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        self.access[access] = username
        self.refresh[refresh] = username
        return {
            "access_token": access,
            "access_expires_in": 900,
            "refresh_token": refresh,
            "refresh_expires_in": 43200,
            "user": self.users[username].info(),
        }

    def expire_access_tokens(self) -> None:
        self.expired |= set(self.access)

    def _bearer(self, request: httpx.Request) -> str | httpx.Response:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ")
        if not auth:
            return _error(401, "token_missing")
        if token in self.expired:
            return _error(401, "token_expired")
        if token not in self.access:
            return _error(401, "token_revoked")
        return token

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append((request.method, path))
        if self.down:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        if path == "/health":
            return httpx.Response(
                200,
                json={
                    "status": "ok",
                    "version": "0.1.0",
                    "database": "sqlite",
                    "migration": "0001",
                    "demo": self.demo,
                    "server_time": "2026-11-22T04:00:00Z",
                },
            )
        if path == "/api/v1/demo/accounts":
            if not self.demo:
                return _error(404, "not_found")
            return httpx.Response(
                200,
                json=[
                    {
                        "username": u.username,
                        "display_name": u.display_name,
                        "title": u.title,
                        "institution": u.institution["name"],
                        "roles": u.roles,
                        "password": u.password,
                    }
                    for u in self.users.values()
                ],
            )
        if path == "/api/v1/auth/login":
            body = json.loads(request.content)
            user = self.users.get(body.get("username", ""))
            if user is None or user.password != body.get("password"):
                return _error(401, "invalid_credentials")
            if user.locked_until:
                return _error(423, "account_locked", {"locked_until": user.locked_until})
            if not user.active:
                return _error(403, "account_disabled")
            return httpx.Response(200, json=self._issue(user.username))
        if path == "/api/v1/auth/refresh":
            token = json.loads(request.content).get("refresh_token")
            username = self.refresh.pop(token, None)
            if username is None:
                return _error(401, "token_revoked")
            return httpx.Response(200, json=self._issue(username))
        token = self._bearer(request)
        if isinstance(token, httpx.Response):
            return token
        username = self.access[token]
        if path == "/api/v1/auth/logout":
            self.access = {t: u for t, u in self.access.items() if u != username}
            self.refresh = {t: u for t, u in self.refresh.items() if u != username}
            return httpx.Response(204)
        if path == "/api/v1/me":
            return httpx.Response(200, json=self.users[username].info())
        if path == "/api/v1/directory/institutions":
            return httpx.Response(
                200, json=[{**COUNTY, "departments": [ECG]}, {**TOWN, "departments": [GP]}]
            )
        return _error(404, "not_found")
