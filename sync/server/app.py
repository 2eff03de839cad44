"""The app factory. Building the app only wires objects; preparing the database
(migrations, seed import) is `bootstrap.prepare`, run once by the CLI before serving."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sync.server import tokens
from sync.server.access import ACCESS, AccessControl
from sync.server.blobs import routes as blob_routes
from sync.server.changes import routes as change_routes
from sync.server.clock import Clock, SystemClock
from sync.server.db import Database, make_engine
from sync.server.deps import Services
from sync.server.errors import install_error_handlers
from sync.server.login import LoginService
from sync.server.passwords import PasswordHasher
from sync.server.routes import admin, auth, directory, health
from sync.server.seed import SeedData, load_seed
from sync.server.settings import Settings
from sync.server.tokens import Principal


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    hasher: PasswordHasher | None = None,
    seed: SeedData | None = None,
    database: Database | None = None,
) -> FastAPI:
    clock = clock or SystemClock()
    hasher = hasher or PasswordHasher(settings.passwords)
    db = database or Database(make_engine(settings.db_url))
    demo_passwords: dict[str, str] = {}
    if settings.demo:
        seed = seed or load_seed(settings.seed_dir)
        demo_passwords = {u.username: u.demo_password for u in seed.users.users
                          if u.demo_password}
    svc = Services(settings=settings, db=db, clock=clock,
                   login=LoginService(db, hasher, settings, clock),
                   demo_passwords=demo_passwords)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if database is None:
            db.dispose()

    app = FastAPI(
        title="County consortium central server",
        version="1",
        description="Central server of the county medical consortium workstation "
                    "(县域医共体). Contract: docs/api.md; access rules: sync/server/access.py.",
        lifespan=lifespan,
    )
    app.state.services = svc
    install_error_handlers(app)
    for module in (health, auth, directory, admin):
        module.router.register(app)
    change_routes.router.register(app)  # /api/v1/sync, patient record, identity queue
    blob_routes.install(app, settings)  # /api/v1/blobs: store in settings.data_dir

    def authenticate(token: str) -> Principal:
        with db.read() as s:
            return tokens.authenticate(s, token, clock.now())

    app.add_middleware(AccessControl, table=ACCESS, authenticate=authenticate)
    return app
