"""Issue 7 figures: the rational-drug-use engine on a 5-item prescription."""

from __future__ import annotations

from tests.bench.report import Report
from workstation.review import bench


def run(report: Report) -> None:
    figures = bench.run()
    report.add("review_json_parse_baseline_p95_ms", figures["baseline_json_parse_p95_ms"], "ms",
               note="json.loads of the same prescription, same loop")
    report.add("review_check_p95_ms", figures["review_check_p95_ms"], "ms",
               "review_json_parse_baseline_p95_ms",
               note=f"parse + check, 5 items, {figures['review_drugs']} drugs loaded (goal <= 10 ms)")
    report.add("review_dictionary_load_ms", figures["review_dictionary_load_ms"], "ms",
               note="load and validate every knowledge file")
