from __future__ import annotations

from fastapi import Security
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sync.server.deps import Caller, Svc, bearer_scheme
from sync.server.errors import ApiError
from sync.server.models import Institution, User
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import (
    InstitutionWithDepartments,
    UserInfo,
    department_out,
    error_responses,
    institution_out,
    user_info,
)

router = RouteSet("/api/v1", dependencies=[Security(bearer_scheme)],
                   responses=error_responses(401, 403, 404, 423))


@router.get("/me", response_model=UserInfo, tags=["auth"])
def me(who: Caller, svc: Svc) -> UserInfo:
    with svc.db.read() as s:
        user = s.get(User, who.user_id)
        assert user is not None
        return user_info(user)


@router.get("/directory/institutions", response_model=list[InstitutionWithDepartments],
            tags=["directory"])
def institutions(svc: Svc) -> list[InstitutionWithDepartments]:
    with svc.db.read() as s:
        rows = s.scalars(select(Institution).options(selectinload(Institution.departments))
                         .order_by(Institution.parent_id.is_not(None), Institution.code)).all()
        return [
            InstitutionWithDepartments(**institution_out(i).model_dump(),
                                       departments=[department_out(d) for d in i.departments])
            for i in rows
        ]


@router.get("/institutions/{institution_id}/users", response_model=list[UserInfo],
            tags=["directory"])
def institution_users(institution_id: str, svc: Svc
                      ) -> list[UserInfo]:
    with svc.db.read() as s:
        if s.get(Institution, institution_id) is None:
            raise ApiError("not_found")
        rows = s.scalars(select(User).where(User.institution_id == institution_id)
                         .order_by(User.username)).all()
        return [user_info(u) for u in rows]
