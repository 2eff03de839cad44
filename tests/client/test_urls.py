from __future__ import annotations

import pytest

from sync.client.api import InvalidServerAddress, normalize_server_url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("  http://127.0.0.1:8000/  ", "http://127.0.0.1:8000"),
        ("HTTP://Server.County.CN:8443", "http://server.county.cn:8443"),
        ("https://ws.example.cn/", "https://ws.example.cn"),
        ("https://ws.example.cn:443/county/", "https://ws.example.cn/county"),
        ("http://localhost:80", "http://localhost"),
        ("localhost", "http://localhost"),
        ("http://[::1]:9000/", "http://[::1]:9000"),
        ("医共体.cn:8000", "http://xn--tqq74ci0b.cn:8000"),
    ],
)
def test_good_addresses_are_normalised(typed: str, expected: str) -> None:
    assert normalize_server_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("ftp://server:21", "bad_scheme"),
        ("http:/server", "bad_scheme"),
        ("http//server", "bad_scheme"),
        ("http://", "missing_host"),
        (":8000", "missing_host"),
        ("server:port", "bad_port"),
        ("server:70000", "bad_port"),
        ("server:0", "bad_port"),
        ("server:", "bad_port"),
        ("http://admin:secret@server", "credentials_in_url"),
        ("http://server/?x=1", "query_or_fragment"),
        ("http://server/#top", "query_or_fragment"),
        ("my server", "bad_characters"),
        ("::1", "bad_host"),
        ("http://-server-.cn", "bad_host"),
        ("http://[::zz]:80", "bad_host"),
        ("http://server//api", "bad_path"),
    ],
)
def test_malformed_addresses_say_why(typed: str, reason: str) -> None:
    with pytest.raises(InvalidServerAddress) as info:
        normalize_server_url(typed)
    assert info.value.reason == reason
    assert info.value.code == "invalid_server_address"
    assert info.value.params["reason"] == reason
