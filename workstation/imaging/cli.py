"""``python -m workstation.imaging inspect PATH [--json]`` for support staff and scripts.

Prints the patient/study/series/instance tree, counts, transfer syntaxes and, per
series, whether every frame decodes (and why not). Exit codes: 0 when DICOM images
were found (even if some files are bad: those are listed), 2 when the input is
unusable (path missing or unreadable, no DICOM image in it), 1 with ``--strict``
when any file or frame failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from .errors import MESSAGES_ZH, ErrorCode, ImagingError, Problem
from .header import InstanceHeader
from .pixels import ImageSource, decoder_status
from .scan import ScanReport, scan
from .sources import SourceRef
from .workers import decode_frames, frames_of, make_pool

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _decode_instance(header: InstanceHeader) -> tuple[int, list[dict[str, Any]]]:
    """Decode every frame of one instance; return (frames decoded, failures)."""
    ref = header.origin if isinstance(header.origin, SourceRef) else SourceRef(Path(header.source))
    failures: list[dict[str, Any]] = []
    try:
        data = ref.read_bytes() if ref.member else None
        source = ImageSource(ref.label if ref.member else ref.path, data=data)
    except ImagingError as exc:
        return 0, [{"sop_uid": header.sop_uid, "frame": None, **exc.problem().as_dict()}]
    ok = 0
    for i in range(source.frame_count):
        try:
            source.frame(i)
            ok += 1
        except ImagingError as exc:
            failures.append({"sop_uid": header.sop_uid, "frame": i, **exc.problem().as_dict()})
    return ok, failures


def _decode_series(
    headers: list[InstanceHeader], pool: Executor | None
) -> tuple[int, list[dict[str, Any]]]:
    decoded, failures = 0, []
    on_disk = [
        h for h in headers if h.has_pixels and not (isinstance(h.origin, SourceRef) and h.origin.member)
    ]
    in_process = [h for h in headers if h.has_pixels and h not in on_disk] if pool else headers
    if pool is not None and on_disk:
        sop_of = {h.source: h.sop_uid for h in on_disk}
        for result in decode_frames(frames_of(on_disk), pool):
            if result.problem is None:
                decoded += 1
            else:
                failures.append(
                    {"sop_uid": sop_of[result.ref.path], "frame": result.ref.frame, **result.problem.as_dict()}
                )
    for h in in_process:
        if not h.has_pixels:
            continue
        n, errs = _decode_instance(h)
        decoded += n
        failures.extend(errs)
    failures.sort(key=lambda f: (f["source"], f["frame"] if f["frame"] is not None else -1))
    return decoded, failures


def inspect(path: str | Path, decode: bool = True, workers: int = 0) -> dict[str, Any]:
    """Scan *path* and (optionally) decode every frame; raise ImagingError if unusable.

    With *workers* > 0 frames of files on disk are decoded in that many processes.
    """
    pool = make_pool(workers) if decode and workers > 0 else None
    try:
        return _inspect(path, decode, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _inspect(path: str | Path, decode: bool, pool: Executor | None) -> dict[str, Any]:
    report: ScanReport = scan(path)
    if report.catalog.instance_count == 0:
        reasons = Counter(p.code for p in report.errors + report.skipped)
        detail = f"{report.files_seen} files looked at, none is a usable DICOM image"
        if reasons:
            detail += " (" + ", ".join(f"{code}: {n}" for code, n in reasons.items()) + ")"
        raise ImagingError(ErrorCode.NO_DICOM_FOUND, path, detail)
    tree = report.catalog.as_dict()
    syntaxes: Counter[str] = Counter()
    for patient in tree["patients"]:
        for study in patient["studies"]:
            for series in study["series"]:
                node = next(s for s in report.catalog.all_series() if s.uid == series["series_uid"])
                for h in node.instances:
                    syntaxes[h.transfer_syntax] += 1
                if not decode:
                    continue
                decoded, failures = _decode_series(node.sorted_instances(), pool)
                series["decode"] = {
                    "all_frames_ok": not failures,
                    "frames_decoded": decoded,
                    "failures": failures,
                }
    from pydicom.uid import UID

    return {
        "path": str(path),
        "counts": report.catalog.counts(),
        "files_seen": report.files_seen,
        "duplicates": report.duplicates,
        "transfer_syntaxes": [
            {"uid": uid, "name": UID(uid).name, "instances": n} for uid, n in sorted(syntaxes.items())
        ],
        "decoders": decoder_status(),
        "skipped": [p.as_dict() for p in report.skipped],
        "errors": [p.as_dict() for p in report.errors],
        "dicomdirs": [
            {
                "source": d.source,
                "referenced": d.referenced,
                "missing": d.missing,
                "unreferenced": d.unreferenced,
                "complete": d.complete,
            }
            for d in report.dicomdirs
        ],
        **tree,
    }


def _print_text(result: dict[str, Any]) -> None:
    c = result["counts"]
    print(f"{result['path']}")
    print(
        f"  患者 patients {c['patients']} · 检查 studies {c['studies']} · 序列 series {c['series']}"
        f" · 图像 instances {c['instances']} · 帧 frames {c['frames']}"
    )
    print(
        f"  文件 files {result['files_seen']} · 跳过 skipped {len(result['skipped'])}"
        f" · 错误 errors {len(result['errors'])} · 重复 duplicates {result['duplicates']}"
    )
    for ts in result["transfer_syntaxes"]:
        print(f"  {ts['name']} ({ts['uid']}): {ts['instances']}")
    for p in result["patients"]:
        print(f"  患者 {p['name'] or '-'} [{p['patient_id']}] {p['sex']} {p['birth_date']}")
        for st in p["studies"]:
            print(f"    检查 {st['date']} {st['description']} ({st['study_uid']})")
            for s in st["series"]:
                status = ""
                if "decode" in s:
                    d = s["decode"]
                    status = "解码正常 ok" if d["all_frames_ok"] else f"解码失败 {len(d['failures'])} failed"
                print(
                    f"      序列 #{s['number']} {s['modality']} {s['description']}: "
                    f"{s['instance_count']} 图像, {s['frame_count']} 帧  {status}"
                )
                for f in s.get("decode", {}).get("failures", [])[:5]:
                    print(f"        ! {f['message_zh']} [{f['code']}] {f['source']}: {f['detail']}")
    for prob in result["errors"]:
        print(f"  ! {prob['message_zh']} [{prob['code']}] {prob['source']}: {prob['detail']}")
    for d in result["dicomdirs"]:
        if not d["complete"]:
            print(
                f"  DICOMDIR {d['source']}: 缺失 missing {len(d['missing'])},"
                f" 未登记 unreferenced {len(d['unreferenced'])} (已按扫描结果导入 scan used)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workstation.imaging")
    sub = parser.add_subparsers(dest="command", required=True)
    p_inspect = sub.add_parser("inspect", help="scan a file, folder, zip or CD and check decoding")
    p_inspect.add_argument("path")
    p_inspect.add_argument("--json", action="store_true", help="machine-readable output")
    p_inspect.add_argument("--no-decode", action="store_true", help="headers only, skip frame decoding")
    p_inspect.add_argument("--strict", action="store_true", help="exit 1 if any file or frame failed")
    p_inspect.add_argument(
        "--workers", type=int, default=0, help="decode in N worker processes (default: in this process)"
    )
    args = parser.parse_args(argv)
    # File names from CDs may not be valid UTF-8, and a Windows console may not take
    # every character: a support tool must print something rather than crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")

    try:
        result = inspect(args.path, decode=not args.no_decode, workers=max(args.workers, 0))
    except ImagingError as exc:
        problem = Problem(exc.code, exc.source, exc.detail)
        if args.json:
            print(json.dumps({"error": problem.as_dict()}, ensure_ascii=False, indent=2))
        print(f"错误 error: {MESSAGES_ZH[exc.code]} [{exc.code}] {exc.source}: {exc.detail}", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        _print_text(result)
    failed = bool(result["errors"]) or any(
        not s.get("decode", {}).get("all_frames_ok", True)
        for p in result["patients"]
        for st in p["studies"]
        for s in st["series"]
    )
    return EXIT_PROBLEMS if (args.strict and failed) else EXIT_OK
