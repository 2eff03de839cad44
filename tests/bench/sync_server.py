"""Issue 3 server figures: 100 simulated clinics syncing concurrently on loopback.

Each clinic, in rounds, pushes a few new records and then pulls pages after its cursor
until nothing is left: one "sync". The figure is the p95 of a whole sync against a real
`workstation-server` process, on SQLite and on PostgreSQL; the baseline beside each is
GET /health p95 at the same concurrency in the same run (what the loopback, the HTTP
stack and the access middleware cost without any sync work).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import httpx

from tests.bench.report import Report
from tests.support.server_process import start_server

DEMO_PASSWORD = "Demo@2026"
CLINICS = 100
ROUNDS = 3
RECORDS_PER_PUSH = 3
# Users who may register patients (entities.REGISTRARS); clinics share their logins.
USERS = ["wangjianguo", "lixiulan", "zhaolei", "chenzhiqiang", "zhouli", "wuhaitao",
         "sunhongmei", "zhengxiaoyan", "fengjun", "liuminghua", "xujianhua"]


async def _send(client: httpx.AsyncClient, method: str, url: str, **kwargs) -> httpx.Response:
    """One request, resent on a dropped keep-alive connection (uvicorn closes idle ones
    after 5 s, which a clinic waiting in a long queue can hit). Resending is what a desk
    does, and is safe: a push is idempotent by its keys, a pull by its cursor."""
    for attempt in range(3):
        try:
            response = await client.request(method, url, **kwargs)
            response.raise_for_status()
            return response
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError):
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


async def _clinics(url: str) -> tuple[list[float], list[float]]:
    limits = httpx.Limits(max_connections=CLINICS, max_keepalive_connections=CLINICS)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        tokens = {}
        for user in USERS:  # logins are not what is measured (server_login_p95_ms is)
            r = await client.post("/api/v1/auth/login",
                                  json={"username": user, "password": DEMO_PASSWORD})
            r.raise_for_status()
            tokens[user] = {"Authorization": f"Bearer {r.json()['access_token']}"}

        async def health(_i: int) -> list[float]:
            times = []
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                await _send(client, "GET", "/health")
                times.append((time.perf_counter() - t0) * 1000)
            return times

        async def clinic(i: int) -> list[float]:
            headers = tokens[USERS[i % len(USERS)]]
            cursor: str | None = None
            times = []
            for n in range(ROUNDS):
                mutations = [{"key": str(uuid.uuid4()), "entity": "patient",
                              "id": str(uuid.uuid4()), "op": "upsert", "base_version": 0,
                              "data": {"name": f"诊所{i}病人{n}-{k}", "sex": "female",
                                       "phone": "13800000000"}}
                             for k in range(RECORDS_PER_PUSH)]
                t0 = time.perf_counter()
                pushed = await _send(client, "POST", "/api/v1/sync/push", headers=headers, json={
                    "client_schema": 1, "device_id": f"clinic-{i}", "mutations": mutations})
                assert all(o["outcome"] == "applied" for o in pushed.json()["outcomes"])
                while True:
                    params = {"limit": 500, **({"after": cursor} if cursor else {})}
                    page = await _send(client, "GET", "/api/v1/sync/pull", headers=headers,
                                       params=params)
                    body = page.json()
                    cursor = body["cursor"]
                    if not body["has_more"]:
                        break
                times.append((time.perf_counter() - t0) * 1000)
            return times

        baseline = await asyncio.gather(*(health(i) for i in range(CLINICS)))
        syncs = await asyncio.gather(*(clinic(i) for i in range(CLINICS)))
    return [t for r in baseline for t in r], [t for r in syncs for t in r]


def _measure(report: Report, url: str, kind: str) -> None:
    health_ms, sync_ms = asyncio.run(_clinics(url))
    note = (f"{CLINICS} clinics x {ROUNDS} syncs (push {RECORDS_PER_PUSH} records + pull "
            f"to the end), real server on loopback, {kind}")
    report.add(f"server_sync_health_p95_ms_{kind}", _p95(health_ms), "ms",
               note=f"{CLINICS} concurrent clients x {ROUNDS} GET /health, {kind} server")
    report.add(f"server_sync_p95_ms_{kind}", _p95(sync_ms), "ms",
               f"server_sync_health_p95_ms_{kind}", note=note)


def run(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with start_server(Path(tmp) / "sqlite", demo=True) as server:
            _measure(report, server.url, "sqlite")
        from tests.support.postgres import pg_admin_dsn, temporary_database

        if pg_admin_dsn() is None:
            print("server_sync_p95_ms_postgres: skipped, PostgreSQL unreachable", flush=True)
            return
        with ExitStack() as stack:
            url = stack.enter_context(temporary_database("ws_bench"))
            server = stack.enter_context(start_server(Path(tmp) / "pg", demo=True,
                                                      db_url=url))
            _measure(report, server.url, "postgres")
