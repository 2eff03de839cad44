"""Issue 3 blob figures: a 250 MB upload to the real server on loopback, beside one plain
streamed HTTP request of the same bytes to a minimal sink, in the same run.

Each upload runs in its own fresh client process, which reports its elapsed time and its
peak RSS (VmHWM), so the memory figure is the uploader's alone. The raw sink is a separate
minimal uvicorn process (same HTTP stack as the server) that streams the body to a file;
it is bench-only, not a product endpoint.

    .venv/bin/python -m tests.bench sync_blobs
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.report import Report
from tests.support.server_process import REPO_ROOT, start_server

SIZE_MB = 250
MB = 1 << 20
TIMEOUT_S = 300
ROUNDS = 3

SINK = r"""
import asyncio, os, socket, sys
import uvicorn

target = sys.argv[1]

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    received = 0
    try:
        while True:
            message = await receive()
            body = message.get("body", b"")
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view):]
            received += len(body)
            if not message.get("more_body"):
                break
        os.fsync(fd)
    finally:
        os.close(fd)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": str(received).encode()})

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
sock.bind(("127.0.0.1", 0))
print(f"sink listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off")).run(sockets=[sock])
"""


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(kind: str, url: str, path: str, *login: str) -> None:
    """Runs in a fresh process: one upload, then prints {"seconds", "peak_rss_mb"}."""
    import httpx

    if kind == "raw":
        def pieces():
            with open(path, "rb") as f:
                while piece := f.read(1 << 20):
                    yield piece

        with httpx.Client(timeout=120) as client:
            t0 = time.perf_counter()
            response = client.post(url, content=pieces(),
                                   headers={"Content-Length": str(os.path.getsize(path))})
            seconds = time.perf_counter() - t0
        assert response.status_code == 200 and int(response.text) == os.path.getsize(path)
    else:
        from sync.client.api import ServerApi
        from sync.client.blobs import upload_file

        api = ServerApi(url)
        api.login(*login)
        t0 = time.perf_counter()
        result = upload_file(api, path)
        seconds = time.perf_counter() - t0
        assert result.size == os.path.getsize(path) and not result.already_stored
    print(json.dumps({"seconds": seconds, "peak_rss_mb": _peak_rss_mb(),
                      "cpu_s": _cpu_s(os.getpid())}), flush=True)


def _run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.bench.sync_blobs", *args],
                         capture_output=True, text=True, timeout=TIMEOUT_S, cwd=REPO_ROOT,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _make_file(path: Path) -> None:
    with open(path, "wb") as f:
        for _ in range(SIZE_MB // 4):
            f.write(os.urandom(4 * MB))


def _start_sink(target: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-c", SINK, str(target)], stdout=subprocess.PIPE,
                            text=True, cwd=REPO_ROOT)
    line = proc.stdout.readline() if proc.stdout else ""
    if "listening on" not in line:
        proc.kill()
        raise RuntimeError(f"raw sink did not start: {line!r}")
    return proc, line.split()[-1]


def run(report: Report) -> None:
    raws, blobs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / "upload.bin"
        _make_file(source)
        sink, sink_url = _start_sink(tmp_path / "sink.bin")
        try:
            with start_server(tmp_path / "server", demo=True) as server:
                login = _demo_user(server.url)
                for _ in range(ROUNDS):  # interleaved, so load from elsewhere hits both alike
                    before = _cpu_s(sink.pid)
                    raws.append(_run_child("raw", sink_url, str(source)))
                    raws[-1]["server_cpu_s"] = _cpu_s(sink.pid) - before
                    (tmp_path / "sink.bin").unlink(missing_ok=True)
                    before = _cpu_s(server.pid)
                    blobs.append(_run_child("blob", server.url, str(source), *login))
                    blobs[-1]["server_cpu_s"] = _cpu_s(server.pid) - before
                    for stored in (server.data_dir / "blobs").rglob("*"):
                        if stored.is_file():
                            stored.unlink()  # the next round uploads it afresh
        finally:
            sink.terminate()
            sink.wait(10)
    raw = min(raws, key=lambda r: r["seconds"])
    blob = min(blobs, key=lambda r: r["seconds"])
    report.add("raw_http_upload_mb_per_s", SIZE_MB / raw["seconds"], "MB/s",
               note=f"best of {ROUNDS}: {SIZE_MB} MB in one streamed POST to a minimal uvicorn "
                    f"sink writing to disk (fsync at end), loopback, fresh client process; "
                    f"CPU s client/server {raw['cpu_s']:.2f}/{raw['server_cpu_s']:.2f}")
    report.add("blob_upload_mb_per_s", SIZE_MB / blob["seconds"], "MB/s",
               "raw_http_upload_mb_per_s",
               note=f"best of {ROUNDS}, interleaved with raw: {SIZE_MB} MB upload_file to the "
                    f"real server: whole-file and 8 MiB chunk SHA-256, chunks verified, "
                    f"whole file verified and fsynced (goal >= 0.8 x raw); "
                    f"CPU s client/server {blob['cpu_s']:.2f}/{blob['server_cpu_s']:.2f}")
    report.add("blob_upload_peak_rss_mb", max(b["peak_rss_mb"] for b in blobs), "MB",
               note=f"uploading client process peak RSS (VmHWM) for a {SIZE_MB} MB file "
                    f"(raw client: {max(r['peak_rss_mb'] for r in raws):.0f} MB)")


def _demo_user(url: str) -> tuple[str, str]:
    import httpx

    accounts = httpx.get(f"{url}/api/v1/demo/accounts", timeout=10).json()
    tech = next(a for a in accounts if "ecg_technician" in a["roles"])
    return tech["username"], tech["password"]


if __name__ == "__main__":
    child(*sys.argv[1:])
