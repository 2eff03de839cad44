"""Roles, professional titles and the workstation modes they open.

One vocabulary shared by the desk and the central server. Role and title values are
stable strings: they are stored in databases, sent over the wire and named in seed files.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DOCTOR = "doctor"  # township or county clinician
    ECG_READER = "ecg_reader"  # county ECG centre reading physician
    IMAGING_READER = "imaging_reader"  # county imaging centre radiologist
    ECG_TECHNICIAN = "ecg_technician"
    IMAGING_TECHNICIAN = "imaging_technician"
    PHARMACIST = "pharmacist"  # county pharmacy service centre
    ADMIN = "admin"  # consortium administrator


class Mode(StrEnum):
    DOCTOR = "doctor"
    TECHNICIAN = "technician"
    PHARMACIST = "pharmacist"
    ADMIN = "admin"


class TitleLevel(StrEnum):
    """Professional title grade (职称级别); antibiotic tiers are granted by it.

    《抗菌药物临床应用管理办法》: 限制使用级 needs intermediate (主治) or above,
    特殊使用级 needs a senior title (副主任医师 and above).
    """

    PRIMARY = "primary"  # 初级: 医师/住院医师, 技师, 药师
    INTERMEDIATE = "intermediate"  # 中级: 主治医师, 主管技师, 主管药师
    ASSOCIATE_SENIOR = "associate_senior"  # 副高: 副主任医师, 副主任药师
    SENIOR = "senior"  # 正高: 主任医师, 主任药师

    @property
    def rank(self) -> int:
        return list(TitleLevel).index(self)

    def at_least(self, other: TitleLevel) -> bool:
        return self.rank >= other.rank


# A reading physician works in doctor mode, with a reading queue added to it.
_MODES_BY_ROLE: dict[Role, Mode] = {
    Role.DOCTOR: Mode.DOCTOR,
    Role.ECG_READER: Mode.DOCTOR,
    Role.IMAGING_READER: Mode.DOCTOR,
    Role.ECG_TECHNICIAN: Mode.TECHNICIAN,
    Role.IMAGING_TECHNICIAN: Mode.TECHNICIAN,
    Role.PHARMACIST: Mode.PHARMACIST,
    Role.ADMIN: Mode.ADMIN,
}

READING_ROLES = frozenset({Role.ECG_READER, Role.IMAGING_READER})


def modes_for(roles: frozenset[Role] | set[Role] | list[Role]) -> list[Mode]:
    """The modes a user may open, in the fixed order the mode switcher shows them."""
    allowed = {_MODES_BY_ROLE[Role(r)] for r in roles}
    return [m for m in Mode if m in allowed]


def parse_roles(values: list[str]) -> frozenset[Role]:
    """Known roles from wire values; unknown ones are dropped, never guessed."""
    known = {r.value for r in Role}
    return frozenset(Role(v) for v in values if v in known)
