"""`make bench`: run every benchmark suite, or those named (`python -m tests.bench foundation`).

A suite is any module in tests/bench/ with a `run(report)` function; `SUITE_ORDER` only
decides which go first.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

from tests.bench.report import Report

SUITE_ORDER = ["foundation"]
NOT_SUITES = {"report", "__main__"}


def discover() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])]
    suites = [n for n in names if n not in NOT_SUITES and not n.startswith("_")]
    return sorted(suites, key=lambda n: (SUITE_ORDER.index(n) if n in SUITE_ORDER else 99, n))


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    known = discover()
    chosen = argv or known
    unknown = [s for s in chosen if s not in known]
    if unknown:
        print(f"unknown suites {unknown}; known: {known}", file=sys.stderr)
        return 2
    report = Report()
    for name in chosen:
        print(f"== {name}", flush=True)
        importlib.import_module(f"tests.bench.{name}").run(report)
    report.write(chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
