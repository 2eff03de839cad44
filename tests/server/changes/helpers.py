"""Helpers for the record-sync tests: demo-county users, mutations, push and pull."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from sync.server.changes.wire import CLIENT_SCHEMA
from tests.server.helpers import bearer, login


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Desk:
    """One signed-in demo user talking to the server."""

    client: Any  # TestClient or httpx.Client
    username: str
    tokens: dict = field(repr=False)

    @property
    def user_id(self) -> str:
        return self.tokens["user"]["id"]

    @property
    def institution_id(self) -> str:
        return self.tokens["user"]["institution"]["id"]

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.tokens["access_token"])

    def push_raw(self, mutations: list[dict], client_schema: int = CLIENT_SCHEMA):
        return self.client.post("/api/v1/sync/push", headers=self.headers,
                                json={"client_schema": client_schema, "device_id": "test",
                                      "mutations": mutations})

    def push(self, *mutations: dict) -> list[dict]:
        response = self.push_raw(list(mutations))
        assert response.status_code == 200, response.text
        return response.json()["outcomes"]

    def push_one(self, mutation: dict) -> dict:
        (outcome,) = self.push(mutation)
        return outcome

    def pull_raw(self, after: str | None = None, limit: int | None = None):
        params: dict[str, Any] = {}
        if after is not None:
            params["after"] = after
        if limit is not None:
            params["limit"] = limit
        return self.client.get("/api/v1/sync/pull", headers=self.headers, params=params)

    def pull_all(self, after: str | None = None, limit: int = 500
                 ) -> tuple[dict[tuple[str, str], dict], str | None]:
        """Every page until has_more is false: (entity, id) -> latest record, cursor."""
        seen: dict[tuple[str, str], dict] = {}
        while True:
            response = self.pull_raw(after, limit)
            assert response.status_code == 200, response.text
            page = response.json()
            for change in page["changes"]:
                key = (change["entity"], change["id"])
                if key not in seen or seen[key]["version"] <= change["version"]:
                    seen[key] = change
            after = page["cursor"]
            if not page["has_more"]:
                return seen, after


def desk(client: Any, username: str) -> Desk:
    return Desk(client, username, login(client, username))


def mutation(entity: str, rid: str, data: dict | None, *, base: int = 0, op: str = "upsert",
             changed: list[str] | None = None, key: str | None = None) -> dict:
    m = {"key": key or new_id(), "entity": entity, "id": rid, "op": op, "base_version": base,
         "data": data}
    if changed is not None:
        m["changed"] = changed
    return m


def patient_data(name: str = "张三", **extra: Any) -> dict:
    return {"name": name, "sex": "male", "birth_date": "1960-05-01",
            "id_number": "330000196005010011", "phone": "13800000000", **extra}


def create_patient(d: Desk, name: str = "张三", **extra: Any) -> str:
    pid = new_id()
    out = d.push_one(mutation("patient", pid, patient_data(name, **extra)))
    assert out["outcome"] == "applied", out
    return pid


def make_identity_conflict(client: TestClient) -> str:
    """Two desks of 石桥镇卫生院 rename one patient concurrently; returns the conflict id."""
    doctor, tech = desk(client, "wangjianguo"), desk(client, "lixiulan")
    pid = create_patient(doctor, "李四")
    first = doctor.push_one(mutation("patient", pid, patient_data("李思"), base=1,
                                     changed=["name"]))
    assert first["outcome"] == "applied", first
    second = tech.push_one(mutation("patient", pid, patient_data("黎四"), base=1,
                                    changed=["name"]))
    assert second["reason"] == "identity_conflict_queued", second
    return second["params"]["conflicts"][0]


class Desks:
    """Signed-in demo users by username, logged in on first use."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._desks: dict[str, Desk] = {}

    def __getitem__(self, username: str) -> Desk:
        if username not in self._desks:
            self._desks[username] = desk(self.client, username)
        return self._desks[username]

    def institution_of(self, username: str) -> str:
        return self[username].institution_id


COUNTY_CENTRE_USER = "liuminghua"  # ECG reader at the county hospital's ECG centre


def order_data(patient_id: str, ordering: str, executing: str, **extra: Any) -> dict:
    return {"patient_id": patient_id, "ordering_institution_id": ordering,
            "executing_institution_id": executing, "status": "ordered", "kind": "ecg",
            **extra}


def create_order(d: Desk, patient_id: str, executing: str, **extra: Any) -> str:
    oid = new_id()
    out = d.push_one(mutation("exam_order", oid,
                              order_data(patient_id, d.institution_id, executing, **extra)))
    assert out["outcome"] == "applied", out
    return oid


def prescription_data(patient_id: str, prescriber_id: str, status: str = "draft",
                      **extra: Any) -> dict:
    return {"patient_id": patient_id, "prescriber_id": prescriber_id, "status": status,
            "items": [{"drug": "阿莫西林胶囊", "dose": "0.5 g", "frequency": "tid"}], **extra}
