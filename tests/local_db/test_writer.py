"""One writer: every write runs on the cache's writer thread, one at a time."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from local_db import LocalCache, outbox
from local_db.schema import Institution, SyncState


def _inst(code: str) -> Institution:
    return Institution(
        id=uuid.uuid4(), code=code, name=f"机构{code}", kind="township_health_centre"
    )


def test_concurrent_writes_from_threads_are_serialised(cache: LocalCache) -> None:
    active = 0
    max_active = 0
    writer_threads: set[int] = set()
    guard = threading.Lock()

    def bump(session) -> None:
        nonlocal active, max_active
        with guard:
            active += 1
            max_active = max(max_active, active)
            writer_threads.add(threading.get_ident())
        # Read-modify-write of one counter: lost updates would show if two ran at once.
        state = session.get(SyncState, 1)
        value = state.next_outbox_seq
        threading.Event().wait(0.001)
        state.next_outbox_seq = value + 1
        with guard:
            active -= 1

    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def client() -> None:
        start.wait()
        try:
            for _ in range(25):
                cache.write_and_wait(bump)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert max_active == 1
    assert len(writer_threads) == 1 and threading.get_ident() not in writer_threads
    assert cache.read(lambda s: s.get(SyncState, 1).next_outbox_seq) == 1 + 8 * 25


def test_reads_proceed_while_a_write_is_open(cache: LocalCache) -> None:
    inside = threading.Event()
    release = threading.Event()

    def slow_write(session) -> None:
        session.add(_inst("T01"))
        session.flush()
        inside.set()
        assert release.wait(30)

    future = cache.write(slow_write)
    assert inside.wait(30)
    # The write holds SQLite's write lock; a reader still gets the last committed snapshot.
    seen = cache.read(lambda s: s.scalars(select(Institution.code)).all())
    assert seen == []
    release.set()
    future.result(30)
    assert cache.read(lambda s: s.scalars(select(Institution.code)).all()) == ["T01"]


def test_a_failed_write_rolls_back_and_the_writer_keeps_going(cache: LocalCache) -> None:
    def boom(session) -> None:
        session.add(_inst("T02"))
        session.flush()
        raise ValueError("domain rule said no")

    with pytest.raises(ValueError):
        cache.write_and_wait(boom)
    cache.write_and_wait(lambda s: s.add(_inst("T03")))
    assert cache.read(lambda s: s.scalars(select(Institution.code)).all()) == ["T03"]


def test_reader_sessions_cannot_write(cache: LocalCache) -> None:
    with pytest.raises(OperationalError, match="readonly"), cache.reading() as s:
        s.add(_inst("T04"))
        s.flush()


def test_waiting_on_the_writer_from_inside_a_write_is_refused(cache: LocalCache) -> None:
    def nested(session) -> None:
        cache.write_and_wait(lambda s: None)

    with pytest.raises(RuntimeError, match="inside a write"):
        cache.write_and_wait(nested)


def test_outbox_sequence_and_count(cache: LocalCache) -> None:
    ids = [uuid.uuid4() for _ in range(3)]

    def add_three(session) -> list[int]:
        return [
            outbox.add(session, "patient", i, "create", {"n": n}).seq for n, i in enumerate(ids)
        ]

    assert cache.write_and_wait(add_three) == [1, 2, 3]
    assert cache.read(outbox.count) == 3

    def mark_first_applied(session) -> None:
        from local_db.schema import OutboxEntry

        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.seq == 1)).one()
        entry.state = "applied"

    cache.write_and_wait(mark_first_applied)
    assert cache.read(outbox.count) == 2
    assert cache.read(lambda s: outbox.count(s, ("applied",))) == 1


def test_closed_cache_refuses_writes(cache: LocalCache) -> None:
    cache.close()
    with pytest.raises(RuntimeError, match="closed"):
        cache.write(lambda s: None)
