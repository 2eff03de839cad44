"""Entry script for the PyInstaller bundle of the desk client."""

from ui.app import main

raise SystemExit(main())
