"""The central server's HTTP API (docs/api.md) as plain Python calls over httpx.

Synchronous on purpose: the UI runs these in its background task runner, and a sync
client is simpler to reason about and to test with httpx.MockTransport.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from sync.client.errors import (
    ApiError,
    InvalidServerAddress,
    ServerApiError,
    ServerUnreachable,
)
from sync.client.urls import normalize_server_url

__all__ = [
    "DEFAULT_TIMEOUT",
    "ApiError",
    "DemoAccount",
    "InvalidServerAddress",
    "ServerApi",
    "ServerApiError",
    "ServerInfo",
    "ServerUnreachable",
    "Tokens",
    "normalize_server_url",
]

log = logging.getLogger(__name__)

# A township line is slow but a dead server should be noticed quickly: short connect, longer read.
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=4.0)
# Proxies answer these when the server behind them is down; to the desk that is "unreachable".
_GATEWAY_STATUSES = (502, 503, 504)


@dataclass(frozen=True)
class ServerInfo:
    version: str
    database: str
    migration: str
    demo: bool
    server_time: str | None


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    title: str
    institution: str
    roles: tuple[str, ...]
    password: str


@dataclass(frozen=True)
class Tokens:
    access_token: str
    access_expires_in: int
    refresh_token: str
    refresh_expires_in: int
    user: dict[str, Any]  # UserInfo, wire shape


def _unreachable_reason(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError):
        return "refused_or_dns"
    return "network"


def _error_from(response: httpx.Response) -> ApiError:
    try:
        body = response.json()
        err = body["error"]
        return ApiError(
            response.status_code,
            str(err["code"]),
            dict(err.get("params") or {}),
            str(err.get("message") or ""),
        )
    except (ValueError, KeyError, TypeError):
        return ApiError(
            response.status_code, "unexpected_response", {"status": response.status_code}
        )


def _tokens_from(data: Any) -> Tokens:
    try:
        return Tokens(
            access_token=str(data["access_token"]),
            access_expires_in=int(data["access_expires_in"]),
            refresh_token=str(data["refresh_token"]),
            refresh_expires_in=int(data["refresh_expires_in"]),
            user=dict(data["user"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ApiError(200, "unexpected_response", {"detail": f"tokens: {exc}"}) from None


def _demo_institution(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("code") or "")
    return str(value or "")


class ServerApi:
    """One server, one signed-in session at most.

    Holds the access and refresh tokens; an authenticated call that meets `token_expired`
    refreshes once and retries once. `on_tokens` is told about every new token pair so the
    caller can keep the rotated refresh token (the old one is spent server-side).
    """

    def __init__(
        self,
        server_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        on_tokens: Callable[[Tokens], None] | None = None,
    ) -> None:
        self.base_url = normalize_server_url(server_url)
        self.tokens: Tokens | None = None
        self.on_tokens = on_tokens
        self._refresh_lock = threading.Lock()
        self._client = httpx.Client(
            base_url=self.base_url, transport=transport, timeout=timeout, follow_redirects=False
        )

    # -- plumbing ----------------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.InvalidURL as exc:
            raise InvalidServerAddress("bad_host", self.base_url, str(exc)) from None
        except httpx.TransportError as exc:
            raise ServerUnreachable(self.base_url, _unreachable_reason(exc), str(exc)) from None
        if response.status_code in _GATEWAY_STATUSES:
            error = _error_from(response)
            if error.code == "unexpected_response":  # not our server's envelope: a proxy
                raise ServerUnreachable(self.base_url, "gateway", f"HTTP {response.status_code}")
            raise error
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise ApiError(
                response.status_code, "unexpected_response", {"detail": "not JSON"}
            ) from None

    def _authed(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self.tokens is None:
            raise ApiError(401, "token_missing", {}, "未登录")
        sent_with = self.tokens.access_token
        try:
            return self._send(method, path, headers=self._bearer(sent_with), **kwargs)
        except ApiError as exc:
            if exc.code != "token_expired":
                raise
        self._refresh_if_still(sent_with)
        assert self.tokens is not None
        return self._send(method, path, headers=self._bearer(self.tokens.access_token), **kwargs)

    @staticmethod
    def _bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def _refresh_if_still(self, expired_access: str) -> None:
        # Two threads meeting the same expiry must not both spend the one-time refresh token.
        with self._refresh_lock:
            if self.tokens is not None and self.tokens.access_token == expired_access:
                self.refresh()

    def _set_tokens(self, tokens: Tokens) -> Tokens:
        self.tokens = tokens
        if self.on_tokens is not None:
            self.on_tokens(tokens)
        return tokens

    # -- endpoints ---------------------------------------------------------------------------

    def health(self) -> ServerInfo:
        data = self._json(self._send("GET", "/health"))
        try:
            return ServerInfo(
                version=str(data["version"]),
                database=str(data.get("database", "")),
                migration=str(data.get("migration", "")),
                demo=bool(data.get("demo", False)),
                server_time=data.get("server_time"),
            )
        except (KeyError, TypeError):
            raise ApiError(200, "unexpected_response", {"detail": "health"}) from None

    def demo_accounts(self) -> list[DemoAccount]:
        """The demo logins, or [] when the server is not running with --demo (it answers 404)."""
        try:
            data = self._json(self._send("GET", "/api/v1/demo/accounts"))
        except ApiError as exc:
            if exc.status == 404:
                return []
            raise
        try:
            return [
                DemoAccount(
                    username=str(a["username"]),
                    display_name=str(a.get("display_name", "")),
                    title=str(a.get("title", "")),
                    institution=_demo_institution(a.get("institution")),
                    roles=tuple(str(r) for r in a.get("roles", [])),
                    password=str(a["password"]),
                )
                for a in data
            ]
        except (KeyError, TypeError):
            raise ApiError(200, "unexpected_response", {"detail": "demo accounts"}) from None

    def login(self, username: str, password: str, device: str | None = None) -> Tokens:
        body: dict[str, Any] = {"username": username, "password": password}
        if device:
            body["device"] = device
        return self._set_tokens(
            _tokens_from(self._json(self._send("POST", "/api/v1/auth/login", json=body)))
        )

    def use_refresh_token(self, refresh_token: str) -> Tokens:
        """Resume a session from a stored refresh token (rotates it)."""
        data = self._json(
            self._send("POST", "/api/v1/auth/refresh", json={"refresh_token": refresh_token})
        )
        return self._set_tokens(_tokens_from(data))

    def refresh(self) -> Tokens:
        if self.tokens is None:
            raise ApiError(401, "token_missing", {}, "未登录")
        return self.use_refresh_token(self.tokens.refresh_token)

    def logout(self) -> None:
        """Revoke the session on the server; the tokens are dropped here whatever happens."""
        if self.tokens is None:
            return
        try:
            # Through _authed: a desk left open past the access token's life must still revoke.
            self._authed("POST", "/api/v1/auth/logout")
        finally:
            self.tokens = None

    def me(self) -> dict[str, Any]:
        return dict(self._json(self._authed("GET", "/api/v1/me")))

    def directory(self) -> list[dict[str, Any]]:
        data = self._json(self._authed("GET", "/api/v1/directory/institutions"))
        if not isinstance(data, list):
            raise ApiError(200, "unexpected_response", {"detail": "directory"})
        return data

    # -- record sync (docs/sync-protocol.md; used by sync.client.engine) ----------------------

    def sync_push(
        self, mutations: list[dict[str, Any]], *, client_schema: int, device_id: str
    ) -> dict[str, Any]:
        """POST /api/v1/sync/push: {"outcomes": [...], "server_seq"}; 426 client_too_old."""
        body = {"client_schema": client_schema, "device_id": device_id, "mutations": mutations}
        data = self._json(self._authed("POST", "/api/v1/sync/push", json=body))
        if not isinstance(data, dict) or not isinstance(data.get("outcomes"), list):
            raise ApiError(200, "unexpected_response", {"detail": "push"})
        return data

    def sync_pull(self, after: str | None, limit: int) -> dict[str, Any]:
        """GET /api/v1/sync/pull: {"changes", "cursor", "has_more"}; 410 resync_required."""
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        data = self._json(self._authed("GET", "/api/v1/sync/pull", params=params))
        if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
            raise ApiError(200, "unexpected_response", {"detail": "pull"})
        return data

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ServerApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
