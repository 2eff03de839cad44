"""The background sync thread: when to run a cycle, backoff, and what the user sees.

    runner = SyncRunner(engine, on_status=callback)   # callback(SyncStatus), runner thread
    runner.start()
    runner.local_change()          # after a local write (records.write committed)
    runner.sync_now()              # the "sync now" button; also clears client_too_old
    runner.connectivity_changed(True)   # the OS says the network is back
    runner.stop()

A cycle runs after a local change (shortly, so a burst of edits goes in one push), on a
timer (`interval`), when connectivity returns and on "sync now". When the server cannot
be reached, the next attempt waits a full-jitter exponential backoff:
uniform(0, min(max_backoff, base * 2**(failures-1))), 1 s → 5 min. Qt-free: the UI wraps
the callback into a signal.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sync.client.engine.core import ClientTooOld, ParkedItem, SyncEngine, SyncResult
from sync.client.errors import ApiError, ServerUnreachable

log = logging.getLogger(__name__)

TOKEN_CODES = ("token_missing", "token_expired", "token_revoked", "session_expired")


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and the sync panel show.

    online: None until the first attempt; False while the server cannot be reached.
    state: idle | syncing | offline | error | client_too_old | auth_required | stopped.
    last_error: a code the UI translates (server_unreachable, client_too_old, token_revoked,
    the server's error code...), None after a successful cycle.
    """

    online: bool | None = None
    state: str = "idle"
    pending: int = 0
    parked: tuple[ParkedItem, ...] = ()
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_params: dict[str, Any] = field(default_factory=dict)
    next_attempt_in: float | None = None
    last_result: SyncResult | None = None


def full_jitter(failures: int, base: float, cap: float, rnd: Callable[[], float]) -> float:
    """AWS "full jitter": uniform over [0, min(cap, base * 2**(failures-1))]."""
    ceiling = min(cap, base * (2 ** max(0, failures - 1)))
    return rnd() * ceiling


class SyncRunner:
    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval: float = 60.0,
        base_backoff: float = 1.0,
        max_backoff: float = 300.0,
        change_delay: float = 0.5,
        on_status: Callable[[SyncStatus], None] | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.engine = engine
        self.interval = interval
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.change_delay = change_delay
        self._rng = rng
        self._listeners: list[Callable[[SyncStatus], None]] = [on_status] if on_status else []
        self._cond = threading.Condition()
        self._due: float | None = 0.0  # monotonic time of the next cycle; 0 = at once
        self._failures = 0
        self._halted = False  # client_too_old / auth: wait for sync_now
        self._stop = False
        self._thread: threading.Thread | None = None
        self._cycles = 0
        local = engine.local_status()
        self._status = SyncStatus(
            pending=local.pending,
            parked=tuple(local.parked),
            last_success_at=local.last_sync_at,
            last_error=local.last_error_code,
        )

    # -- observing ---------------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        with self._cond:
            return self._status

    @property
    def cycles(self) -> int:
        """Finished cycles (successful or not), for tests and diagnostics."""
        with self._cond:
            return self._cycles

    def add_listener(self, callback: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(callback)

    def _publish(self, **changes: Any) -> None:
        with self._cond:
            self._status = replace(self._status, **changes)
            status = self._status
        for callback in list(self._listeners):
            try:
                callback(status)
            except Exception:  # a broken listener must not stop sync
                log.exception("sync status listener failed")

    def refresh_local(self) -> None:
        """Re-read pending and parked from the cache and publish them."""
        local = self.engine.local_status()
        self._publish(pending=local.pending, parked=tuple(local.parked))

    # -- triggers ----------------------------------------------------------------------------

    def _wake(self, delay: float, *, reset: bool = False, unhalt: bool = False) -> None:
        with self._cond:
            if unhalt:
                self._halted = False
            if reset:
                self._failures = 0
            due = time.monotonic() + delay
            if self._due is None or due < self._due or reset:
                self._due = due
            self._cond.notify_all()

    def sync_now(self) -> None:
        self._wake(0.0, reset=True, unhalt=True)

    def local_change(self) -> None:
        """Call after a local write committed (any thread; it never blocks on the network).
        The pending count is refreshed at once; a cycle follows after `change_delay`, unless
        the server is unreachable (then the backoff decides: a local edit cannot help)."""
        self.refresh_local()
        with self._cond:
            offline = self._failures > 0
        if not offline:
            self._wake(self.change_delay)

    def connectivity_changed(self, online: bool) -> None:
        if online:
            self._wake(0.0, reset=True)

    def retry_parked(self, key: str) -> str | None:
        new_key = self.engine.retry_parked(key)
        self.local_change()
        return new_key

    def discard_parked(self, key: str) -> bool:
        done = self.engine.discard_parked(key)
        self.refresh_local()
        return done

    # -- the thread --------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="desk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 30.0) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        self._publish(state="stopped", next_attempt_in=None)

    def wait_idle(self, cycles_after: int, timeout: float = 30.0) -> bool:
        """Wait until `cycles` exceeds `cycles_after` (tests)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._cycles <= cycles_after:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stop:
                    now = time.monotonic()
                    if not self._halted and self._due is not None and self._due <= now:
                        break
                    wait = None if self._halted or self._due is None else self._due - now
                    self._cond.wait(wait)
                if self._stop:
                    return
                self._due = None
            self._cycle()

    def _cycle(self) -> None:
        self._publish(state="syncing", next_attempt_in=None)
        changes: dict[str, Any] = {}
        delay: float | None
        try:
            result = self.engine.sync_once()
        except ServerUnreachable as exc:
            self._failures += 1
            delay = full_jitter(self._failures, self.base_backoff, self.max_backoff, self._rng)
            changes = dict(
                online=False,
                state="offline",
                last_error=exc.code,
                last_error_params=dict(exc.params),
            )
        except ClientTooOld as exc:
            self._halted, delay = True, None
            changes = dict(
                online=True,
                state="client_too_old",
                last_error=exc.code,
                last_error_params=dict(exc.params),
            )
        except ApiError as exc:
            self._failures += 1
            if exc.code in TOKEN_CODES:
                self._halted, delay = True, None
                state = "auth_required"
            else:
                delay = full_jitter(self._failures, self.base_backoff, self.max_backoff, self._rng)
                state = "error"
            changes = dict(
                online=True, state=state, last_error=exc.code, last_error_params=dict(exc.params)
            )
        except Exception as exc:  # a bug or a broken cache: visible, retried later
            log.exception("sync cycle failed")
            self._failures += 1
            delay = full_jitter(self._failures, self.base_backoff, self.max_backoff, self._rng)
            changes = dict(state="error", last_error=type(exc).__name__, last_error_params={})
        else:
            self._failures = 0
            delay = self.interval
            changes = dict(
                online=True,
                state="idle",
                last_error=None,
                last_error_params={},
                last_success_at=result.finished_at,
                last_result=result,
            )
        with self._cond:
            if delay is not None:
                due = time.monotonic() + delay
                # A trigger that came during the cycle (a local change, sync now) stands.
                self._due = due if self._due is None else min(self._due, due)
        try:
            local = self.engine.local_status()
            changes.update(pending=local.pending, parked=tuple(local.parked))
        except Exception:
            log.exception("could not read the local sync status")
        self._publish(next_attempt_in=delay, **changes)
        with self._cond:
            self._cycles += 1
            self._cond.notify_all()
