"""Signing in at a desk: the use case the login dialog runs on a background thread.

Online first. Only when the server cannot be reached at all does the desk fall back to the
offline credential kept from the last online login; an answer from the server (wrong
password, locked, disabled) is final and never falls back.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from local_db import CacheNotice, CacheUnusable, LocalCache, cache_path, desk, open_cache, outbox
from sync.client.api import (
    DEFAULT_TIMEOUT,
    ApiError,
    DemoAccount,
    ServerApi,
    ServerApiError,
    ServerInfo,
    Tokens,
)
from sync.client.credentials import check_verifier, make_verifier
from sync.client.engine import SyncEngine, SyncRunner, SyncStatus
from sync.client.errors import InvalidServerAddress, ServerUnreachable
from sync.client.models import DepartmentRef, InstitutionRef, SignedInUser
from sync.client.secrets import SecretStore
from sync.client.urls import normalize_server_url
from workstation.roles import Mode, modes_for

__all__ = [
    "DepartmentRef",
    "DeskSession",
    "InstitutionRef",
    "LoginError",
    "LoginService",
    "SignedInUser",
]

log = logging.getLogger(__name__)

_MESSAGES = {
    "invalid_server_address": "服务器地址无效",
    "invalid_credentials": "用户名或密码错误",
    "account_locked": "账户已锁定",
    "account_disabled": "账户已停用",
    "offline_no_credential": "无法连接服务器，且本机没有该用户的离线登录凭据",
    "offline_invalid_credentials": "离线登录：用户名或密码错误",
    "server_error": "服务器错误",
    "cache_unusable": "本地缓存无法使用",
}


class LoginError(Exception):
    """Why sign-in failed, as a code the UI translates plus the values its message needs.

    codes and params:
      invalid_server_address  reason (see InvalidServerAddress), address
      invalid_credentials     -
      account_locked          locked_until: aware datetime (None if the server sent none)
      account_disabled        -
      offline_no_credential   reason: no_cache | no_credential | cache_corrupt;
                              kept_aside (cache_corrupt); unreachable: why the server was not reached
      offline_invalid_credentials  -
      server_error            status, code (the server's or "unexpected_response")
      cache_unusable          path, reason
    """

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        self.code = code
        self.params: dict[str, Any] = params or {}
        super().__init__(
            f"{_MESSAGES.get(code, code)} {self.params}"
            if self.params
            else _MESSAGES.get(code, code)
        )


def _locked_until(params: dict[str, Any]) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(params["locked_until"]))
    except (KeyError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _login_error_from(exc: ApiError) -> LoginError:
    if exc.code in ("invalid_credentials", "invalid_request"):
        # invalid_request here can only mean an empty or oversized name or password.
        return LoginError("invalid_credentials")
    if exc.code == "account_locked":
        return LoginError("account_locked", {"locked_until": _locked_until(exc.params)})
    if exc.code == "account_disabled":
        return LoginError("account_disabled")
    return LoginError("server_error", {"status": exc.status, "code": exc.code})


class DeskSession:
    """A signed-in desk: who, which server, online or not, and the user's local cache."""

    def __init__(
        self,
        *,
        server_url: str,
        user: SignedInUser,
        online: bool,
        cache: LocalCache,
        api: ServerApi | None,
        secret_store: SecretStore,
    ) -> None:
        self.server_url = server_url
        self.user = user
        self.online = online
        self.cache = cache
        self.api = api
        self._secrets = secret_store
        self.closed = False
        self.sync_runner: SyncRunner | None = None  # start_sync()

    @property
    def cache_notice(self) -> CacheNotice | None:
        return self.cache.notice

    @property
    def secrets_persistent(self) -> bool:
        return self._secrets.persistent

    @property
    def secrets_reason(self) -> str | None:
        """Code for why tokens are not kept across runs (secrets.NO_KEYRING, ...)."""
        return self._secrets.reason

    @property
    def secrets_note(self) -> str | None:
        return self._secrets.note

    @property
    def modes(self) -> list[Mode]:
        return modes_for(self.user.roles)

    def pending_changes(self) -> int:
        return self.cache.read(outbox.count)

    def start_sync(
        self, on_status: Callable[[SyncStatus], None] | None = None, **options: Any
    ) -> SyncRunner | None:
        """Start (once) the background record sync of this desk; None when signed in offline
        (no server session: sync starts after the next online sign-in). `on_status` is called
        on the sync thread; `options` go to SyncRunner (interval, backoff...)."""
        if self.sync_runner is None and self.api is not None and not self.closed:
            self.sync_runner = SyncRunner(SyncEngine(self.cache, self.api),
                                          on_status=on_status, **options)
            self.sync_runner.start()
        return self.sync_runner

    def directory(self) -> list[dict[str, Any]]:
        """The cached consortium directory (institutions with departments, wire shape)."""
        return self.cache.read(desk.load_directory)

    def logout(self) -> bool:
        """Revoke on the server when online, forget the refresh token, close. True if revoked."""
        revoked = False
        if self.sync_runner is not None:
            self.sync_runner.stop()
        if self.api is not None and self.api.tokens is not None:
            try:
                self.api.logout()
                revoked = True
            except ServerApiError as exc:
                log.warning("logout could not revoke the session on the server: %s", exc)
        self._secrets.forget_refresh_token(self.server_url, self.user.username)
        self.close()
        return revoked

    def close(self) -> None:
        """Close without revoking (the application exits; the refresh token stays stored)."""
        if self.closed:
            return
        self.closed = True
        if self.sync_runner is not None:
            self.sync_runner.stop()
        if self.api is not None:
            self.api.close()
        self.cache.close()


class LoginService:
    def __init__(
        self,
        data_dir: Path | None = None,
        secret_store: SecretStore | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        device_name: str | None = None,
    ) -> None:
        # None: local_db's default (WS_DATA_DIR or platformdirs), looked up at each login.
        self.data_dir = data_dir
        self.secret_store = secret_store if secret_store is not None else SecretStore()
        self._transport = transport
        self._timeout = timeout
        self.device_name = device_name or socket.gethostname()

    def _api(self, server_url: str) -> ServerApi:
        return ServerApi(server_url, transport=self._transport, timeout=self._timeout)

    def probe(self, server_url: str) -> ServerInfo:
        """The server's /health; raises ServerUnreachable or InvalidServerAddress."""
        with self._api(server_url) as api:
            return api.health()

    def demo_accounts(self, server_url: str) -> list[DemoAccount]:
        with self._api(server_url) as api:
            return api.demo_accounts()

    def login(self, server_url: str, username: str, password: str) -> DeskSession:
        try:
            url = normalize_server_url(server_url)
        except InvalidServerAddress as exc:
            raise LoginError("invalid_server_address", exc.params) from exc
        username = username.strip()
        if not username or not password:
            raise LoginError("invalid_credentials")
        api = self._api(url)
        try:
            tokens = api.login(username, password, device=self.device_name)
        except ServerUnreachable as exc:
            api.close()
            log.info("server unreachable (%s), trying offline login", exc.reason)
            return self._login_offline(url, username, password, exc)
        except ApiError as exc:
            api.close()
            raise _login_error_from(exc) from exc
        try:
            return self._finish_online(url, api, tokens, password)
        except BaseException:
            _revoke_quietly(api)
            api.close()
            raise

    def _finish_online(
        self, url: str, api: ServerApi, tokens: Tokens, password: str
    ) -> DeskSession:
        try:
            user = SignedInUser.from_wire(tokens.user)
        except (KeyError, TypeError, ValueError) as exc:
            raise LoginError(
                "server_error", {"status": 200, "code": "unexpected_response"}
            ) from exc
        try:
            directory: list[dict[str, Any]] | None = api.directory()
        except ServerApiError as exc:
            # The cached copy (if any) still serves; the next sync refreshes it.
            log.warning("directory not fetched at login: %s", exc)
            directory = None
        try:
            cache = open_cache(url, user.username, self.data_dir)
        except CacheUnusable as exc:
            raise LoginError("cache_unusable", {"path": exc.path, "reason": exc.reason}) from exc
        verifier = make_verifier(password)

        def store(session: Any) -> None:
            if directory is not None:
                desk.replace_directory(session, directory)
            desk.save_profile(session, tokens.user)
            desk.save_verifier(session, user.id, verifier)
            desk.mark_online_login(session, datetime.now(UTC))

        try:
            cache.write_and_wait(store)
        except BaseException:
            cache.close()
            raise
        secrets = self.secret_store
        secrets.save_refresh_token(url, user.username, tokens.refresh_token)
        api.on_tokens = lambda t: secrets.save_refresh_token(url, user.username, t.refresh_token)
        return DeskSession(
            server_url=url, user=user, online=True, cache=cache, api=api, secret_store=secrets
        )

    def _login_offline(
        self, url: str, username: str, password: str, unreachable: ServerUnreachable
    ) -> DeskSession:
        why = unreachable.reason
        if not cache_path(url, username, self.data_dir).exists():
            raise LoginError("offline_no_credential", {"reason": "no_cache", "unreachable": why})
        try:
            cache = open_cache(url, username, self.data_dir)
        except CacheUnusable as exc:
            raise LoginError("cache_unusable", {"path": exc.path, "reason": exc.reason}) from exc
        if cache.notice is not None:
            cache.close()
            raise LoginError(
                "offline_no_credential",
                {
                    "reason": "cache_corrupt",
                    "kept_aside": cache.notice.kept_aside,
                    "unreachable": why,
                },
            )
        profile, verifier = cache.read(lambda s: (desk.load_profile(s), desk.load_verifier(s)))
        if profile is None or verifier is None or profile["institution"] is None:
            cache.close()
            raise LoginError(
                "offline_no_credential", {"reason": "no_credential", "unreachable": why}
            )
        if not check_verifier(verifier, password):
            cache.close()
            raise LoginError("offline_invalid_credentials")
        return DeskSession(
            server_url=url,
            user=SignedInUser.from_wire(profile),
            online=False,
            cache=cache,
            api=None,
            secret_store=self.secret_store,
        )


def _revoke_quietly(api: ServerApi) -> None:
    try:
        api.logout()
    except ServerApiError as exc:
        log.warning("could not revoke a half-made session: %s", exc)
