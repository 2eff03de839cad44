"""The application's events, declared in one place.

Core code publishes these plain objects; the UI bridges them onto Qt signals. Adding an
event means adding a class here, so every event the application knows is listed in this file.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedIn:
    username: str
    online: bool


@dataclass(frozen=True)
class SignedOut:
    username: str


@dataclass(frozen=True)
class ConnectivityChanged:
    online: bool
    checked_at: datetime


@dataclass(frozen=True)
class PendingChangesChanged:
    count: int


@dataclass(frozen=True)
class LanguageChanged:
    language: str


class EventBus:
    """Synchronous publish/subscribe; a failing handler is logged and never stops the others."""

    def __init__(self) -> None:
        self._handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)
        self._lock = threading.Lock()

    def subscribe(self, event_type: type, handler: Callable[[Any], None]) -> None:
        with self._lock:
            self._handlers[event_type].append(handler)

    def unsubscribe(self, event_type: type, handler: Callable[[Any], None]) -> None:
        with self._lock:
            if handler in self._handlers[event_type]:
                self._handlers[event_type].remove(handler)

    def publish(self, event: object) -> None:
        with self._lock:
            handlers = list(self._handlers[type(event)])
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                log.exception("event handler failed for %r", event)
