from __future__ import annotations

import httpx
import pytest

from sync.client.api import ApiError, ServerApi, ServerUnreachable, Tokens

from .conftest import URL
from .fake_server import FakeServer


def _api(handler) -> ServerApi:
    return ServerApi(URL, transport=httpx.MockTransport(handler))


def test_health_and_demo_accounts(server: FakeServer) -> None:
    with ServerApi("127.0.0.1:8000/", transport=server.transport()) as api:
        assert api.base_url == URL
        info = api.health()
        assert (info.version, info.database, info.demo) == ("0.1.0", "sqlite", True)
        accounts = api.demo_accounts()
        assert {a.username for a in accounts} == {"wangjianguo", "liuyang"}
        assert all(a.password == "Demo@2026" for a in accounts)


def test_demo_accounts_empty_when_not_in_demo_mode() -> None:
    with ServerApi(URL, transport=FakeServer(demo=False).transport()) as api:
        assert api.demo_accounts() == []


@pytest.mark.parametrize(
    ("status", "code", "params"),
    [
        (401, "invalid_credentials", {}),
        (423, "account_locked", {"locked_until": "2026-11-22T05:10:00Z"}),
        (403, "account_disabled", {}),
        (400, "invalid_request", {"fields": ["password"]}),
    ],
)
def test_server_errors_keep_code_and_params(status: int, code: str, params: dict) -> None:
    api = _api(
        lambda r: httpx.Response(
            status, json={"error": {"code": code, "message": "x", "params": params}}
        )
    )
    with pytest.raises(ApiError) as info:
        api.login("u", "p")
    assert (info.value.status, info.value.code, info.value.params) == (status, code, params)


def test_an_answer_without_the_error_envelope_is_still_typed() -> None:
    api = _api(lambda r: httpx.Response(500, text="<html>Internal Server Error</html>"))
    with pytest.raises(ApiError) as info:
        api.health()
    assert (info.value.status, info.value.code) == (500, "unexpected_response")


def test_a_success_that_is_not_json_is_unexpected() -> None:
    api = _api(lambda r: httpx.Response(200, text="hello from a captive portal"))
    with pytest.raises(ApiError) as info:
        api.health()
    assert info.value.code == "unexpected_response"


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), "refused_or_dns"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "refused_or_dns"),
        (httpx.ConnectTimeout("timed out"), "timeout"),
        (httpx.ReadTimeout("timed out"), "timeout"),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), "network"),
    ],
)
def test_network_failures_are_unreachable(exc: Exception, reason: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(ServerUnreachable) as info:
        _api(handler).health()
    assert info.value.reason == reason
    assert info.value.params["url"] == URL


def test_a_proxy_with_no_server_behind_it_is_unreachable() -> None:
    api = _api(lambda r: httpx.Response(502, text="Bad Gateway"))
    with pytest.raises(ServerUnreachable) as info:
        api.health()
    assert info.value.reason == "gateway"


def test_a_real_dns_failure_is_unreachable() -> None:
    # .invalid never resolves (RFC 2606); no request leaves the machine.
    with (
        pytest.raises(ServerUnreachable),
        ServerApi("http://county-server.invalid:8000", timeout=5) as api,
    ):
        api.health()


def test_expired_access_token_is_refreshed_once_and_the_call_retried(server: FakeServer) -> None:
    seen: list[Tokens] = []
    api = ServerApi(URL, transport=server.transport(), on_tokens=seen.append)
    first = api.login("wangjianguo", "Demo@2026")
    server.expire_access_tokens()
    assert api.me()["username"] == "wangjianguo"
    assert [t.refresh_token for t in seen][0] == first.refresh_token
    assert len(seen) == 2 and api.tokens == seen[-1]
    assert first.refresh_token not in server.refresh  # rotated: the old one is spent
    assert server.requests[-3:] == [
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/auth/refresh"),
        ("GET", "/api/v1/me"),
    ]


def test_refresh_happens_only_once(server: FakeServer) -> None:
    api = ServerApi(URL, transport=server.transport())
    api.login("wangjianguo", "Demo@2026")
    original = server.handle

    def always_expired(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/me":
            server.requests.append(("GET", "/api/v1/me"))
            return httpx.Response(
                401, json={"error": {"code": "token_expired", "message": "", "params": {}}}
            )
        return original(request)

    api._client._transport = httpx.MockTransport(always_expired)
    with pytest.raises(ApiError) as info:
        api.me()
    assert info.value.code == "token_expired"
    assert [p for _, p in server.requests].count("/api/v1/auth/refresh") == 1


def test_a_revoked_refresh_token_surfaces(server: FakeServer) -> None:
    api = ServerApi(URL, transport=server.transport())
    api.login("wangjianguo", "Demo@2026")
    server.expire_access_tokens()
    server.refresh.clear()
    with pytest.raises(ApiError) as info:
        api.directory()
    assert info.value.code == "token_revoked"


def test_logout_revokes_and_forgets_tokens(server: FakeServer) -> None:
    api = ServerApi(URL, transport=server.transport())
    tokens = api.login("wangjianguo", "Demo@2026")
    api.logout()
    assert api.tokens is None
    assert tokens.access_token not in server.access and tokens.refresh_token not in server.refresh
    with pytest.raises(ApiError) as info:
        api.me()
    assert info.value.code == "token_missing"
