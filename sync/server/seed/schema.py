"""The seed files' schema, as pydantic models. The JSON Schema files under
resources/seed/schema/ are generated from these (`python -m sync.server.seed`)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from workstation.roles import Role, TitleLevel


class InstitutionKind(StrEnum):
    COUNTY_HOSPITAL = "county_hospital"
    TOWNSHIP_HEALTH_CENTRE = "township_health_centre"


class DepartmentKind(StrEnum):
    CLINICAL = "clinical"
    ECG_CENTRE = "ecg_centre"  # 心电诊断中心 (county)
    IMAGING_CENTRE = "imaging_centre"  # 区域影像诊断中心 (county)
    PHARMACY_CENTRE = "pharmacy_centre"  # 药学服务中心 (county)
    ECG_ROOM = "ecg_room"  # 心电室 (township)
    IMAGING_ROOM = "imaging_room"  # 放射科/影像室 (township)
    PHARMACY = "pharmacy"  # 药房
    ADMINISTRATION = "administration"


# Professional titles (职称) and their grade. A title and a wrong level would silently
# grant or deny antibiotic tiers later, so the pair is checked here.
TITLE_LEVELS: dict[str, TitleLevel] = {
    **dict.fromkeys(["医士", "医师", "住院医师", "技士", "技师", "药士", "药师",
                     "护士", "护师", "助理工程师"], TitleLevel.PRIMARY),
    **dict.fromkeys(["主治医师", "主管技师", "主管药师", "主管护师", "工程师"],
                    TitleLevel.INTERMEDIATE),
    **dict.fromkeys(["副主任医师", "副主任技师", "副主任药师", "副主任护师", "高级工程师"],
                    TitleLevel.ASSOCIATE_SENIOR),
    **dict.fromkeys(["主任医师", "主任技师", "主任药师", "主任护师", "正高级工程师"],
                    TitleLevel.SENIOR),
}

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{1,31}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]
Username = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.]{1,63}$")]


class _Strict(BaseModel):
    # A misspelt key is an error, not a silently ignored field.
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class DepartmentSeed(_Strict):
    code: Code
    name: Name
    kind: DepartmentKind


class InstitutionSeed(_Strict):
    code: Code
    name: Name
    kind: InstitutionKind
    parent: Code | None = Field(None, description="code of the lead institution")
    departments: list[DepartmentSeed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_department_codes(self) -> InstitutionSeed:
        seen: set[str] = set()
        for d in self.departments:
            if d.code in seen:
                raise ValueError(f"duplicate department code {d.code!r}")
            seen.add(d.code)
        return self


class InstitutionsFile(_Strict):
    schema_: str | None = Field(None, alias="$schema")
    institutions: list[InstitutionSeed] = Field(min_length=1)


class UserSeed(_Strict):
    username: Username
    display_name: Name
    title: Name
    title_level: TitleLevel
    institution: Code
    department: Code | None = None
    roles: list[Role] = Field(min_length=1)
    active: bool = True
    demo_password: str | None = Field(
        None, min_length=8, description="applied only when the server runs with --demo"
    )

    @model_validator(mode="after")
    def _title_matches_level(self) -> UserSeed:
        expected = TITLE_LEVELS.get(self.title)
        if expected is not None and expected is not self.title_level:
            raise ValueError(
                f"title {self.title!r} is {expected.value!r}, not {self.title_level.value!r}"
            )
        return self


class UsersFile(_Strict):
    schema_: str | None = Field(None, alias="$schema")
    users: list[UserSeed] = Field(min_length=1)


SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "institutions.schema.json": InstitutionsFile,
    "users.schema.json": UsersFile,
}


def json_schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(by_alias=True), ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_FILES.items():
        path = target / name
        path.write_text(json_schema_text(model), encoding="utf-8")
        written.append(path)
    return written
