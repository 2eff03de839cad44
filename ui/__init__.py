"""Everything that imports Qt: windows, mode pages, widgets, and adapters onto the core."""
