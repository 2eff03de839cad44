from __future__ import annotations

from pathlib import Path

from local_db import cache_path, default_data_dir, open_cache, server_slug


def test_one_file_per_server_and_user(tmp_path: Path) -> None:
    a = cache_path("http://127.0.0.1:8000", "zhangwei", tmp_path)
    assert a.parent.parent == tmp_path / "caches"
    assert a.name == "zhangwei.sqlite3"
    assert a.parent.name.startswith("127.0.0.1_8000-")
    # Other user, other port, other scheme, other path prefix: all different files.
    others = {
        cache_path("http://127.0.0.1:8000", "lina", tmp_path),
        cache_path("http://127.0.0.1:8001", "zhangwei", tmp_path),
        cache_path("https://127.0.0.1:8000", "zhangwei", tmp_path),
        cache_path("http://127.0.0.1:8000/county", "zhangwei", tmp_path),
    }
    assert a not in others and len(others) == 4


def test_default_port_and_case_of_user_name(tmp_path: Path) -> None:
    assert server_slug("https://ws.example.cn").startswith("ws.example.cn_443-")
    assert cache_path("http://h", "ZhangWei", tmp_path) == cache_path(
        "http://h", "zhangwei", tmp_path
    )


def test_user_names_that_are_not_plain_ascii_stay_distinct_and_safe(tmp_path: Path) -> None:
    names = ["张伟", "李娜", "../etc/passwd", ".hidden", "a b"]
    paths = [cache_path("http://h:1", n, tmp_path) for n in names]
    assert len(set(paths)) == len(names)
    for p in paths:
        assert p.parent == cache_path("http://h:1", "x", tmp_path).parent
        assert "/" not in p.name and not p.name.startswith(".")


def test_data_dir_comes_from_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WS_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
    with open_cache("http://127.0.0.1:8000", "lina") as cache:
        assert (
            cache.path
            == tmp_path / "elsewhere" / "caches" / cache.path.parent.name / "lina.sqlite3"
        )
        assert cache.path.exists()
