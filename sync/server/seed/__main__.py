"""`python -m sync.server.seed`: regenerate resources/seed/schema/*.schema.json."""

from __future__ import annotations

import sys

from sync.server.seed.schema import write_schemas
from workstation.resources import resources_dir


def main() -> int:
    for path in write_schemas(resources_dir() / "seed" / "schema"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
