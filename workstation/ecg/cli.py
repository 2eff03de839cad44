"""``python -m workstation.ecg inspect FILE --json`` and ``beats FILE [--lead NAME] --json``.

Exit codes: 0 success, 2 bad usage, 3 the file could not be read as an ECG.
"""

from __future__ import annotations

import argparse
import json
import sys

from workstation.ecg.analysis import analyse
from workstation.ecg.detect import detect_beats
from workstation.ecg.errors import EcgReadError
from workstation.ecg.model import EcgRecord
from workstation.ecg.reader import read_ecg


def _inspect(record: EcgRecord) -> dict:
    result = analyse(record)
    p = record.patient
    return {
        "format": record.format,
        "file": record.source,
        "patient": {
            "name": p.name, "id": p.patient_id, "sex": p.sex,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "age_years": p.age_years,
        },
        "acquisition_time": record.acquisition_time.isoformat()
        if record.acquisition_time else None,
        "device": record.device,
        "leads": record.lead_names,
        "sampling_rate_hz": record.sampling_rate,
        "duration_s": round(record.duration_s, 3),
        "device_measurements": record.device_measurements.as_dict() or None,
        "statements": record.statements,
        "measurements": result.measurements.as_dict(),
        "critical_flags": [f.as_dict() for f in result.flags],
        "beat_count": int(len(result.beats)),
    }


def _text(data: dict) -> str:
    lines = [f"{k}: {v}" for k, v in data.items() if k not in {"critical_flags", "measurements"}]
    lines.append("measurements: " + ", ".join(f"{k}={v}" for k, v in
                                              data.get("measurements", {}).items()))
    for flag in data.get("critical_flags", []):
        lines.append(f"危急值 {flag['code']}: {flag['title']} — {flag['detail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workstation.ecg",
                                     description="Inspect ECG files (心电文件检查)")
    sub = parser.add_subparsers(dest="command", required=True)
    ins = sub.add_parser("inspect", help="format, patient, leads, measurements, flags")
    ins.add_argument("file")
    ins.add_argument("--json", action="store_true")
    bts = sub.add_parser("beats", help="detected beat sample indices")
    bts.add_argument("file")
    bts.add_argument("--lead")
    bts.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    try:
        record = read_ecg(args.file)
        if args.command == "inspect":
            data = _inspect(record)
        else:
            if args.lead and not record.has(args.lead):
                print(f"error: lead {args.lead!r} not in {record.lead_names} "
                      f"(导联不存在)", file=sys.stderr)
                return 2
            beats = detect_beats(record, lead=args.lead)
            data = {"file": record.source, "lead": args.lead or "all",
                    "sampling_rate_hz": record.sampling_rate,
                    "beats": [int(b) for b in beats]}
    except EcgReadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.command == "inspect":
        print(_text(data))
    else:
        print(" ".join(str(b) for b in data["beats"]))
    return 0
