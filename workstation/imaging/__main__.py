"""Entry point: ``python -m workstation.imaging inspect PATH [--json]``."""

import sys

from .cli import main

sys.exit(main())
