"""A loopback TCP proxy that a test controls, to inject network faults.

    from tests.support.fault_proxy import FaultProxy

    with FaultProxy(("127.0.0.1", server.port)) as proxy:       # listens on a free port
        api = ServerApi(proxy.url)                              # talk through it
        proxy.drop_after(upstream_bytes=5_000_000)              # cut the next connection
        ...                                                     # after 5 MB client->server
        proxy.clear()                                           # back to a clean line

API (every method is thread-safe and takes effect for connections accepted from then on,
except `cut_all`, which acts at once):

- `FaultProxy(target, *, host="127.0.0.1", port=0, lifetime_s=300)`: `target` is
  (host, port) of the real server. `.url` ("http://127.0.0.1:PORT"), `.port`.
  `start()`/`stop()`, or use it as a context manager. A daemon thread; it also stops by
  itself after `lifetime_s`, so a forgotten proxy never outlives the test run.
- `drop_after(upstream_bytes=None, downstream_bytes=None, times=1)`: the next `times`
  connections are closed abruptly (RST) once that many bytes went client->server
  (upstream) or server->client (downstream). `times=None`: every connection.
- `truncate_responses(after_bytes, times=1)`: forward only the first `after_bytes` of the
  server's answer, then close cleanly (FIN): a short read for the client.
- `delay(seconds, per="chunk")`: sleep before forwarding each piece of data in both
  directions (a slow, high-latency line).
- `refuse(True)`: new connections are accepted and closed at once (a server that is not
  there); `refuse(False)` lifts it.
- `corrupt_upstream(at_byte, times=1)`: flip one byte of client->server data at that
  position in the connection's stream (bit rot the checksums must catch).
- `clear()`: no faults. `cut_all()`: close every open connection now.
- Counters: `.connections` (accepted so far), `.bytes_up`, `.bytes_down`, `.faults`
  (a list of strings, one per fault applied, for assertions and debugging).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass

PIECE = 64 << 10


@dataclass
class _Plan:
    drop_up: int | None = None
    drop_down: int | None = None
    drop_times: int | None = 0
    truncate_down: int | None = None
    truncate_times: int | None = 0
    corrupt_at: int | None = None
    corrupt_times: int | None = 0
    delay_s: float = 0.0
    refuse: bool = False


def _take(times: int | None) -> tuple[bool, int | None]:
    """(applies to this connection, remaining)."""
    if times is None:
        return True, None
    if times > 0:
        return True, times - 1
    return False, 0


class FaultProxy:
    def __init__(self, target: tuple[str, int], *, host: str = "127.0.0.1", port: int = 0,
                 lifetime_s: float = 300.0) -> None:
        self.target = target
        self.lifetime_s = lifetime_s
        self._lock = threading.Lock()
        self._plan = _Plan()
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self._stop = threading.Event()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        self.connections = self.bytes_up = self.bytes_down = 0
        self.faults: list[str] = []

    # -- control ------------------------------------------------------------------------

    def drop_after(self, upstream_bytes: int | None = None, downstream_bytes: int | None = None,
                   times: int | None = 1) -> None:
        with self._lock:
            self._plan.drop_up, self._plan.drop_down = upstream_bytes, downstream_bytes
            self._plan.drop_times = times

    def truncate_responses(self, after_bytes: int, times: int | None = 1) -> None:
        with self._lock:
            self._plan.truncate_down, self._plan.truncate_times = after_bytes, times

    def corrupt_upstream(self, at_byte: int, times: int | None = 1) -> None:
        with self._lock:
            self._plan.corrupt_at, self._plan.corrupt_times = at_byte, times

    def delay(self, seconds: float) -> None:
        with self._lock:
            self._plan.delay_s = seconds

    def refuse(self, on: bool = True) -> None:
        with self._lock:
            self._plan.refuse = on

    def clear(self) -> None:
        with self._lock:
            self._plan = _Plan()

    def cut_all(self) -> None:
        with self._lock:
            socks = list(self._open)
        for s in socks:
            _reset(s)
        self.faults.append("cut_all")

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self._server.close()
        self.cut_all()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- the work -----------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            if time.monotonic() - self._started > self.lifetime_s:
                break
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            client.settimeout(None)
            with self._lock:
                self.connections += 1
                plan = self._plan
                if plan.refuse:
                    self.faults.append("refused")
                    _reset(client)
                    continue
                drop, plan.drop_times = _take(plan.drop_times)
                trunc, plan.truncate_times = _take(plan.truncate_times)
                corrupt, plan.corrupt_times = _take(plan.corrupt_times)
                conn_plan = _Plan(
                    drop_up=plan.drop_up if drop else None,
                    drop_down=plan.drop_down if drop else None,
                    truncate_down=plan.truncate_down if trunc else None,
                    corrupt_at=plan.corrupt_at if corrupt else None,
                    delay_s=plan.delay_s,
                )
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            pair = _Pair(self, client, upstream, conn_plan)
            threading.Thread(target=pair.pump_up, daemon=True).start()
            threading.Thread(target=pair.pump_down, daemon=True).start()
        self._stop.set()

    def _forget(self, *socks: socket.socket) -> None:
        with self._lock:
            for s in socks:
                self._open.discard(s)


class _Pair:
    def __init__(self, proxy: FaultProxy, client: socket.socket, upstream: socket.socket,
                 plan: _Plan) -> None:
        self.proxy, self.client, self.upstream, self.plan = proxy, client, upstream, plan
        self.up = self.down = 0
        self.dead = False

    def _kill(self, why: str | None) -> None:
        if self.dead:
            return
        self.dead = True
        if why:
            self.proxy.faults.append(why)
        _reset(self.client)
        _reset(self.upstream)
        self.proxy._forget(self.client, self.upstream)

    def pump_up(self) -> None:
        p = self.plan
        try:
            while not self.dead:
                data = self.client.recv(PIECE)
                if not data:
                    with contextlib.suppress(OSError):
                        self.upstream.shutdown(socket.SHUT_WR)
                    return
                if p.delay_s:
                    time.sleep(p.delay_s)
                if p.corrupt_at is not None and self.up <= p.corrupt_at < self.up + len(data):
                    i = p.corrupt_at - self.up
                    data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
                    p.corrupt_at = None
                    self.proxy.faults.append("corrupted upstream byte")
                if p.drop_up is not None and self.up + len(data) >= p.drop_up:
                    keep = max(0, p.drop_up - self.up)
                    self.upstream.sendall(data[:keep])
                    self.up += keep
                    self.proxy.bytes_up += keep
                    self._kill(f"dropped after {self.up} bytes up")
                    return
                self.upstream.sendall(data)
                self.up += len(data)
                self.proxy.bytes_up += len(data)
        except OSError:
            self._kill(None)

    def pump_down(self) -> None:
        p = self.plan
        try:
            while not self.dead:
                data = self.upstream.recv(PIECE)
                if not data:
                    with contextlib.suppress(OSError):
                        self.client.shutdown(socket.SHUT_WR)
                    self.proxy._forget(self.upstream)
                    return
                if p.delay_s:
                    time.sleep(p.delay_s)
                if p.truncate_down is not None and self.down + len(data) >= p.truncate_down:
                    keep = max(0, p.truncate_down - self.down)
                    self.client.sendall(data[:keep])
                    self.down += keep
                    self.proxy.bytes_down += keep
                    self.proxy.faults.append(f"truncated response after {self.down} bytes")
                    self.dead = True
                    for s in (self.client, self.upstream):
                        with contextlib.suppress(OSError):
                            s.shutdown(socket.SHUT_RDWR)
                        with contextlib.suppress(OSError):
                            s.close()
                    self.proxy._forget(self.client, self.upstream)
                    return
                if p.drop_down is not None and self.down + len(data) >= p.drop_down:
                    keep = max(0, p.drop_down - self.down)
                    self.client.sendall(data[:keep])
                    self.down += keep
                    self.proxy.bytes_down += keep
                    self._kill(f"dropped after {self.down} bytes down")
                    return
                self.client.sendall(data)
                self.down += len(data)
                self.proxy.bytes_down += len(data)
        except OSError:
            self._kill(None)


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0): the peer sees 'connection reset', like a dead line."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
