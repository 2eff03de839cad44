from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version

from sqlalchemy import select

from sync.server.deps import Svc
from sync.server.errors import ApiError
from sync.server.migrate import stored_revision
from sync.server.models import User
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import DemoAccount, Health, error_responses
from workstation.roles import parse_roles

router = RouteSet()


@functools.cache  # reading distribution metadata touches the disk; it cannot change while running
def server_version() -> str:
    try:
        return version("county-workstation")
    except PackageNotFoundError:  # running from a tree that was never installed
        return "0+unknown"


@router.get("/health", response_model=Health, tags=["server"])
def health(svc: Svc) -> Health:
    return Health(status="ok", version=server_version(), database=svc.db.kind,
                  migration=stored_revision(svc.db.engine), demo=svc.settings.demo,
                  server_time=svc.clock.now())


@router.get("/api/v1/demo/accounts", response_model=list[DemoAccount], tags=["server"],
            responses=error_responses(404))
def demo_accounts(svc: Svc) -> list[DemoAccount]:
    """The demo logins, for the login dialog. Exists only under --demo."""
    if not svc.settings.demo:
        raise ApiError("not_found")
    with svc.db.read() as s:
        users = s.scalars(
            select(User).where(User.password_is_demo.is_(True), User.active.is_(True))
            .order_by(User.institution_id, User.username)
        ).all()
        return [
            DemoAccount(username=u.username, display_name=u.display_name, title=u.title,
                        institution=u.institution.name, roles=sorted(parse_roles(u.roles)),
                        password=svc.demo_passwords[u.username])
            for u in users if u.username in svc.demo_passwords
        ]
