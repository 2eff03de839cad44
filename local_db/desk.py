"""Reading and writing what login keeps on the desk: profile, directory copy, verifier.

Values come in the server's wire shape (plain dicts, see docs/api.md) because local_db sits
below the domain layer and knows none of its types.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from local_db.schema import Department, Institution, OfflineCredential, SyncState, UserProfile


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _opt_uuid(value: Any) -> uuid.UUID | None:
    return None if value in (None, "") else _uuid(value)


def _upsert(session: Session, model: type, row_id: uuid.UUID, values: dict[str, Any]) -> None:
    """Insert, or update and bump `version` only when something actually changed."""
    obj = session.get(model, row_id)
    if obj is None:
        session.add(model(id=row_id, **values))
        return
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if changed:
        for key, value in changed.items():
            setattr(obj, key, value)
        obj.version += 1


def _institution_values(inst: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": inst["code"],
        "name": inst["name"],
        "kind": inst["kind"],
        "parent_id": _opt_uuid(inst.get("parent_id")),
    }


def _department_values(dept: dict[str, Any]) -> dict[str, Any]:
    return {
        "institution_id": _uuid(dept["institution_id"]),
        "code": dept["code"],
        "name": dept["name"],
        "kind": dept["kind"],
    }


def save_institution(session: Session, inst: dict[str, Any]) -> None:
    _upsert(session, Institution, _uuid(inst["id"]), _institution_values(inst))


def save_department(session: Session, dept: dict[str, Any]) -> None:
    _upsert(session, Department, _uuid(dept["id"]), _department_values(dept))


def replace_directory(session: Session, institutions: list[dict[str, Any]]) -> None:
    """Make the local copy equal the server's list (institutions with their departments)."""
    inst_ids, dept_ids = set(), set()
    for inst in institutions:
        save_institution(session, inst)
        inst_ids.add(_uuid(inst["id"]))
    session.flush()
    for inst in institutions:
        for dept in inst.get("departments") or []:
            save_department(session, dept)
            dept_ids.add(_uuid(dept["id"]))
    session.flush()
    # The signed-in user's own institution and department stay even if the list left them out.
    keep = set(session.scalars(select(UserProfile.institution_id)).all())
    keep_depts = {d for d in session.scalars(select(UserProfile.department_id)).all() if d}
    session.execute(delete(Department).where(Department.id.not_in(dept_ids | keep_depts)))
    session.execute(delete(Institution).where(Institution.id.not_in(inst_ids | keep)))


def save_profile(session: Session, user: dict[str, Any]) -> UserProfile:
    """Store the signed-in user (a UserInfo dict), with their institution and department."""
    save_institution(session, user["institution"])
    session.flush()
    if user.get("department"):
        save_department(session, user["department"])
        session.flush()
    user_id = _uuid(user["id"])
    _upsert(
        session,
        UserProfile,
        user_id,
        {
            "username": user["username"],
            "display_name": user["display_name"],
            "title": user.get("title") or "",
            "title_level": user.get("title_level"),
            "roles": list(user.get("roles") or []),
            "institution_id": _uuid(user["institution"]["id"]),
            "department_id": _opt_uuid((user.get("department") or {}).get("id")),
        },
    )
    session.flush()
    return session.get(UserProfile, user_id)  # type: ignore[return-value]


def load_profile(session: Session) -> dict[str, Any] | None:
    """The stored user in the UserInfo shape, or None on a cache never signed into online."""
    profile = session.scalars(select(UserProfile)).first()
    if profile is None:
        return None
    inst = session.get(Institution, profile.institution_id)
    dept = session.get(Department, profile.department_id) if profile.department_id else None
    return {
        "id": str(profile.id),
        "username": profile.username,
        "display_name": profile.display_name,
        "title": profile.title,
        "title_level": profile.title_level,
        "roles": list(profile.roles),
        "institution": _institution_dict(inst) if inst else None,
        "department": _department_dict(dept) if dept else None,
    }


def _institution_dict(inst: Institution) -> dict[str, Any]:
    return {
        "id": str(inst.id),
        "code": inst.code,
        "name": inst.name,
        "kind": inst.kind,
        "parent_id": str(inst.parent_id) if inst.parent_id else None,
    }


def _department_dict(dept: Department) -> dict[str, Any]:
    return {
        "id": str(dept.id),
        "code": dept.code,
        "name": dept.name,
        "kind": dept.kind,
        "institution_id": str(dept.institution_id),
    }


def load_directory(session: Session) -> list[dict[str, Any]]:
    """The directory copy in the server's shape, institutions by code."""
    result = []
    for inst in session.scalars(select(Institution).order_by(Institution.code)):
        item = _institution_dict(inst)
        depts = session.scalars(
            select(Department).where(Department.institution_id == inst.id).order_by(Department.code)
        )
        item["departments"] = [_department_dict(d) for d in depts]
        result.append(item)
    return result


def save_verifier(session: Session, user_id: Any, verifier: str) -> None:
    uid = _uuid(user_id)
    existing = session.scalars(
        select(OfflineCredential).where(OfflineCredential.user_id == uid)
    ).first()
    if existing is None:
        session.add(OfflineCredential(user_id=uid, verifier=verifier))
    elif existing.verifier != verifier:
        existing.verifier = verifier
        existing.version += 1


def load_verifier(session: Session) -> str | None:
    return session.scalars(select(OfflineCredential.verifier)).first()


def mark_online_login(session: Session, when: datetime) -> None:
    state = session.get(SyncState, 1)
    if state is not None:
        state.last_online_login_at = when
