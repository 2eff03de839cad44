"""What can go wrong talking to the central server, as codes the UI translates.

Each exception carries a stable `code` and `params` (docs/api.md) and a Chinese default
message for logs; the UI never shows the message when it knows the code.
"""

from __future__ import annotations

from typing import Any


class ServerApiError(Exception):
    code = "server_error"

    def __init__(self, message: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, Any] = params or {}


class InvalidServerAddress(ServerApiError):
    """The address typed cannot be a server URL; `params["reason"]` says why.

    Reasons: empty, bad_scheme, missing_host, bad_host, bad_port, credentials_in_url,
    query_or_fragment, bad_characters, bad_path.
    """

    code = "invalid_server_address"

    def __init__(self, reason: str, text: str, detail: str = "") -> None:
        super().__init__(
            f"服务器地址无效 ({reason}): {text!r}" + (f" {detail}" if detail else ""),
            {"reason": reason, "address": text, "detail": detail},
        )
        self.reason = reason


class ServerUnreachable(ServerApiError):
    """No answer from the server: refused, timed out, DNS failure, or a gateway with no server.

    `params["reason"]`: refused_or_dns, timeout, network, gateway.
    """

    code = "server_unreachable"

    def __init__(self, url: str, reason: str, detail: str = "") -> None:
        super().__init__(
            f"无法连接服务器 {url} ({reason}) {detail}".strip(),
            {"url": url, "reason": reason, "detail": detail},
        )
        self.reason = reason


class ApiError(ServerApiError):
    """The server answered with an error; `code`/`params` are the server's own."""

    def __init__(
        self, status: int, code: str, params: dict[str, Any] | None = None, message: str = ""
    ) -> None:
        super().__init__(message or f"服务器返回错误 {status} {code}", params)
        self.status = status
        self.code = code  # type: ignore[misc]
