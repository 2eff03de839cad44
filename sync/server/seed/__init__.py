"""Seed data (the demo county or a real consortium's master data): schema, loading, import."""

from sync.server.seed.loader import SeedData, SeedError, load_seed

__all__ = ["SeedData", "SeedError", "load_seed"]
