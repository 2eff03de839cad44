from __future__ import annotations

import pytest

from tests.server.changes.helpers import Desks


@pytest.fixture
def desks(make_client) -> Desks:
    """A fresh demo-county server (SQLite, in process) and its users."""
    return Desks(make_client())
