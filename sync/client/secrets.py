"""Where the refresh token lives between runs: the OS keyring, or nowhere.

When no usable keyring exists (headless Linux: keyring's fail/null backends, a chainer
with nothing to chain, a plain-text file backend), tokens are kept in this process's
memory only and the store says so: `persistent` is False and `reason`/`note` explain
why, for the UI to show. The token is never written to disk in plain text.
A keyring that fails when used (locked, D-Bus gone) degrades the same way, visibly.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer

log = logging.getLogger(__name__)

SERVICE = "county-workstation"

# Reason codes the UI translates; the notes are the Chinese defaults for logs.
NO_KEYRING = "no_keyring"
PLAINTEXT_KEYRING = "plaintext_keyring"
KEYRING_FAILED = "keyring_failed"
_NOTES = {
    NO_KEYRING: "系统没有可用的密钥环，登录凭据只保存在本次运行的内存中，重启后需重新登录",
    PLAINTEXT_KEYRING: "系统密钥环会以明文保存凭据，已改为只保存在本次运行的内存中",
    KEYRING_FAILED: "系统密钥环访问失败，登录凭据只保存在本次运行的内存中",
}


def _is_plaintext(backend: KeyringBackend) -> bool:
    # keyrings.alt's PlaintextKeyring (and look-alikes) write the secret readable on disk.
    return "plaintext" in type(backend).__name__.lower()


def unusable_reason(backend: KeyringBackend) -> str | None:
    """Why this backend must not hold tokens, or None when it may."""
    if isinstance(backend, chainer.ChainerBackend):
        chained = [b for b in backend.backends if not _is_plaintext(b)]
        return None if chained else NO_KEYRING
    if _is_plaintext(backend):
        return PLAINTEXT_KEYRING
    if backend.priority <= 0:  # keyring.backends.fail (0) and null (-1)
        return NO_KEYRING
    return None


def _entry(server_url: str, username: str) -> str:
    return f"{username.strip().casefold()}@{server_url}"


class SecretStore:
    """Refresh tokens by (server, user). Thread-safe; the login thread and the UI share it."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self.reason: str | None = unusable_reason(self._backend)
        if self.reason:
            log.warning("refresh tokens kept in memory only: %s (%r)", self.reason, self._backend)

    @property
    def persistent(self) -> bool:
        return self.reason is None

    @property
    def note(self) -> str | None:
        return _NOTES[self.reason] if self.reason else None

    def _degrade(self, exc: Exception) -> None:
        log.warning("keyring failed, refresh tokens kept in memory only: %s", exc)
        self.reason = KEYRING_FAILED

    def save_refresh_token(self, server_url: str, username: str, token: str) -> None:
        key = _entry(server_url, username)
        with self._lock:
            if self.persistent:
                try:
                    self._backend.set_password(SERVICE, key, token)
                    return
                except (keyring.errors.KeyringError, NotImplementedError) as exc:
                    self._degrade(exc)
            self._memory[key] = token

    def load_refresh_token(self, server_url: str, username: str) -> str | None:
        key = _entry(server_url, username)
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            if not self.persistent:
                return None
            try:
                return self._backend.get_password(SERVICE, key)
            except keyring.errors.KeyringError as exc:
                self._degrade(exc)
                return None

    def forget_refresh_token(self, server_url: str, username: str) -> None:
        key = _entry(server_url, username)
        with self._lock:
            self._memory.pop(key, None)
            if not self.persistent:
                return
            try:
                self._backend.delete_password(SERVICE, key)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored: already forgotten
            except keyring.errors.KeyringError as exc:
                self._degrade(exc)
