"""Run the REAL `workstation-server` as a subprocess, for end-to-end tests.

    from tests.support.server_process import start_server

    with start_server(tmp_path, demo=True) as server:   # waits until /health answers
        httpx.get(f"{server.url}/health")
    # stopped here: terminate, then kill after `stop_timeout`

The server listens on a free loopback port (`--port 0`; the port is read from the line it
prints), keeps its data under `tmp_path`, and writes stdout/stderr to files there, so a
chatty server can never block on a full pipe. Start failures raise ServerStartError with
the exit code and the server's stderr. Fixture: `live_server` (demo county, --demo).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0
_LISTENING = re.compile(r"workstation-server listening on (http://\S+)")


class ServerStartError(RuntimeError):
    pass


@dataclass
class ServerProcess:
    url: str
    data_dir: Path
    process: subprocess.Popen
    stdout_path: Path
    stderr_path: Path
    args: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        return self.process.pid

    def stdout(self) -> str:
        return _read(self.stdout_path)

    def stderr(self) -> str:
        return _read(self.stderr_path)

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> int:
        """Terminate (graceful shutdown), kill if it lingers; returns the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=timeout)
        return self.process.returncode

    def kill(self) -> int:
        """Hard stop (SIGKILL), for fault tests."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        return self.process.returncode

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _fresh_dir(base: Path, name: str) -> Path:
    candidate, n = base / name, 1
    while candidate.exists():
        n += 1
        candidate = base / f"{name}-{n}"
    candidate.mkdir(parents=True)
    return candidate


def server_command(data_dir: Path, *, demo: bool = True, db_url: str | None = None,
                   seed_dir: Path | None = None, port: int = 0,
                   extra_args: Sequence[str] = ()) -> list[str]:
    cmd = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(data_dir),
           "--host", "127.0.0.1", "--port", str(port)]
    if demo:
        cmd.append("--demo")
    if db_url:
        cmd += ["--db", db_url]
    if seed_dir is not None:
        cmd += ["--seed", str(seed_dir)]
    return cmd + list(extra_args)


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("WS_SERVER_DATA_DIR", None)
    env.update(extra or {})
    return env


def start_server(
    tmp_path: Path,
    *,
    demo: bool = True,
    extra_args: Sequence[str] = (),
    db_url: str | None = None,
    seed_dir: Path | None = None,
    timeout: float = START_TIMEOUT_S,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """Start `workstation-server` and return once GET /health answers 200."""
    run_dir = _fresh_dir(Path(tmp_path), "server")
    data_dir = run_dir / "data"
    out_path, err_path = run_dir / "stdout.log", run_dir / "stderr.log"
    cmd = server_command(data_dir, demo=demo, db_url=db_url, seed_dir=seed_dir,
                         extra_args=extra_args)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=REPO_ROOT, env=_env(env))
    server = ServerProcess("", data_dir, proc, out_path, err_path, cmd)
    try:
        server.url = _wait_until_healthy(server, timeout)
    except BaseException:
        server.stop(timeout=5)
        raise
    return server


def _wait_until_healthy(server: ServerProcess, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise ServerStartError(
                f"workstation-server exited with code {code} before answering.\n"
                f"command: {' '.join(server.args)}\n--- stderr ---\n{server.stderr()}"
            )
        if url is None:
            found = _LISTENING.search(server.stdout())
            url = found.group(1) if found else None
        if url is not None:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return url
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.05)
    raise ServerStartError(
        f"workstation-server did not answer /health within {timeout:.0f} s "
        f"(listening line seen: {url is not None}).\ncommand: {' '.join(server.args)}\n"
        f"--- stderr ---\n{server.stderr()}"
    )


def run_server_expecting_exit(tmp_path: Path, *, demo: bool = True,
                              extra_args: Sequence[str] = (), seed_dir: Path | None = None,
                              db_url: str | None = None,
                              timeout: float = START_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Run the server for a case where it must refuse to start; returns the finished
    process (text stdout/stderr). If it starts serving instead, it is stopped and the
    test fails."""
    data_dir = _fresh_dir(Path(tmp_path), "server") / "data"
    cmd = server_command(data_dir, demo=demo, db_url=db_url, seed_dir=seed_dir,
                         extra_args=extra_args)
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              cwd=REPO_ROOT, env=_env(None), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"workstation-server kept running instead of refusing to start:\n"
                    f"{exc.stderr!r}")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The real server with the demo county and --demo, on SQLite in tmp_path."""
    with start_server(tmp_path, demo=True) as server:
        yield server
