"""Wire shapes of the v1 API (docs/api.md), as pydantic models for validation and OpenAPI."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.server.models import Department, Institution, User
from workstation.roles import Role, TitleLevel, parse_roles


class ErrorDetail(BaseModel):
    code: str = Field(description="stable, machine-readable (docs/api.md)")
    message: str = Field(description="Chinese fallback for logs and scripts")
    params: dict[str, Any] = Field(description="values a translated message needs")


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give, all in the one shape."""
    return {status: {"model": ErrorBody} for status in statuses}


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Request):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    device: str | None = Field(None, max_length=100, description="optional desk name")


class RefreshRequest(_Request):
    refresh_token: str = Field(min_length=1, max_length=200)


class InstitutionOut(BaseModel):
    id: str
    code: str
    name: str
    kind: Literal["county_hospital", "township_health_centre"]
    parent_id: str | None


class DepartmentOut(BaseModel):
    id: str
    code: str
    name: str
    kind: str
    institution_id: str


class InstitutionWithDepartments(InstitutionOut):
    departments: list[DepartmentOut]


class UserInfo(BaseModel):
    id: str
    username: str
    display_name: str
    title: str
    title_level: TitleLevel
    roles: list[Role]
    institution: InstitutionOut
    department: DepartmentOut | None


class AdminUserInfo(UserInfo):
    locked_until: datetime | None
    failed_logins: int
    active: bool


class Tokens(BaseModel):
    access_token: str
    access_expires_in: int
    refresh_token: str
    refresh_expires_in: int
    user: UserInfo


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: Literal["sqlite", "postgresql"]
    migration: str | None
    demo: bool
    server_time: datetime


class DemoAccount(BaseModel):
    username: str
    display_name: str
    title: str
    institution: str
    roles: list[Role]
    password: str


def institution_out(row: Institution) -> InstitutionOut:
    return InstitutionOut(id=row.id, code=row.code, name=row.name, kind=row.kind,
                          parent_id=row.parent_id)


def department_out(row: Department) -> DepartmentOut:
    return DepartmentOut(id=row.id, code=row.code, name=row.name, kind=row.kind,
                         institution_id=row.institution_id)


def _roles(row: User) -> list[Role]:
    return sorted(parse_roles(row.roles), key=list(Role).index)


def user_info(row: User) -> UserInfo:
    return UserInfo(
        id=row.id, username=row.username, display_name=row.display_name, title=row.title,
        title_level=TitleLevel(row.title_level), roles=_roles(row),
        institution=institution_out(row.institution),
        department=department_out(row.department) if row.department else None,
    )


def admin_user_info(row: User) -> AdminUserInfo:
    return AdminUserInfo(**user_info(row).model_dump(), locked_until=row.locked_until,
                         failed_logins=row.failed_logins, active=row.active)
