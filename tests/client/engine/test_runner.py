"""The background runner: triggers, backoff with full jitter, observable status."""

from __future__ import annotations

import threading
import uuid

from local_db import records
from sync.client.engine import SyncRunner, SyncStatus, full_jitter


def test_full_jitter_grows_from_one_second_to_five_minutes() -> None:
    top = [full_jitter(n, 1.0, 300.0, lambda: 1.0) for n in range(1, 12)]
    assert top[:4] == [1.0, 2.0, 4.0, 8.0]
    assert top[-1] == 300.0 and max(top) == 300.0
    assert full_jitter(5, 1.0, 300.0, lambda: 0.0) == 0.0


def _runner(engine, seen, **kwargs) -> SyncRunner:
    kwargs.setdefault("interval", 3600)
    return SyncRunner(engine, on_status=seen.append, change_delay=0, **kwargs)


def test_local_change_triggers_a_cycle_and_status_is_reported(desk) -> None:
    a = desk("doc_a")
    seen: list[SyncStatus] = []
    runner = _runner(a, seen)
    runner.start()
    try:
        assert runner.wait_idle(0)  # the first cycle runs at start
        pid = uuid.uuid4()
        a.cache.write_and_wait(lambda s: records.write(s, "patient", pid, {"name": "张三"}))
        done = runner.cycles
        runner.local_change()
        assert runner.wait_idle(done)
        status = runner.status
        assert status.online is True and status.state == "idle" and status.pending == 0
        assert status.last_success_at is not None and status.last_error is None
        assert any(s.pending == 1 for s in seen)  # the change was shown as pending first
        assert any(s.state == "syncing" for s in seen)
        assert status.next_attempt_in == 3600
    finally:
        runner.stop()
    assert runner.status.state == "stopped"


def test_unreachable_backs_off_then_connectivity_brings_it_back(fake, desk) -> None:
    a = desk("doc_a")
    fake.down = True
    seen: list[SyncStatus] = []
    # rng = 1.0 shows the ceiling of each wait; tiny base so the test never sleeps long.
    runner = _runner(a, seen, base_backoff=0.001, max_backoff=0.004, rng=lambda: 1.0)
    a.cache.write_and_wait(lambda s: records.write(s, "note", uuid.uuid4(), {"t": 1}))
    runner.start()
    try:
        assert runner.wait_idle(3)
        offline = [s.next_attempt_in for s in seen if s.state == "offline"]
        assert offline[:4] == [0.001, 0.002, 0.004, 0.004]
        assert runner.status.online is False
        assert runner.status.last_error == "server_unreachable"
        assert runner.status.pending == 1
        fake.down = False
        runner.connectivity_changed(True)
        deadline_cycles = runner.cycles
        while runner.status.state != "idle":
            assert runner.wait_idle(deadline_cycles)
            deadline_cycles = runner.cycles
        assert runner.status.online is True and runner.status.pending == 0
    finally:
        runner.stop()


def test_client_too_old_halts_until_sync_now(fake, desk) -> None:
    a = desk("doc_a", client_schema=0)
    fake.min_schema = 1
    a.cache.write_and_wait(lambda s: records.write(s, "note", uuid.uuid4(), {"t": 1}))
    seen: list[SyncStatus] = []
    runner = _runner(a, seen, base_backoff=0.001)
    runner.start()
    try:
        assert runner.wait_idle(0)
        status = runner.status
        assert status.state == "client_too_old" and status.last_error == "client_too_old"
        assert status.last_error_params == {"minimum": 1} and status.next_attempt_in is None
        fake.min_schema = 0
        done = runner.cycles
        runner.sync_now()
        assert runner.wait_idle(done)
        assert runner.status.state == "idle" and runner.status.pending == 0
    finally:
        runner.stop()


def test_parked_items_are_listed_and_can_be_discarded(fake, desk) -> None:
    a = desk("doc_a")
    nid = uuid.uuid4()
    a.cache.write_and_wait(lambda s: records.write(s, "note", nid, {"t": 1}))
    a.sync_once()
    fake.records[("note", str(nid))].version = 7
    a.cache.write_and_wait(lambda s: records.write(s, "note", nid, {"t": 2}))
    seen: list[SyncStatus] = []
    runner = _runner(a, seen)
    runner.start()
    try:
        assert runner.wait_idle(0)
        [item] = runner.status.parked
        assert item.reason == "version_conflict" and item.params == {"current": 7}
        assert runner.discard_parked(item.key)
        assert runner.status.parked == ()
    finally:
        runner.stop()


def test_a_failing_listener_does_not_stop_sync(desk) -> None:
    a = desk("doc_a")
    calls = threading.Event()

    def broken(status: SyncStatus) -> None:
        calls.set()
        raise ValueError("ui went away")

    runner = SyncRunner(a, on_status=broken, interval=3600)
    runner.start()
    try:
        assert runner.wait_idle(0)
        assert calls.is_set() and runner.status.state == "idle"
    finally:
        runner.stop()
