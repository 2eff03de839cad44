"""Crash points for the process-level fault tests (`kill -9` at a chosen step).

`WS_SYNC_FAULT=<point>[:<n>]` makes the process SIGKILL itself the n-th time (default 1st)
it reaches `<point>`. Points: push_before_send (rows are `sending`, nothing sent),
push_after_send (the server committed and answered, the answer is not applied),
pull_before_apply (a page received, not applied), pull_after_page (a page and its cursor
committed, more to come). Unset in normal use: `point` then costs one dict lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "WS_SYNC_FAULT"
_hits: dict[str, int] = {}


def point(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    target, _, nth = spec.partition(":")
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(nth or 1):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
