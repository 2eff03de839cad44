"""Record sync on the server: record store, change log, push/pull (docs/sync-protocol.md)."""
