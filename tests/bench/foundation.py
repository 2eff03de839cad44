"""Issue 2 figures: client cold start, login to main window, server login under load."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.bench.report import Report
from tests.support.server_process import start_server

DEMO_PASSWORD = "Demo@2026"
RUNS = 5


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def _client_env(home: Path) -> dict[str, str]:
    env = os.environ.copy()
    env.update(QT_QPA_PLATFORM="offscreen", WS_CONFIG_DIR=str(home / "config"),
               WS_DATA_DIR=str(home / "data"))
    return env


def cold_start(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _client_env(home)
        baseline, startup = [], []
        snippet = ("import time; from PySide6.QtWidgets import QApplication; "
                   "app = QApplication([]); print(time.time())")
        for _ in range(RUNS):
            t0 = time.time()
            out = subprocess.run([sys.executable, "-c", snippet], env=env, check=True,
                                 capture_output=True, text=True, timeout=120)
            baseline.append(float(out.stdout.strip().splitlines()[-1]) - t0)
            probe = home / "probe.json"
            t0 = time.time()
            subprocess.run([sys.executable, "-m", "ui", "--startup-probe", str(probe)], env=env,
                           check=True, capture_output=True, timeout=120)
            startup.append(json.loads(probe.read_text(encoding="utf-8"))["shown_at"] - t0)
        report.add("qt_import_baseline_s", statistics.median(baseline), "s",
                   note=f"median of {RUNS}: import PySide6.QtWidgets + QApplication")
        report.add("client_cold_start_s", statistics.median(startup), "s", "qt_import_baseline_s",
                   note=f"median of {RUNS}: process start to login window shown (offscreen)")


def login_to_main_window(report: Report, server_url: str, home: Path, user: str) -> None:
    from PySide6.QtWidgets import QApplication

    from sync.client.session import LoginService
    from ui.app import AppController
    from ui.i18n import LanguageManager
    from ui.tasks import TaskRunner
    from workstation import options as opt

    app = QApplication.instance() or QApplication([])
    samples = []
    for _ in range(RUNS):
        controller = AppController(app, opt.Options(home / "options.json"), LanguageManager.of(app),
                                   LoginService(data_dir=home / "data"), TaskRunner(),
                                   server_hint=server_url)
        controller.start()
        dialog = controller.login_dialog
        dialog.user.setText(user)
        dialog.password.setText(DEMO_PASSWORD)
        t0 = time.perf_counter()
        dialog.attempt_login()
        deadline = t0 + 60
        while not (controller.main_window and controller.main_window.isVisible()):
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no main window: {dialog.message.text()}")
        app.processEvents()  # the first paint of the main window
        samples.append(time.perf_counter() - t0)
        window = controller.main_window
        window.session.close()
        window.close()
        dialog.deleteLater()
    report.add("login_to_main_window_s", statistics.median(samples), "s",
               note=f"median of {RUNS}: click on 登录 to main window painted, real server on loopback")


async def _hammer(url: str, clients: int, per_client: int, request) -> list[float]:
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        async def worker(i: int) -> list[float]:
            times = []
            for _ in range(per_client):
                t0 = time.perf_counter()
                resp = await request(client, i)
                resp.raise_for_status()
                times.append((time.perf_counter() - t0) * 1000)
            return times

        results = await asyncio.gather(*(worker(i) for i in range(clients)))
    return [t for r in results for t in r]


def server_login_load(report: Report, server_url: str, users: list[str]) -> None:
    clients, per_client = 50, 4

    async def health(client, _i):
        return await client.get("/health")

    async def login(client, i):
        return await client.post("/api/v1/auth/login",
                                 json={"username": users[i % len(users)], "password": DEMO_PASSWORD})

    health_ms = asyncio.run(_hammer(server_url, clients, per_client, health))
    login_ms = asyncio.run(_hammer(server_url, clients, per_client, login))
    report.add("server_health_p95_ms", _p95(health_ms), "ms",
               note=f"{clients} concurrent clients x {per_client} GET /health")
    report.add("server_login_p95_ms", _p95(login_ms), "ms", "server_health_p95_ms",
               note=f"{clients} concurrent clients x {per_client} logins (argon2id verify each)")


def run(report: Report) -> None:
    cold_start(report)
    with tempfile.TemporaryDirectory() as tmp, start_server(Path(tmp) / "server", demo=True) as server:
        accounts = httpx.get(f"{server.url}/api/v1/demo/accounts", timeout=10).json()
        users = [a["username"] for a in accounts]
        doctor = next(a["username"] for a in accounts if "doctor" in a["roles"])
        login_to_main_window(report, server.url, Path(tmp) / "desk", doctor)
        server_login_load(report, server.url, users)
