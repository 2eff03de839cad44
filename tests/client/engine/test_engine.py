"""The sync engine against the in-process fake server (docs/sync-protocol.md)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from local_db import records
from local_db.schema import OutboxEntry
from sync.client.engine import ClientTooOld
from sync.client.errors import ServerUnreachable

from .fake_sync import FakeSyncServer


def put(engine, entity, rid, data, changed=None):
    return engine.cache.write_and_wait(lambda s: records.write(s, entity, rid, data, changed))


def rec(engine, entity, rid):
    return engine.cache.read(lambda s: records.get(s, entity, rid))


def rows(engine):
    return engine.cache.read(
        lambda s: [
            (r.state, r.op, r.base_version) for r in s.query(OutboxEntry).order_by(OutboxEntry.seq)
        ]
    )


def test_write_commits_the_record_and_its_outbox_row_together(desk) -> None:
    a = desk("doc_a")
    pid = uuid.uuid4()
    row = put(a, "patient", pid, {"name": "张三", "phone": "1"})
    assert isinstance(row.id, uuid.UUID) and row.op == "create" and row.base_version == 0
    view = rec(a, "patient", pid)
    assert view.dirty and view.version == 0 and view.data["name"] == "张三"

    def boom(session):
        records.write(session, "patient", uuid.uuid4(), {"name": "李四"})
        raise RuntimeError("domain check failed")

    with pytest.raises(RuntimeError):
        a.cache.write_and_wait(boom)
    assert len(rows(a)) == 1
    assert len(a.cache.read(lambda s: records.list_records(s))) == 1


def test_edits_before_sending_coalesce_into_one_row(desk) -> None:
    a = desk("doc_a")
    pid = uuid.uuid4()
    first = put(a, "patient", pid, {"name": "张三", "phone": "1"})
    second = put(a, "patient", pid, {"name": "张三", "phone": "2"})
    assert first.id == second.id
    assert rows(a) == [("pending", "create", 0)]


def test_push_then_pull_reaches_another_desk(fake: FakeSyncServer, desk) -> None:
    a, b, c = desk("doc_a"), desk("doc_b"), desk("doc_c")
    pid = uuid.uuid4()
    key = put(a, "patient", pid, {"name": "张三", "phone": "1"}).id
    result = a.sync_once()
    assert (result.pushed, result.applied) == (1, 1)
    assert rows(a) == [("applied", "create", 0)]
    view = rec(a, "patient", pid)
    assert not view.dirty and view.version == 1
    assert fake.applications == {str(key): 1}

    b.sync_once()
    assert rec(b, "patient", pid).data == {"name": "张三", "phone": "1"}
    c.sync_once()  # another institution: out of its scope
    assert rec(c, "patient", pid) is None


def test_a_pull_never_overwrites_a_pending_local_change(desk) -> None:
    a, b = desk("doc_a"), desk("doc_b")
    pid = uuid.uuid4()
    put(a, "patient", pid, {"name": "张三", "phone": "1", "address": "x"})
    a.sync_once()
    b.sync_once()
    put(b, "patient", pid, {"name": "张三", "phone": "1", "address": "y"}, ["address"])
    put(a, "patient", pid, {"name": "张三", "phone": "2", "address": "x"}, ["phone"])
    a.sync_once()
    b.pull()  # pulls a's phone change while its own address change is unsent
    view = rec(b, "patient", pid)
    assert view.dirty and view.data["address"] == "y" and view.data["phone"] == "1"
    result = b.sync_once()
    assert result.merged == 1
    view = rec(b, "patient", pid)
    assert not view.dirty and view.data == {"name": "张三", "phone": "2", "address": "y"}
    assert view.version == 3


def test_a_rejection_is_parked_and_never_blocks_the_queue(fake: FakeSyncServer, desk) -> None:
    a, b = desk("doc_a"), desk("doc_b")
    pid = uuid.uuid4()
    put(a, "patient", pid, {"name": "张三", "id_number": "1"})
    a.sync_once()
    b.sync_once()
    put(a, "patient", pid, {"name": "张三丰", "id_number": "1"}, ["name"])
    a.sync_once()
    put(b, "patient", pid, {"name": "张叁", "id_number": "1"}, ["name"])
    other = uuid.uuid4()
    put(b, "note", other, {"text": "随访"})
    result = b.sync_once()
    assert result.rejected == 1 and result.applied == 1
    status = b.local_status()
    assert status.pending == 0
    [item] = status.parked
    assert item.reason == "identity_conflict_queued" and item.params == {"fields": ["name"]}
    assert item.data["name"] == "张叁"
    # The record shows the server's state again; the refused edit waits in the parked list.
    assert rec(b, "patient", pid).data["name"] == "张三丰"
    assert rec(b, "note", other).version == 1

    assert b.discard_parked(item.key)
    assert b.local_status().parked == []


def test_retry_of_a_parked_change_sends_it_again_under_a_new_key(fake, desk) -> None:
    a = desk("doc_a")
    nid = uuid.uuid4()
    put(a, "note", nid, {"text": "v1"})
    a.sync_once()
    # Someone else's change this desk has not seen: version_conflict for a note.
    fake.records[("note", str(nid))].version = 5
    put(a, "note", nid, {"text": "v2"})
    a.sync_once()
    [item] = a.local_status().parked
    assert item.reason == "version_conflict"
    a.pull()
    new_key = a.retry_parked(item.key)
    assert new_key and new_key != item.key
    a.sync_once()
    assert a.local_status().parked == []
    assert rec(a, "note", nid).data == {"text": "v2"}


def test_unreachable_server_keeps_everything_and_resends_the_same_key(fake, desk) -> None:
    a = desk("doc_a")
    pid = uuid.uuid4()
    put(a, "patient", pid, {"name": "张三"})
    fake.down = True
    with pytest.raises(ServerUnreachable):
        a.sync_once()
    assert rows(a) == [("sending", "create", 0)]
    assert a.local_status().last_error_code == "server_unreachable"
    # A local edit while the first version is (maybe) at the server goes to a new row.
    put(a, "patient", pid, {"name": "张三", "phone": "9"})
    assert [r[0] for r in rows(a)] == ["sending", "pending"]
    fake.down = False
    a.sync_once()
    assert [r[0] for r in rows(a)] == ["applied", "applied"]
    view = rec(a, "patient", pid)
    assert view.version == 2 and view.data == {"name": "张三", "phone": "9"} and not view.dirty
    assert sorted(fake.applications.values()) == [1, 1]


def test_lost_answer_is_replayed_not_reapplied(fake, desk) -> None:
    calls = {"n": 0}

    def lossy(request: httpx.Request) -> httpx.Response:
        response = fake.handle(request)
        if request.url.path.endswith("/push") and calls["n"] == 0:
            calls["n"] += 1
            raise httpx.ReadTimeout("answer lost", request=request)
        return response

    a = desk("doc_a", transport=httpx.MockTransport(lossy))
    pid = uuid.uuid4()
    key = put(a, "patient", pid, {"name": "张三"}).id
    with pytest.raises(ServerUnreachable):
        a.sync_once()
    a.sync_once()
    assert fake.applications == {str(key): 1}
    assert rec(a, "patient", pid).version == 1


def test_resync_required_restarts_from_the_beginning_keeping_local_changes(fake, desk) -> None:
    a, b = desk("doc_a"), desk("doc_b")
    ids = [uuid.uuid4() for _ in range(3)]
    for i in ids:
        put(a, "note", i, {"text": str(i)})
    a.sync_once()
    b.sync_once()
    mine = uuid.uuid4()
    put(b, "note", mine, {"text": "unsent"})
    b.cache.write_and_wait(lambda s: records.delete(s, "note", ids[0]) and None)
    # ids[1] disappears from the server entirely (purged past the horizon)
    del fake.records[("note", str(ids[1]))]
    fake.log = [e for e in fake.log if e[2]["id"] != str(ids[1])]
    put(a, "note", ids[2], {"text": "new"})
    a.sync_once()
    fake.purge_before(fake.seq + 1)
    result = b.pull()
    assert result.resynced
    assert rec(b, "note", mine).data == {"text": "unsent"}  # kept
    assert rec(b, "note", ids[0]).deleted  # unsent local delete kept
    assert rec(b, "note", ids[1]) is None  # gone from the scope
    b.sync_once()
    assert rec(b, "note", ids[2]).data == {"text": "new"}


def test_client_too_old_is_a_clear_status(fake, desk) -> None:
    a = desk("doc_a", client_schema=0)
    fake.min_schema = 1
    put(a, "note", uuid.uuid4(), {"text": "x"})
    with pytest.raises(ClientTooOld) as info:
        a.sync_once()
    assert info.value.params == {"minimum": 1}
    assert a.local_status().last_error_code == "client_too_old"


def test_batches_are_bounded_and_ordered(fake, desk) -> None:
    a = desk("doc_a", batch_size=50)
    for i in range(120):
        put(a, "note", uuid.uuid4(), {"n": i})
    result = a.sync_once()
    assert result.pushed == 120 and fake.push_requests == 3
    b = desk("doc_b", page_limit=25)
    assert b.pull().pulled == 120
    assert len(b.cache.read(lambda s: records.list_records(s, "note"))) == 120
