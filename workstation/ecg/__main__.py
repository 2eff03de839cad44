import sys

from workstation.ecg.cli import main

sys.exit(main())
