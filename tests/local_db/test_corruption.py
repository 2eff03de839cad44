"""A damaged cache is detected on open, kept aside byte for byte, and replaced by a fresh one."""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from local_db import CacheUnusable, corruption, migrate, open_cache, open_cache_file
from local_db.schema import Department, Institution

from .conftest import SERVER


def _fill(session) -> None:
    for i in range(150):
        inst = Institution(
            id=uuid.uuid4(), code=f"I{i:04}", name="乡镇卫生院" * 5, kind="township_health_centre"
        )
        session.add(inst)
        session.flush()
        for j in range(3):
            session.add(
                Department(institution_id=inst.id, code=f"D{j}", name="科室" * 10, kind="clinical")
            )


def _assert_fresh(cache) -> None:
    with cache.reading() as s:
        assert migrate.current_revision(s.connection()) == migrate.head_revision()
        assert s.scalars(select(Institution)).all() == []
    cache.write_and_wait(
        lambda s: s.add(Institution(code="NEW", name="新", kind="county_hospital"))
    )


def _kept_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_garbage_bytes_are_kept_aside_and_a_fresh_cache_opens(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    garbage = b"this is not a database, it is a scanned referral letter\n" * 200
    path.write_bytes(garbage)
    with open_cache_file(path) as cache:
        notice = cache.notice
        assert notice is not None and notice.kind == "corrupt_set_aside"
        assert notice.path == path
        assert re.fullmatch(r"c\.sqlite3\.corrupt-\d{8}T\d{6}Z", notice.kept_aside.name)
        assert notice.kept_aside.read_bytes() == garbage
        assert "header" in notice.reason
        _assert_fresh(cache)
    assert _kept_aside(path) == [notice.kept_aside]


def test_a_truncated_real_cache_is_kept_aside_with_its_bytes(data_dir: Path) -> None:
    with open_cache(SERVER, "zhangwei", data_dir) as cache:
        cache.write_and_wait(_fill)
        path = cache.path
    whole = path.read_bytes()
    truncated = whole[: len(whole) // 2]
    path.write_bytes(truncated)
    with open_cache(SERVER, "zhangwei", data_dir) as cache:
        assert cache.notice is not None
        assert cache.notice.kept_aside.read_bytes() == truncated
        assert "malformed" in cache.notice.reason
        _assert_fresh(cache)


def test_wal_and_shm_move_with_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"\x00garbage" * 64)
    wal = b"wal bytes that may hold unsent work"
    (tmp_path / "c.sqlite3-wal").write_bytes(wal)
    (tmp_path / "c.sqlite3-shm").write_bytes(b"shm")
    with open_cache_file(path) as cache:
        kept = cache.notice.kept_aside
        assert Path(f"{kept}-wal").read_bytes() == wal
        assert Path(f"{kept}-shm").read_bytes() == b"shm"


def test_a_short_file_with_a_partial_header_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x10")
    with open_cache_file(path) as cache:
        assert cache.notice is not None


def test_an_empty_file_is_just_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.touch()
    with open_cache_file(path) as cache:
        assert cache.notice is None


def test_a_healthy_cache_is_left_alone(data_dir: Path) -> None:
    with open_cache(SERVER, "zhangwei", data_dir) as cache:
        cache.write_and_wait(_fill)
    with open_cache(SERVER, "zhangwei", data_dir) as cache:
        assert cache.notice is None
        assert cache.read(lambda s: len(s.scalars(select(Institution)).all())) == 150
    assert _kept_aside(cache.path) == []


def test_a_second_corruption_keeps_both_copies(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    for n in range(2):
        path.write_bytes(f"garbage {n}".encode() * 50)
        open_cache_file(path).close()
    kept = _kept_aside(path)
    assert sorted(p.read_bytes()[:9] for p in kept) == [b"garbage 0", b"garbage 1"]


def test_a_file_locked_by_another_process_is_not_taken_for_damage(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "c.sqlite3"
    open_cache_file(path).close()
    monkeypatch.setattr(corruption, "CHECK_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE other_process (x)")
        with pytest.raises(CacheUnusable, match="locked"):
            open_cache_file(path)
    finally:
        holder.close()
    assert _kept_aside(path) == []
    with open_cache_file(path) as cache:
        assert cache.notice is None


def test_damage_the_check_missed_is_caught_when_migrating(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "c.sqlite3"
    garbage = b"SQLite format 3\x00" + b"\xab" * 8000
    path.write_bytes(garbage)
    monkeypatch.setattr("local_db.cache.find_damage", lambda p: None)
    with open_cache_file(path) as cache:
        assert cache.notice is not None and "migration failed" in cache.notice.reason
        assert cache.notice.kept_aside.read_bytes() == garbage
        _assert_fresh(cache)
