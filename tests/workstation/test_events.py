from datetime import UTC, datetime

from workstation.events import ConnectivityChanged, EventBus, PendingChangesChanged


def test_handlers_receive_only_their_event_type():
    bus = EventBus()
    seen = []
    bus.subscribe(PendingChangesChanged, seen.append)
    bus.publish(ConnectivityChanged(online=True, checked_at=datetime.now(UTC)))
    bus.publish(PendingChangesChanged(count=3))
    assert seen == [PendingChangesChanged(count=3)]


def test_a_failing_handler_does_not_stop_the_others():
    bus = EventBus()
    seen = []

    def broken(_event):
        raise RuntimeError("boom")

    bus.subscribe(PendingChangesChanged, broken)
    bus.subscribe(PendingChangesChanged, seen.append)
    bus.publish(PendingChangesChanged(count=1))
    assert seen == [PendingChangesChanged(count=1)]
    bus.unsubscribe(PendingChangesChanged, broken)
    bus.publish(PendingChangesChanged(count=2))
    assert len(seen) == 2
