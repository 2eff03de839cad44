"""Command-line options map onto Settings as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.cli import build_parser, settings_from_args
from sync.server.settings import default_seed_dir


def test_defaults(tmp_path: Path) -> None:
    settings = settings_from_args(build_parser().parse_args(["--data-dir", str(tmp_path)]))
    assert settings.db_url == f"sqlite:///{tmp_path.resolve() / 'server.sqlite3'}"
    assert settings.seed_dir == default_seed_dir().resolve()
    assert (settings.access_ttl_s, settings.refresh_ttl_s) == (900, 43200)
    assert (settings.lockout_threshold, settings.lockout_minutes) == (5, 15)
    assert settings.demo is False


def test_every_option(tmp_path: Path) -> None:
    args = build_parser().parse_args([
        "--db", "postgresql+psycopg://u@h/db", "--data-dir", str(tmp_path), "--demo",
        "--seed", str(tmp_path / "seed"), "--access-ttl", "60", "--refresh-ttl", "3600",
        "--lockout-threshold", "3", "--lockout-minutes", "2.5", "--host", "0.0.0.0",
        "--port", "9000",
    ])
    settings = settings_from_args(args)
    assert settings.db_url == "postgresql+psycopg://u@h/db" and settings.demo
    assert settings.seed_dir == (tmp_path / "seed").resolve()
    assert (settings.access_ttl_s, settings.refresh_ttl_s) == (60, 3600)
    assert (settings.lockout_threshold, settings.lockout_minutes) == (3, 2.5)
    assert (args.host, args.port) == ("0.0.0.0", 9000)


@pytest.mark.parametrize("bad", [["--access-ttl", "0"], ["--lockout-threshold", "-1"],
                                 ["--port", "http"]])
def test_bad_values_exit_2(bad: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(bad)
    assert caught.value.code == 2
    assert "error" in capsys.readouterr().err
