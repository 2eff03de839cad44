"""The central server of the consortium: HTTP API, auth, scopes, master data.

`sync.server.app.create_app(settings)` builds the ASGI app; `workstation-server`
(sync.server.cli) migrates, seeds and runs it. See docs/server.md.
"""
