"""Issue 3 figures, desk side: initial pull, no-op sync, push of 10,000 outbox mutations.

Against a real `workstation-server` process on loopback (SQLite). Each figure sits beside a
baseline measured in the same run:

- `sync_initial_pull_records_per_s`: 100,000 patients into an empty cache (pages of 1000),
  beside `raw_pull_fetch_records_per_s` (the same pages fetched and JSON-decoded by plain
  httpx, nothing stored) and `raw_sqlite_insert_records_per_s` (the same rows inserted
  into a bare SQLite table with sqlite3.executemany, one transaction).
- `sync_noop_ms`: a full cycle (empty outbox, pull at the end of the log), median of 20,
  beside `raw_pull_noop_ms` (the same GET with plain httpx).
- `sync_push_records_per_s`: 10,000 outbox rows pushed by the engine (batches of 200),
  beside `raw_push_records_per_s` (10,000 other patients in plain POSTs of 200).

Seeding: the 100,000 server records are written straight into the server's SQLite file
(record, change_log and change_audience rows copied from a template patient pushed
through the API, so audiences and owner columns are the server's own); pushing them
one by one through the API would measure the server, not the desk, and take minutes.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, insert, select

from local_db import open_cache_file, records
from local_db.schema import SyncState
from sync.client.api import ServerApi
from sync.client.engine import SyncEngine
from tests.bench.report import Report
from tests.support.server_process import start_server

USER, PASSWORD = "wangjianguo", "Demo@2026"
N_PULL = 100_000
N_PUSH = 10_000
PAGE = 1000
NOOP_RUNS = 20


def _patient(i: int) -> dict[str, Any]:
    return {
        "name": f"患者{i:06d}",
        "sex": "F" if i % 2 else "M",
        "phone": f"138{i:08d}",
        "address": f"清溪县石桥镇{i % 97}村{i % 13}组",
    }


def _seed_server_db(db_path: Path, template_id: str, n: int) -> None:
    from sync.server.changes.tables import ChangeAudience, ChangeLog, Record

    engine = create_engine(f"sqlite:///{db_path}", connect_args={"timeout": 30})
    with engine.begin() as conn:
        rec = dict(
            conn.execute(select(Record.__table__).where(Record.__table__.c.id == template_id))
            .mappings()
            .one()
        )
        log = dict(
            conn.execute(select(ChangeLog.__table__).where(ChangeLog.__table__.c.id == template_id))
            .mappings()
            .first()
        )
        audiences = [
            r.audience
            for r in conn.execute(
                select(ChangeAudience.__table__).where(ChangeAudience.__table__.c.seq == log["seq"])
            )
        ]
        top = max(conn.execute(select(ChangeLog.__table__.c.seq)).scalars())
        recs, logs, auds = [], [], []
        for i in range(n):
            seq = top + 1 + i
            rid = str(uuid.uuid4())
            recs.append(
                dict(
                    rec, id=rid, data=_patient(i), patient_id=rid, created_seq=seq, updated_seq=seq
                )
            )
            logs.append(dict(log, seq=seq, txid=seq, id=rid))
            auds += [{"audience": a, "txid": seq, "seq": seq} for a in audiences]
        conn.execute(insert(Record.__table__), recs)
        conn.execute(insert(ChangeLog.__table__), logs)
        conn.execute(insert(ChangeAudience.__table__), auds)
    engine.dispose()


def _raw_sqlite_insert(rows: list[dict[str, Any]], path: Path) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE r (entity TEXT, id TEXT, version INT, data TEXT, deleted INT,"
        " PRIMARY KEY (entity, id))"
    )
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO r VALUES (?, ?, ?, ?, ?)",
            [
                (r["entity"], r["id"], r["version"], json.dumps(r["data"]), int(r["deleted"]))
                for r in rows
            ],
        )
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def _raw_push(api: ServerApi, start: int, stop: int) -> float:
    t0 = time.perf_counter()
    for first in range(start, stop, 200):
        batch = [
            {
                "key": str(uuid.uuid4()),
                "entity": "patient",
                "id": str(uuid.uuid4()),
                "op": "upsert",
                "base_version": 0,
                "data": _patient(i),
                "changed": [],
            }
            for i in range(first, min(first + 200, stop))
        ]
        answer = api.sync_push(batch, client_schema=1, device_id="bench-raw")
        assert all(o["outcome"] == "applied" for o in answer["outcomes"])
    return time.perf_counter() - t0


def _login(url: str) -> ServerApi:
    api = ServerApi(url, timeout=120)
    api.login(USER, PASSWORD)
    return api


def run(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with start_server(tmp_path, demo=True) as server:
            _run(report, server.url, server.data_dir, tmp_path)


def _run(report: Report, url: str, server_dir: Path, tmp: Path) -> None:
    api = _login(url)
    # A template patient through the API, then the rest straight into the server's file.
    template = str(uuid.uuid4())
    out = api.sync_push(
        [
            {
                "key": str(uuid.uuid4()),
                "entity": "patient",
                "id": template,
                "op": "upsert",
                "base_version": 0,
                "data": _patient(0),
                "changed": [],
            }
        ],
        client_schema=1,
        device_id="bench",
    )
    assert out["outcomes"][0]["outcome"] == "applied", out
    _seed_server_db(server_dir / "server.sqlite3", template, N_PULL - 1)

    # Baseline: the same pages fetched and decoded, nothing stored.
    t0 = time.perf_counter()
    cursor, fetched, rows = None, 0, []
    while True:
        page = api.sync_pull(cursor, PAGE)
        fetched += len(page["changes"])
        rows += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    raw_fetch = time.perf_counter() - t0
    assert fetched == N_PULL, fetched
    sqlite_s = _raw_sqlite_insert(rows, tmp / "raw.sqlite3")
    del rows
    report.add(
        "raw_pull_fetch_records_per_s",
        N_PULL / raw_fetch,
        "rec/s",
        note=f"{N_PULL} patients in GET pages of {PAGE}, JSON-decoded, not stored",
    )
    report.add(
        "raw_sqlite_insert_records_per_s",
        N_PULL / sqlite_s,
        "rec/s",
        note="the same rows, sqlite3.executemany into a bare table, one transaction",
    )

    cache = open_cache_file(tmp / "desk.sqlite3", server_url=api.base_url, username=USER)
    try:
        engine = SyncEngine(cache, api, page_limit=PAGE)
        t0 = time.perf_counter()
        result = engine.sync_once()
        pull_s = time.perf_counter() - t0
        assert result.pulled == N_PULL, result
        report.add(
            "sync_initial_pull_records_per_s",
            N_PULL / pull_s,
            "rec/s",
            "raw_pull_fetch_records_per_s",
            note=f"{N_PULL} patients into an empty desk cache, pages of {PAGE}, "
            "server seeded by direct insert",
        )

        noop, raw_noop = [], []
        cursor = cache.read(lambda s: s.get(SyncState, 1).pull_cursor)
        headers = {"Authorization": f"Bearer {api.tokens.access_token}"}
        with httpx.Client(base_url=api.base_url, timeout=60) as raw:
            for _ in range(NOOP_RUNS):
                t0 = time.perf_counter()
                raw.get(
                    "/api/v1/sync/pull", params={"after": cursor, "limit": PAGE}, headers=headers
                ).raise_for_status()
                raw_noop.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                assert engine.sync_once().pulled == 0
                noop.append((time.perf_counter() - t0) * 1000)
        report.add(
            "raw_pull_noop_ms",
            statistics.median(raw_noop),
            "ms",
            note=f"median of {NOOP_RUNS}: plain GET pull at the end of the log",
        )
        report.add(
            "sync_noop_ms",
            statistics.median(noop),
            "ms",
            "raw_pull_noop_ms",
            note=f"median of {NOOP_RUNS}: full cycle, empty outbox, nothing new",
        )

        # Baseline push: plain POSTs of 200 new patients, half before and half after the
        # engine's push, so both see the server at the same size on average.
        raw_push = _raw_push(api, 0, N_PUSH // 2)

        def write_all(session):
            for i in range(N_PUSH):
                records.write(session, "patient", uuid.uuid4(), _patient(i))

        cache.write_and_wait(write_all)
        t0 = time.perf_counter()
        result = engine.push()
        push_s = time.perf_counter() - t0
        assert result.applied == N_PUSH, result
        raw_push += _raw_push(api, N_PUSH // 2, N_PUSH)
        report.add(
            "raw_push_records_per_s",
            N_PUSH / raw_push,
            "rec/s",
            note=f"{N_PUSH} new patients in plain POSTs of 200 (half before, half after "
            "the engine's push)",
        )
        report.add(
            "sync_push_records_per_s",
            N_PUSH / push_s,
            "rec/s",
            "raw_push_records_per_s",
            note=f"{N_PUSH} outbox rows (new patients) pushed by the engine in "
            "batches of 200, outcomes applied to the cache",
        )
    finally:
        cache.close()
        api.close()
