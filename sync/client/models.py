"""The signed-in user as the desk sees it, built from the server's UserInfo shape."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from workstation.roles import Role, TitleLevel, parse_roles


@dataclass(frozen=True)
class InstitutionRef:
    id: uuid.UUID
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class DepartmentRef:
    id: uuid.UUID
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class SignedInUser:
    id: uuid.UUID
    username: str
    display_name: str
    title: str
    title_level: TitleLevel | None  # None when the server sent a grade this desk does not know
    roles: frozenset[Role]
    institution: InstitutionRef
    department: DepartmentRef | None

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> SignedInUser:
        """From a UserInfo dict (docs/api.md); KeyError/ValueError when it is malformed."""
        inst = data["institution"]
        dept = data.get("department")
        level = data.get("title_level")
        return cls(
            id=uuid.UUID(str(data["id"])),
            username=str(data["username"]),
            display_name=str(data["display_name"]),
            title=str(data.get("title") or ""),
            title_level=TitleLevel(level) if level in {t.value for t in TitleLevel} else None,
            roles=parse_roles(list(data.get("roles") or [])),
            institution=InstitutionRef(
                uuid.UUID(str(inst["id"])), str(inst["code"]), str(inst["name"]), str(inst["kind"])
            ),
            department=(
                DepartmentRef(
                    uuid.UUID(str(dept["id"])),
                    str(dept["code"]),
                    str(dept["name"]),
                    str(dept["kind"]),
                )
                if dept
                else None
            ),
        )
