"""Endpoint answers and the error shape of docs/api.md, in process."""

from __future__ import annotations

import pytest

from sync.server.migrate import head_revision
from tests.server.helpers import bearer, error_code, login


@pytest.fixture
def client(make_client):
    return make_client()


def test_health(client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite"
    assert body["migration"] == head_revision() and body["demo"] is True
    assert body["server_time"] == "2026-11-22T08:00:00Z"
    assert body["version"]


def test_demo_accounts_only_under_demo(client, make_client) -> None:
    accounts = client.get("/api/v1/demo/accounts").json()
    assert len(accounts) == 15
    reader = next(a for a in accounts if a["username"] == "liuminghua")
    assert reader == {"username": "liuminghua", "display_name": "刘明华", "title": "副主任医师",
                      "institution": "青溪县人民医院", "roles": ["ecg_reader"],
                      "password": "Demo@2026"}
    quiet = make_client(demo=False).get("/api/v1/demo/accounts")
    assert quiet.status_code == 404 and error_code(quiet) == "not_found"
    assert make_client(demo=False).get("/health").json()["demo"] is False


def test_directory_lists_institutions_with_departments(client) -> None:
    token = login(client, "yangjing")["access_token"]
    institutions = client.get("/api/v1/directory/institutions", headers=bearer(token)).json()
    assert [i["name"] for i in institutions][0] == "青溪县人民医院"  # the lead comes first
    county = institutions[0]
    assert county["kind"] == "county_hospital" and county["parent_id"] is None
    assert {"心电诊断中心", "区域影像诊断中心", "药学服务中心", "内科"} <= {
        d["name"] for d in county["departments"]}
    for township in institutions[1:]:
        assert township["parent_id"] == county["id"]
        assert all(d["institution_id"] == township["id"] for d in township["departments"])


def test_admin_user_list_has_lock_fields(client) -> None:
    token = login(client, "zhangweidong")["access_token"]
    users = client.get("/api/v1/admin/users", headers=bearer(token)).json()
    assert len(users) == 15
    assert {"locked_until", "failed_logins", "active"} <= set(users[0])


def test_institution_users_unknown_institution(client) -> None:
    token = login(client, "zhangweidong")["access_token"]
    response = client.get("/api/v1/institutions/nope/users", headers=bearer(token))
    assert response.status_code == 404 and error_code(response) == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "wangjianguo"}, "body.password"),
        ({"username": "", "password": "x"}, "body.username"),
        ({"username": "a", "password": "b", "extra": 1}, "body.extra"),
    ],
)
def test_validation_errors_are_400_invalid_request(client, body, field) -> None:
    response = client.post("/api/v1/auth/login", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and error["message"] == "请求格式不正确"
    assert field in [f["field"] for f in error["params"]["fields"]]


def test_malformed_json_is_400(client) -> None:
    response = client.post("/api/v1/auth/login", content=b"{not json",
                           headers={"content-type": "application/json"})
    assert response.status_code == 400 and error_code(response) == "invalid_request"


def test_unknown_path_and_wrong_method(client) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    wrong = client.delete("/api/v1/me")
    assert wrong.status_code == 405 and error_code(wrong) == "method_not_allowed"


def test_openapi_documents_every_v1_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
            "/api/v1/me", "/api/v1/directory/institutions",
            "/api/v1/institutions/{institution_id}/users", "/api/v1/admin/users",
            "/api/v1/admin/users/{user_id}/unlock", "/api/v1/demo/accounts"} <= set(paths)
    assert paths["/api/v1/me"]["get"]["security"] == [{"HTTPBearer": []}]
    locked = paths["/api/v1/auth/login"]["post"]["responses"]["423"]
    assert locked["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
