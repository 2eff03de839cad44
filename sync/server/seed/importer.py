"""Write validated seed data into the database, idempotently (upsert by code/username).

The seed is the master for the fields it declares; counters, locks and sessions are
left alone, and rows that the seed does not mention are never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.server.models import Department, Institution, User
from sync.server.passwords import PasswordHasher
from sync.server.seed.loader import SeedData


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _apply(row: Any, values: dict[str, Any], now: datetime, report: ImportReport) -> None:
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if not changed:
        report.unchanged += 1
        return
    for key, value in changed.items():
        setattr(row, key, value)
    row.version = (row.version or 0) + 1
    row.updated_at = now
    report.updated += 1


def import_seed(
    session: Session, seed: SeedData, *, demo: bool, hasher: PasswordHasher, now: datetime
) -> ImportReport:
    report = ImportReport()
    institutions = {i.code: i for i in session.scalars(select(Institution))}
    for item in seed.institutions.institutions:
        row = institutions.get(item.code)
        if row is None:
            row = Institution(code=item.code, name=item.name, kind=item.kind.value,
                              version=1, updated_at=now)
            session.add(row)
            institutions[item.code] = row
            report.created += 1
        else:
            _apply(row, {"name": item.name, "kind": item.kind.value}, now, report)
    session.flush()

    departments: dict[tuple[str, str], Department] = {
        (d.institution_id, d.code): d for d in session.scalars(select(Department))
    }
    for item in seed.institutions.institutions:
        institution = institutions[item.code]
        parent_id = institutions[item.parent].id if item.parent else None
        if institution.parent_id != parent_id:
            if institution.version == 1 and institution.updated_at == now:
                institution.parent_id = parent_id  # created in this run: not an update
            else:
                _apply(institution, {"parent_id": parent_id}, now, report)
        for dep in item.departments:
            row = departments.get((institution.id, dep.code))
            if row is None:
                row = Department(institution_id=institution.id, code=dep.code, name=dep.name,
                                 kind=dep.kind.value, version=1, updated_at=now)
                session.add(row)
                departments[(institution.id, dep.code)] = row
                report.created += 1
            else:
                _apply(row, {"name": dep.name, "kind": dep.kind.value}, now, report)
    session.flush()

    users = {u.username: u for u in session.scalars(select(User))}
    for item in seed.users.users:
        institution = institutions[item.institution]
        department = departments[(institution.id, item.department)] if item.department else None
        values = {
            "display_name": item.display_name,
            "title": item.title,
            "title_level": item.title_level.value,
            "roles": [r.value for r in item.roles],
            "institution_id": institution.id,
            "department_id": department.id if department else None,
            "active": item.active,
        }
        row = users.get(item.username)
        if row is None:
            row = User(username=item.username, failed_logins=0, password_is_demo=False,
                       version=1, updated_at=now, **values)
            session.add(row)
            report.created += 1
        else:
            _apply(row, values, now, report)
        if demo and item.demo_password:
            _set_demo_password(row, item.demo_password, hasher)
    if not demo:
        # A database once run with --demo must not keep demo passwords usable.
        session.execute(
            update(User).where(User.password_is_demo.is_(True))
            .values(password_hash=None, password_is_demo=False)
        )
    session.flush()
    return report


def _set_demo_password(row: User, password: str, hasher: PasswordHasher) -> None:
    if row.password_hash and not row.password_is_demo:
        return  # a real password set by an administrator outranks the demo one
    if row.password_hash and hasher.verify(row.password_hash, password):
        return  # idempotent: re-hashing on every start would only cost time
    row.password_hash = hasher.hash(password)
    row.password_is_demo = True
