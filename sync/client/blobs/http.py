"""How the blob functions talk to the server: through a signed-in `ServerApi` (token refresh
included) or a plain `httpx.Client` whose base_url and headers are already set (scripts,
tests). Errors come out as the desk's usual exceptions: `ApiError` (the server's code and
params), `ServerUnreachable` (no answer)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import httpx

from sync.client.api import ServerApi, _error_from, _unreachable_reason
from sync.client.errors import ApiError, ServerUnreachable

BLOBS = "/api/v1/blobs"


class BlobHttp:
    def __init__(self, target: ServerApi | httpx.Client | BlobHttp) -> None:
        if isinstance(target, BlobHttp):
            target = target.target
        self.target = target

    @property
    def _client(self) -> httpx.Client:
        # ServerApi has no public raw-request hook yet; its client carries base_url/timeouts.
        return self.target._client if isinstance(self.target, ServerApi) else self.target

    def _url(self) -> str:
        return str(self._client.base_url)

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = dict(extra or {})
        if isinstance(self.target, ServerApi):
            if self.target.tokens is None:
                raise ApiError(401, "token_missing", {}, "未登录")
            headers["Authorization"] = f"Bearer {self.target.tokens.access_token}"
        return headers

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                **kwargs: Any) -> httpx.Response:
        """One request; raises ApiError for >= 400 and ServerUnreachable for no answer.
        `content` may be an iterable that can be iterated again (a token refresh resends)."""
        for attempt in (1, 2):
            sent = self._headers(headers)
            try:
                response = self._client.request(method, path, headers=sent, **kwargs)
            except httpx.TransportError as exc:
                raise ServerUnreachable(self._url(), _unreachable_reason(exc), str(exc)) from None
            if response.status_code < 400:
                return response
            error = _error_from(response)
            if error.code == "unexpected_response" and response.status_code in (502, 503, 504):
                raise ServerUnreachable(self._url(), "gateway", f"HTTP {response.status_code}")
            if (error.code == "token_expired" and attempt == 1
                    and isinstance(self.target, ServerApi)):
                self.target._refresh_if_still(sent["Authorization"].split(" ", 1)[1])
                continue
            raise error
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def stream(self, method: str, path: str, *, headers: dict[str, str] | None = None
               ) -> Iterator[httpx.Response]:
        """A streamed response (body not read); same errors as `request`."""
        for attempt in (1, 2):
            sent = self._headers(headers)
            try:
                with self._client.stream(method, path, headers=sent) as response:
                    if response.status_code < 400:
                        yield response
                        return
                    response.read()
                    error = _error_from(response)
            except httpx.TransportError as exc:
                raise ServerUnreachable(self._url(), _unreachable_reason(exc), str(exc)) from None
            if (error.code == "token_expired" and attempt == 1
                    and isinstance(self.target, ServerApi)):
                self.target._refresh_if_still(sent["Authorization"].split(" ", 1)[1])
                continue
            raise error
