"""A typed registry of user preferences.

Preferences are declared once here, each with its type, default and allowed values, and
stored as versioned JSON (never pickled). Window geometry and other widget state are not
preferences: the UI keeps them in a separate file so a broken layout can be reset without
losing settings, and settings can be shared without screen-specific noise.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

log = logging.getLogger(__name__)

T = TypeVar("T")

APP_DIR_NAME = "county-workstation"


def config_dir() -> Path:
    """Where preferences live: `$WS_CONFIG_DIR`, else the platform's user config folder."""
    override = os.environ.get("WS_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_DIR_NAME))


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type
    default: T
    doc: str
    choices: tuple[T, ...] = field(default=())

    def validate(self, value: Any) -> T:
        # bool is an int in Python; refuse it where an int is declared so typos stay visible.
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise TypeError(f"{self.key}: expected {self.type.__name__}, got {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.key}: {value!r} is not one of {self.choices}")
        return value


LANGUAGE = Option("ui.language", str, "zh_CN", "Interface language.", ("zh_CN", "en"))
LAST_SERVER = Option("login.last_server", str, "", "Server address used at the last login.")
LAST_USER = Option("login.last_user", str, "", "User name used at the last login.")
LAST_MODE = Option("ui.last_mode", str, "", "Mode shown when the main window opens.")
CONNECTIVITY_PROBE_S = Option(
    "sync.connectivity_probe_s", int, 30, "Seconds between checks that the server is reachable."
)

REGISTRY: dict[str, Option[Any]] = {
    o.key: o for o in (LANGUAGE, LAST_SERVER, LAST_USER, LAST_MODE, CONNECTIVITY_PROBE_S)
}

# Version of the stored layout; each upgrade turns version N into N+1.
CURRENT_VERSION = 1
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class Options:
    """Loaded preferences. Unknown keys and invalid stored values fall back to defaults."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / "options.json"
        self._values: dict[str, Any] = {}
        self._load()

    def get(self, option: Option[T]) -> T:
        return self._values.get(option.key, option.default)

    def set(self, option: Option[T], value: T) -> None:
        self._values[option.key] = option.validate(value)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"version": CURRENT_VERSION, "values": self._values}
        # Write-then-rename: a crash mid-write must not leave a half file behind.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".options-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=2, sort_keys=True)
        os.replace(tmp, self.path)

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            # A damaged preferences file must never stop the workstation from starting.
            log.warning("preferences at %s unreadable (%s); using defaults", self.path, exc)
            return
        version = raw.get("version", 1) if isinstance(raw, dict) else 0
        values = raw.get("values", {}) if isinstance(raw, dict) else {}
        while version < CURRENT_VERSION and version in UPGRADES:
            values = UPGRADES[version](values)
            version += 1
        for key, value in values.items():
            option = REGISTRY.get(key)
            if option is None:
                continue
            try:
                self._values[key] = option.validate(value)
            except (TypeError, ValueError) as exc:
                log.warning("ignoring stored preference: %s", exc)
