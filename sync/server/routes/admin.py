from __future__ import annotations

from fastapi import Response, Security
from sqlalchemy import select

from sync.server.deps import Caller, Svc, bearer_scheme
from sync.server.login import unlock
from sync.server.models import User
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import AdminUserInfo, admin_user_info, error_responses

router = RouteSet("/api/v1/admin", tags=["admin"],
                   dependencies=[Security(bearer_scheme)],
                   responses=error_responses(401, 403, 404, 423))


@router.get("/users", response_model=list[AdminUserInfo])
def users(svc: Svc) -> list[AdminUserInfo]:
    with svc.db.read() as s:
        rows = s.scalars(select(User).order_by(User.institution_id, User.username)).all()
        return [admin_user_info(u) for u in rows]


@router.post("/users/{user_id}/unlock", status_code=204)
def unlock_user(user_id: str, who: Caller,
                svc: Svc) -> Response:
    with svc.db.write() as s:
        unlock(s, user_id, actor=who.username, clock=svc.clock)
    return Response(status_code=204)
