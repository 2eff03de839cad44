"""Fixtures of the review-engine tests: the real knowledge, loaded once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workstation.review.knowledge import Knowledge, default_dir, load_knowledge


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of resources/drugs for tests that break a file on purpose."""
    dst = tmp_path / "drugs"
    shutil.copytree(default_dir(), dst)
    return dst
