"""`make bench`: run every benchmark suite (or those named: `python -m tests.bench foundation`)."""

from __future__ import annotations

import importlib
import os
import sys

from tests.bench.report import Report

SUITES = ["foundation"]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    chosen = argv or SUITES
    unknown = [s for s in chosen if s not in SUITES]
    if unknown:
        print(f"unknown suites {unknown}; known: {SUITES}", file=sys.stderr)
        return 2
    report = Report()
    for name in chosen:
        print(f"== {name}", flush=True)
        importlib.import_module(f"tests.bench.{name}").run(report)
    report.write(chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
