"""Push and pull against the real server process (loopback HTTP, uvicorn)."""

from __future__ import annotations

import httpx
import pytest

from tests.server.changes.helpers import desk, mutation, new_id, patient_data

pytestmark = pytest.mark.e2e


def test_push_replay_and_pull_over_http(live_server) -> None:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        doctor, other = desk(client, "wangjianguo"), desk(client, "chenzhiqiang")
        m = mutation("patient", new_id(), patient_data("真进程"))
        first = doctor.push_one(m)
        assert first["outcome"] == "applied"
        assert doctor.push_one(m) == first  # the answer was lost: the replay gets it again
        seen, cursor = doctor.pull_all()
        assert seen[("patient", m["id"])]["version"] == 1
        assert doctor.pull_raw(cursor).json()["changes"] == []
        assert ("patient", m["id"]) not in other.pull_all()[0]
