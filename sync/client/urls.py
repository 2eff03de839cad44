"""Turn what a user typed in the server box into one canonical base URL, or say why not."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from sync.client.errors import InvalidServerAddress

_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
_SCHEME_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_MANGLED_SCHEME = re.compile(r"^(https?:/[^/]|https?//|https?:$)", re.IGNORECASE)
# A reverse-proxy prefix such as /ws or /api/county; no empty segments ("//").
_PATH = re.compile(r"^(/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*/?$")


def _check_host(host: str, text: str) -> str:
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host.strip('[]')).compressed}]"
        except ValueError as exc:
            raise InvalidServerAddress("bad_host", text, str(exc)) from None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidServerAddress("bad_host", text, str(exc)) from None
    labels = ascii_host.rstrip(".").split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise InvalidServerAddress("bad_host", text, host)
    return ascii_host.rstrip(".").lower()


def normalize_server_url(text: str) -> str:
    """`127.0.0.1:8000`, ` http://Host:8000/ ` -> `http://127.0.0.1:8000`, `http://host:8000`.

    http is assumed when no scheme is typed (the demo and loopback case). The result has no
    trailing slash and no default port, so one server always maps to one cache folder.
    Raises InvalidServerAddress with a reason code.
    """
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise InvalidServerAddress("empty", str(text))
    if any(ch.isspace() or ord(ch) < 32 for ch in raw):
        raise InvalidServerAddress("bad_characters", raw)
    match = _SCHEME_PREFIX.match(raw)
    if match is None:
        if "://" in raw or _MANGLED_SCHEME.match(raw):
            raise InvalidServerAddress("bad_scheme", raw)
        raw = "http://" + raw
    elif match.group(1).lower() not in _SCHEMES:
        raise InvalidServerAddress("bad_scheme", raw, match.group(1))
    try:
        parts = urlsplit(raw)
    except ValueError as exc:  # urllib's own check of [IPv6] hosts
        raise InvalidServerAddress("bad_host", raw, str(exc)) from None
    scheme = parts.scheme.lower()
    if "@" in parts.netloc:
        raise InvalidServerAddress("credentials_in_url", text.strip())
    if parts.query or parts.fragment or raw.endswith(("?", "#")):
        raise InvalidServerAddress("query_or_fragment", raw)
    netloc = parts.netloc
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0 or (netloc[end + 1 :] and not netloc[end + 1 :].startswith(":")):
            raise InvalidServerAddress("bad_host", raw, netloc)
        host_part, rest = netloc[: end + 1], netloc[end + 1 :]
        port_text = rest[1:] if rest else None
    else:
        if netloc.count(":") > 1:
            raise InvalidServerAddress("bad_host", raw, "IPv6 addresses need [brackets]")
        host_part, sep, port_text = netloc.partition(":")
        port_text = port_text if sep else None
    if not host_part:
        raise InvalidServerAddress("missing_host", raw)
    host = _check_host(host_part, raw)
    port = None
    if port_text is not None:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InvalidServerAddress("bad_port", raw, port_text)
        port = int(port_text)
    if not _PATH.match(parts.path):
        raise InvalidServerAddress("bad_path", raw, parts.path)
    path = parts.path.rstrip("/")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}{path}"
    return f"{scheme}://{host}{path}"
