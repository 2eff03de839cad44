"""A loopback TCP proxy that a test controls, to inject network faults.

    from tests.support.fault_proxy import FaultProxy

    with FaultProxy(("127.0.0.1", server.port)) as proxy:       # listens on a free port
        api = ServerApi(proxy.url)                              # talk through it
        proxy.drop_after(upstream_bytes=5_000_000)              # cut the next connection
        ...                                                     # after 5 MB client->server
        proxy.clear()                                           # back to a clean line

API (every method is thread-safe and acts on the bytes that pass from the call on, on
every connection, kept-alive ones included):

- `FaultProxy(target, *, host="127.0.0.1", port=0, lifetime_s=300)`: `target` is
  (host, port) of the real server. `.url` ("http://127.0.0.1:PORT"), `.port`.
  `start()`/`stop()`, or use it as a context manager. A daemon thread; it also stops by
  itself after `lifetime_s`, so a forgotten proxy never outlives the test run.
- `drop_after(upstream_bytes=None, downstream_bytes=None, times=1)`: once that many more
  bytes went client->server (upstream) or server->client (downstream), the connection
  carrying them is closed abruptly (RST) on both sides; then counting starts again, `times`
  times in all (`None`: forever).
- `truncate_responses(after_bytes, times=1)`: after that many more bytes server->client,
  close the connection cleanly (FIN): the client reads a short answer.
- `delay(seconds)`: sleep before forwarding each piece (<= 64 KiB) in both directions
  (a slow line).
- `refuse(True)`: new connections are accepted and closed at once (a server that is not
  there); `refuse(False)` lifts it.
- `corrupt_upstream(at_byte, times=1)`: flip the byte `at_byte` bytes from now in the
  client->server direction (bit rot that checksums must catch).
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
class _Rule:
    """Act once `after` more bytes have passed in one direction (counted over every
    connection from when the rule was set), `times` times (None: forever)."""

    after: int
    times: int | None
    mark: int  # the direction's byte count when counting (re)started


class FaultProxy:
    def __init__(self, target: tuple[str, int], *, host: str = "127.0.0.1", port: int = 0,
                 lifetime_s: float = 300.0) -> None:
        self.target = target
        self.lifetime_s = lifetime_s
        self._lock = threading.Lock()
        self._rules: dict[str, _Rule] = {}
        self._delay_s = 0.0
        self._refuse = False
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
            if upstream_bytes is not None:
                self._rules["drop_up"] = _Rule(upstream_bytes, times, self.bytes_up)
            if downstream_bytes is not None:
                self._rules["drop_down"] = _Rule(downstream_bytes, times, self.bytes_down)

    def truncate_responses(self, after_bytes: int, times: int | None = 1) -> None:
        with self._lock:
            self._rules["truncate"] = _Rule(after_bytes, times, self.bytes_down)

    def corrupt_upstream(self, at_byte: int, times: int | None = 1) -> None:
        with self._lock:
            self._rules["corrupt"] = _Rule(at_byte, times, self.bytes_up)

    def delay(self, seconds: float) -> None:
        with self._lock:
            self._delay_s = seconds

    def refuse(self, on: bool = True) -> None:
        with self._lock:
            self._refuse = on

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._delay_s, self._refuse = 0.0, False

    def cut_all(self) -> None:
        with self._lock:
            socks = list(self._open)
            self._open.clear()
        for s in socks:
            _reset(s)
        if socks:
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
                refuse = self._refuse
            if refuse:
                self.faults.append("refused")
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            pair = _Pair(self, client, upstream)
            threading.Thread(target=pair.pump, args=(True,), daemon=True).start()
            threading.Thread(target=pair.pump, args=(False,), daemon=True).start()
        self._stop.set()

    def _due(self, name: str, position: int, length: int) -> int | None:
        """Offset inside this piece where rule `name` fires, or None. Lock held."""
        rule = self._rules.get(name)
        if rule is None:
            return None
        at = rule.mark + rule.after - position
        if not 0 <= at < length + (0 if name == "corrupt" else 1):
            return None
        if rule.times is not None:
            rule.times -= 1
        if rule.times == 0:
            del self._rules[name]
        else:
            rule.mark = position + at
        return at

    def _plan_piece(self, upstream: bool, data: bytes) -> tuple[bytes, int | None, str | None]:
        """(data to forward, how much of it before acting, action: 'reset' or 'close')."""
        with self._lock:
            if upstream:
                position = self.bytes_up
                at = self._due("corrupt", position, len(data))
                if at is not None:
                    data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
                    self.faults.append("corrupted upstream byte")
                at = self._due("drop_up", position, len(data))
                if at is not None:
                    self.bytes_up += at
                    self.faults.append(f"dropped after {position + at} bytes up")
                    return data, at, "reset"
                self.bytes_up += len(data)
                return data, None, None
            position = self.bytes_down
            at = self._due("truncate", position, len(data))
            if at is not None:
                self.bytes_down += at
                self.faults.append(f"truncated response after {position + at} bytes down")
                return data, at, "close"
            at = self._due("drop_down", position, len(data))
            if at is not None:
                self.bytes_down += at
                self.faults.append(f"dropped after {position + at} bytes down")
                return data, at, "reset"
            self.bytes_down += len(data)
            return data, None, None

    def _forget(self, *socks: socket.socket) -> None:
        with self._lock:
            for s in socks:
                self._open.discard(s)


class _Pair:
    def __init__(self, proxy: FaultProxy, client: socket.socket, upstream: socket.socket
                 ) -> None:
        self.proxy, self.client, self.upstream = proxy, client, upstream
        self.dead = False

    def _end(self, action: str | None) -> None:
        if self.dead:
            return
        self.dead = True
        for s in (self.client, self.upstream):
            if action == "close":
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
            else:
                _reset(s)
        self.proxy._forget(self.client, self.upstream)

    def pump(self, upstream: bool) -> None:
        src, dst = (self.client, self.upstream) if upstream else (self.upstream, self.client)
        try:
            while not self.dead:
                data = src.recv(PIECE)
                if not data:
                    with contextlib.suppress(OSError):
                        dst.shutdown(socket.SHUT_WR)
                    return
                if self.proxy._delay_s:
                    time.sleep(self.proxy._delay_s)
                data, cut, action = self.proxy._plan_piece(upstream, data)
                if cut is None:
                    dst.sendall(data)
                    continue
                dst.sendall(data[:cut])
                self._end(action)
                return
        except OSError:
            self._end(None)


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0): the peer sees 'connection reset', like a dead line.

    SHUT_RD first: another thread may be blocked in recv() on this socket, and until it
    returns the kernel keeps the socket open, so close() alone would send nothing."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)
    with contextlib.suppress(OSError):
        sock.close()
