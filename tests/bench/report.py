"""Collect benchmark figures, print each beside its baseline, write results.json and the doc."""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "build" / "bench" / "results.json"
DOC = REPO / "docs" / "benchmarks.md"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: str | None = None  # name of the figure measured beside it in the same run
    note: str = ""


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str, baseline: str | None = None, note: str = ""):
        fig = Figure(name, round(float(value), 3), unit, baseline, note)
        self.figures.append(fig)
        base = next((f for f in self.figures if f.name == baseline), None) if baseline else None
        beside = f"   | {base.name} = {base.value:g} {base.unit}" if base else ""
        print(f"{name:<34} {fig.value:>10g} {unit:<6}{beside}", flush=True)
        return fig

    def write(self, suite_names: list[str]) -> None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        merged = {k: v for k, v in previous.items() if not k.startswith("_")}
        merged.update({f.name: f.value for f in self.figures})
        meta = previous.get("_figures", {})
        meta.update({f.name: {"unit": f.unit, "baseline": f.baseline, "note": f.note,
                              "suites": suite_names, "measured_at": time.strftime("%Y-%m-%d %H:%M")}
                     for f in self.figures})
        merged["_figures"] = meta
        merged["_machine"] = f"{platform.machine()}, {platform.python_implementation()} " \
                             f"{platform.python_version()}, {platform.system()}"
        RESULTS.write_text(json.dumps(merged, indent=2, ensure_ascii=False, sort_keys=True))
        self._write_doc(merged)
        print(f"\nwritten: {RESULTS.relative_to(REPO)} and {DOC.relative_to(REPO)}")

    @staticmethod
    def _write_doc(merged: dict) -> None:
        meta = merged["_figures"]
        lines = [
            "# Benchmarks",
            "",
            "Written by `make bench` (do not edit by hand). Each figure sits beside a baseline",
            "measured in the same run, because absolute times on shared machines drift.",
            f"Machine: {merged['_machine']}, 2 cores.",
            "",
            "| figure | value | unit | baseline (same run) | measured | note |",
            "|---|---|---|---|---|---|",
        ]
        for name in sorted(k for k in merged if not k.startswith("_")):
            m = meta.get(name, {})
            base = m.get("baseline")
            base_text = f"{base} = {merged.get(base)} {meta.get(base, {}).get('unit', '')}" if base else ""
            lines.append(f"| `{name}` | {merged[name]} | {m.get('unit', '')} | {base_text} | "
                         f"{m.get('measured_at', '')} | {m.get('note', '')} |")
        DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
