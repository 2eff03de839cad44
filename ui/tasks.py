"""Run slow work off the UI thread and hand the result back to it.

Every network call and every database write a widget triggers goes through a TaskRunner.
Tests swap in ImmediateTaskRunner so they run deterministically without threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None] | None


class _Relay(QObject):
    """Lives in the UI thread; signals emitted from a worker are queued onto it."""

    sig_done = Signal(object)
    """The task returned a value."""
    sig_failed = Signal(object)
    """The task raised; carries the exception."""


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the UI thread, which decides what the user sees
            self._relay.sig_failed.emit(exc)
        else:
            self._relay.sig_done.emit(result)


class TaskRunner:
    """Runs callables on a thread pool; callbacks run on the UI thread."""

    def __init__(self, pool: QThreadPool | None = None):
        self._pool = pool or QThreadPool.globalInstance()
        self._live: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None):
        relay = _Relay()
        self._live.add(relay)

        def finish(callback: Callback, value: Any) -> None:
            self._live.discard(relay)
            relay.deleteLater()
            if callback is not None:
                callback(value)
            elif isinstance(value, BaseException):
                log.error("background task failed", exc_info=value)

        relay.sig_done.connect(lambda value: finish(on_done, value))
        relay.sig_failed.connect(lambda exc: finish(on_error, exc))
        self._pool.start(_Job(fn, relay))

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        return self._pool.waitForDone(timeout_ms)


class ImmediateTaskRunner(TaskRunner):
    """Runs the task at once on the calling thread (tests only)."""

    def __init__(self) -> None:
        super().__init__(pool=None)

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None):
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        return True
