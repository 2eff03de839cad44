"""Command line: `python -m workstation.review check FILE.json [--json]` for scripts and support.

Exit status: 0 reviewed (whatever was found, unless --fail-on says otherwise), 1 findings at or
above --fail-on, 2 bad input (file, JSON, fields, unknown drug), 3 broken knowledge files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workstation.review.engine import check, verdict
from workstation.review.engine import result as as_result
from workstation.review.findings import Severity
from workstation.review.knowledge import KnowledgeError, default_dir, load_knowledge
from workstation.review.model import InputError, parse_prescription
from workstation.review.schema_export import export_schemas

_MARK = {"critical": "严重", "warning": "警示", "info": "提示"}


def _fail(code: int, message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _check(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.knowledge)
    except KnowledgeError as e:
        return _fail(3, f"knowledge files: {e}")
    path = Path(args.file)
    try:
        text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _fail(2, f"{path}: no such file")
    except (OSError, UnicodeDecodeError) as e:
        return _fail(2, f"{path}: cannot read ({e})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return _fail(2, f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})")
    try:
        rx = parse_prescription(data, kb)
    except InputError as e:
        return _fail(2, f"{path}: {e}")
    findings = check(rx, kb)
    result = verdict(findings)
    if args.json:
        print(json.dumps(as_result(findings, kb), ensure_ascii=False, indent=2))
    elif args.cards:
        print(json.dumps({"cards": [f.to_cds_card() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        print(f"审核结论: {result}  （{len(rx.items)}个药品，{len(findings)}条提示）")
        for f in findings:
            print(f"[{_MARK[f.severity.value]}] {f.category.value}: {f.summary}")
            if f.suggestion:
                print(f"    建议: {f.suggestion}")
    if args.fail_on:
        limit = Severity(args.fail_on).rank
        if any(f.severity.rank <= limit for f in findings):
            return 1
    return 0


def _schema(args: argparse.Namespace) -> int:
    for p in export_schemas(Path(args.out) if args.out else default_dir() / "schema"):
        print(p)
    return 0


def _search(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.knowledge)
    except KnowledgeError as e:
        return _fail(3, f"knowledge files: {e}")
    for e in kb.search(args.text):
        d = e.drug
        print(f"{d.code}\t{d.name}\t{e.pinyin}\t{e.initials}\t{'、'.join(f.form for f in d.forms)}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.knowledge)
    except KnowledgeError as e:
        return _fail(3, f"knowledge files: {e}")
    print(json.dumps({"drugs": len(kb.drugs), "interactions": kb.interaction_count,
                      "incompatibilities": kb.incompatibility_count, "conditions": len(kb.conditions), "version": kb.version}))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from workstation.review.bench import run  # imported here: only the bench needs it

    print(json.dumps(run(args.n)))
    return 0


def main(argv: list[str] | None = None) -> int:
    # Scripts read our JSON as UTF-8 whatever the console code page (GBK on Chinese Windows).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    ap = argparse.ArgumentParser(prog="python -m workstation.review", description="合理用药审核引擎")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="review one prescription (JSON, see docs/review-input.md)")
    c.add_argument("file", help="prescription JSON file, or - for standard input")
    c.add_argument("--json", action="store_true", help="print findings as JSON")
    c.add_argument("--cards", action="store_true", help="print CDS Hooks cards")
    c.add_argument("--fail-on", choices=[s.value for s in Severity], help="exit 1 when a finding is this severe or worse")
    c.add_argument("--knowledge", help="knowledge directory (default: resources/drugs)")
    c.set_defaults(func=_check)
    s = sub.add_parser("schema", help="export the JSON Schema of the knowledge files")
    s.add_argument("--out", help="directory (default: resources/drugs/schema)")
    s.set_defaults(func=_schema)
    q = sub.add_parser("search", help="find drugs by name, pinyin or initials")
    q.add_argument("text")
    q.add_argument("--knowledge")
    q.set_defaults(func=_search)
    t = sub.add_parser("stats", help="count drugs, interactions and incompatibilities")
    t.add_argument("--knowledge")
    t.set_defaults(func=_stats)
    b = sub.add_parser("bench", help="time dictionary load and one 5-item check (p95)")
    b.add_argument("-n", type=int, default=2000)
    b.set_defaults(func=_bench)
    args = ap.parse_args(argv)
    return args.func(args)
