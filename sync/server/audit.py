"""Security audit trail (AuditEvent rows). Written in the same transaction as the
change it describes, so an event is recorded exactly when the change happened."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from sync.server.models import AuditEvent


class Action(StrEnum):
    LOGIN = "login"
    LOCKOUT = "lockout"
    LOGOUT = "logout"
    UNLOCK = "unlock"
    REFRESH_REUSE = "refresh_reuse"
    PATIENT_RECORD_READ = "patient_record_read"  # consortium record read (details.access)
    BREAK_GLASS = "break_glass"  # ... read outside every rule, with a stated reason
    IDENTITY_RESOLVE = "identity_resolve"  # an administrator settled an identity conflict


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"


def record(
    session: Session,
    *,
    action: Action,
    outcome: Outcome,
    now: datetime,
    user_id: str | None = None,
    username: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(AuditEvent(occurred_at=now, user_id=user_id, username=username,
                           action=action.value, outcome=outcome.value, details=details or {}))
