"""Where desk caches live: one SQLite file per (server, user).

The caller passes an already normalised server URL (sync.client.api.normalize_server_url);
this module only turns it into a stable, readable, filesystem-safe folder name.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_DIR_NAME = "county-workstation"
CACHE_SUFFIX = ".sqlite3"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def default_data_dir() -> Path:
    """`$WS_DATA_DIR` if set (tests, portable installs), else the platform's user data folder."""
    override = os.environ.get("WS_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME))


def _safe(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-.") or "x"


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def server_slug(server_url: str) -> str:
    """`<host>_<port>-<hash>`: readable for support staff, unique per URL (scheme and path too).

    The hash keeps http/https or two path prefixes on the same host apart; the readable part
    lets someone find the right folder by eye.
    """
    parts = urlsplit(server_url)
    host = parts.hostname or "server"
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)
    return f"{_safe(host)}_{port}-{_short_hash(server_url)}"


def user_file_stem(username: str) -> str:
    """The file name for a user: the user name itself when it is plain ASCII.

    Case-folded because the offline path uses what the user typed, the online path the
    server's spelling. Names with other characters (Chinese, spaces, slashes) keep a
    readable part plus a hash, so two different names can never share a file.
    """
    folded = username.strip().casefold()
    safe = _safe(folded)
    if safe == folded and not folded.startswith("."):
        return folded
    return f"{safe}-{_short_hash(folded)}"


def cache_path(server_url: str, username: str, data_dir: Path | None = None) -> Path:
    base = data_dir if data_dir is not None else default_data_dir()
    return base / "caches" / server_slug(server_url) / f"{user_file_stem(username)}{CACHE_SUFFIX}"
