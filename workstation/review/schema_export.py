"""Export the JSON Schema of every knowledge file next to the data (`resources/drugs/schema/`).

Editors use these schemas to validate hand-edited files; a test checks they are current,
so a change to `schema.py` without re-exporting fails the suite.
"""

from __future__ import annotations

import json
from pathlib import Path

from workstation.review.schema import SCHEMAS


def rendered_schemas() -> dict[str, str]:
    """File name → schema text, exactly as it is written to disk."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return out


def export_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
