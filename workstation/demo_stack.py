"""Start the whole demo on one machine: the central server, then the desk client.

`make run` and `python -m workstation` land here. The server runs as its own process on a
free loopback port with a seeded demo county; the client is pointed at it; when the
client exits the server is stopped. Both are started as processes (not imported) so this
module stays free of Qt and of the server's code.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SERVER_START_TIMEOUT_S = 60.0
# The desk keeps one cache per (server address, user); a stable port lets offline login
# work across runs of the demo. Any free port is used when this one is taken.
PREFERRED_PORT = 47810


def free_loopback_port(preferred: int = PREFERRED_PORT) -> int:
    for candidate in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free loopback port")


def wait_for_health(url: str, proc: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the central server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1.0) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the central server did not answer on {url} within {timeout_s:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m workstation",
        description="Start the central server with the demo county and the desk client.",
    )
    parser.add_argument("--data-dir", default="build/demo-server", help="server data directory")
    parser.add_argument("--port", type=int, default=0, help="server port (0: a free one)")
    parser.add_argument("--server-only", action="store_true", help="do not start the client")
    args, client_args = parser.parse_known_args(argv)

    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    server_cmd = [
        sys.executable, "-m", "sync.server.cli",
        "--data-dir", str(data_dir), "--host", "127.0.0.1", "--port", str(port), "--demo",
    ]
    log_path = data_dir / "server.log"
    with open(log_path, "ab") as log:
        server = subprocess.Popen(server_cmd, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_health(url, server, SERVER_START_TIMEOUT_S)
            print(f"central server (demo county) on {url}; log: {log_path}", flush=True)
            if args.server_only:
                with contextlib.suppress(KeyboardInterrupt):
                    server.wait()
                return 0
            client = subprocess.run(
                [sys.executable, "-m", "ui", "--server", url, *client_args],
                env=os.environ.copy(),
                check=False,
            )
            return client.returncode
        except RuntimeError as exc:
            print(f"error: {exc}; see {log_path}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
        finally:
            stop(server)


if __name__ == "__main__":
    raise SystemExit(main())
