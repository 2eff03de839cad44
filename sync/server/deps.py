"""What handlers receive: the app's services and the caller, via FastAPI dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from sync.server.clock import Clock
from sync.server.db import Database
from sync.server.login import LoginService
from sync.server.settings import Settings
from sync.server.tokens import Principal

# Only documents the bearer scheme in OpenAPI; the access middleware does the checking.
bearer_scheme = HTTPBearer(auto_error=False)


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    clock: Clock
    login: LoginService
    demo_passwords: dict[str, str]


def services(request: Request) -> Services:
    return request.app.state.services


def principal(request: Request) -> Principal:
    # Set by AccessControl; absent only if a route's rule is public, which is a bug.
    return request.state.principal


Svc = Annotated[Services, Depends(services)]
Caller = Annotated[Principal, Depends(principal)]
