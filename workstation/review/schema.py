"""Pydantic models of the knowledge files under `resources/drugs/`.

The JSON files are the source of truth; these models validate them on load (a bad file
fails with its name and the field path) and export the JSON Schema kept next to them.
Every rule object carries a `source` (an id from `sources.json`); a drug's own `source`
is the default for the rules written inside it, so each rule still cites where it is from.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    # Unknown keys are typos in hand-written data; refuse them instead of ignoring them.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Route(StrEnum):
    PO = "po"  # 口服
    SL = "sl"  # 舌下
    IV = "iv"  # 静脉推注
    IVGTT = "ivgtt"  # 静脉滴注
    IM = "im"  # 肌内注射
    SC = "sc"  # 皮下注射
    INH = "inh"  # 吸入
    NASAL = "nasal"
    TOPICAL = "topical"  # 外用
    EYE = "eye"  # 滴眼
    EAR = "ear"
    RECTAL = "rectal"
    VAGINAL = "vaginal"
    TD = "td"  # 透皮贴


INTRAVASCULAR = frozenset({Route.IV, Route.IVGTT})


class FormKind(StrEnum):
    TABLET = "tablet"
    CAPSULE = "capsule"
    GRANULE = "granule"
    PILL = "pill"  # 丸剂 (中成药)
    ORAL_LIQUID = "oral_liquid"
    SUSTAINED_RELEASE = "sustained_release"  # 缓释
    CONTROLLED_RELEASE = "controlled_release"  # 控释
    ENTERIC = "enteric"
    INJECTION = "injection"
    INFUSION = "infusion"  # 大容量注射液
    INHALATION = "inhalation"  # 气雾剂/粉雾剂 (metered puffs)
    NEBULISER = "nebuliser"  # 雾化吸入溶液/混悬液 (doses in mg, not puffs)
    SUPPOSITORY = "suppository"
    TOPICAL = "topical"
    EYE_DROPS = "eye_drops"
    PATCH = "patch"

    @property
    def is_modified_release(self) -> bool:
        # 《处方管理办法》 treats 缓释 and 控释 alike for controlled-drug supply limits.
        return self in (FormKind.SUSTAINED_RELEASE, FormKind.CONTROLLED_RELEASE)

    @property
    def is_injection(self) -> bool:
        return self in (FormKind.INJECTION, FormKind.INFUSION)


class Level(StrEnum):
    """How strongly a label or guideline speaks; the engine maps it to a severity."""

    CAUTION = "caution"  # 慎用 → info
    REDUCE = "reduce"  # 减量 → warning only when the dose is above the band's limit
    AVOID = "avoid"  # 不宜/不推荐/避免 → warning
    CONTRAINDICATED = "contraindicated"  # 禁用 → critical


class AntibioticTier(StrEnum):
    UNRESTRICTED = "unrestricted"  # 非限制使用级
    RESTRICTED = "restricted"  # 限制使用级
    SPECIAL = "special"  # 特殊使用级


class Controlled(StrEnum):
    NARCOTIC = "narcotic"  # 麻醉药品
    PSYCHOTROPIC_1 = "psychotropic_1"  # 第一类精神药品
    PSYCHOTROPIC_2 = "psychotropic_2"  # 第二类精神药品


class HepaticGrade(StrEnum):
    MILD = "mild"  # Child-Pugh A
    MODERATE = "moderate"  # Child-Pugh B
    SEVERE = "severe"  # Child-Pugh C

    @property
    def rank(self) -> int:
        return list(HepaticGrade).index(self)


SourceId = str  # checked against sources.json by the loader


class Form(_Strict):
    form: str = Field(description="剂型 as printed, e.g. 片剂, 注射用粉针")
    kind: FormKind
    strengths: list[float] = Field(
        default_factory=list, description="content per unit (片/粒/支/袋), in the drug's dose_unit"
    )
    routes: list[Route] = Field(min_length=1)
    frequencies: list[str] | None = Field(default=None, description="usual frequencies of this form")


class DoseLimit(_Strict):
    band: Literal["adult", "elderly", "child"]
    routes: list[Route] | None = Field(default=None, description="applies to these routes; none = all")
    kinds: list[FormKind] | None = Field(default=None, description="applies to these form kinds; none = all")
    per_kg: bool = Field(default=False, description="limits are per kg body weight")
    single_max: float | None = None
    daily_max: float | None = None
    weekly_max: float | None = Field(default=None, description="for weekly regimens (e.g. 甲氨蝶呤)")
    single_min: float | None = None
    abs_single_max: float | None = Field(default=None, description="cap of a per-kg single dose")
    abs_daily_max: float | None = Field(default=None, description="cap of a per-kg daily dose")
    except_conditions: list[str] = Field(
        default_factory=list, description="not applied when a diagnosis matches (e.g. 癌痛 titration)"
    )
    note: str | None = None
    source: SourceId | None = None


class Flag(_Strict):
    level: Level
    note: str
    source: SourceId | None = None


class ChildLimit(_Strict):
    below_years: float = Field(gt=0, description="applies to patients younger than this")
    level: Level
    note: str
    source: SourceId | None = None


class RenalBand(_Strict):
    below: float = Field(gt=0, description="applies when CrCl (ml/min) is below this")
    level: Level
    daily_max: float | None = Field(default=None, description="adjusted daily maximum, dose_unit")
    note: str
    source: SourceId | None = None


class HepaticRule(_Strict):
    grade: HepaticGrade = Field(description="applies at this Child-Pugh grade and worse")
    level: Level
    note: str
    source: SourceId | None = None


class ConditionRule(_Strict):
    condition: str = Field(description="id from conditions.json")
    level: Level
    note: str
    source: SourceId | None = None


class ForbiddenRoute(_Strict):
    route: Route
    note: str
    source: SourceId | None = None


class Concentration(_Strict):
    per_ml: float = Field(gt=0, description="maximum amount (dose_unit) per ml of infusion")
    note: str
    source: SourceId | None = None


class Drug(_Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,19}$", description="dictionary code")
    name: str = Field(min_length=2, description="通用名 (generic Chinese name)")
    name_en: str
    aliases: list[str] = Field(default_factory=list)
    pinyin: str | None = Field(default=None, description="override when pypinyin guesses wrong")
    atc: str = Field(pattern=r"^[A-Z][0-9]{2}[A-Z0-9]{0,4}$", description="ATC-like class code")
    dup_group: str | None = Field(default=None, description="duplicate-therapy group; default atc[:5]")
    tcm: bool = Field(default=False, description="中成药")
    vehicle: bool = Field(default=False, description="溶媒/载体 (e.g. 0.9%氯化钠): not a duplicate, not counted")
    infuse_alone: Flag | None = Field(default=None, description="must not share an IV group with any other drug")
    max_concentration: Concentration | None = Field(default=None, description="infusion concentration limit")
    contains: list[str] = Field(default_factory=list, description="codes of ingredients (复方)")
    tags: list[str] = Field(default_factory=list, description="pharmacological tags for interactions")
    dose_unit: str
    forms: list[Form] = Field(min_length=1)
    frequencies: list[str] = Field(default_factory=list, description="usual frequency codes")
    doses: list[DoseLimit] = Field(default_factory=list)
    renal: list[RenalBand] = Field(default_factory=list)
    hepatic: list[HepaticRule] = Field(default_factory=list)
    pregnancy: Flag | None = None
    lactation: Flag | None = None
    child: list[ChildLimit] = Field(default_factory=list)
    elderly: Flag | None = None
    allergy_classes: list[str] = Field(default_factory=list)
    antibiotic_tier: AntibioticTier | None = None
    controlled: Controlled | None = None
    contraindications: list[ConditionRule] = Field(default_factory=list)
    forbidden_routes: list[ForbiddenRoute] = Field(default_factory=list)
    indications: list[str] = Field(default_factory=list, description="condition or group ids")
    source: SourceId = Field(description="default citation for the rules of this drug")

    @field_validator("renal")
    @classmethod
    def _renal_sorted(cls, v: list[RenalBand]) -> list[RenalBand]:
        # Bands are read from the strictest one (lowest CrCl) upwards.
        return sorted(v, key=lambda b: b.below)


class DrugFile(_Strict):
    group: str = Field(description="the formulary group this file holds")
    drugs: list[Drug] = Field(min_length=1)


class Selector(_Strict):
    """One side of an interaction: a drug code, an ATC prefix or a tag."""

    drug: str | None = None
    atc: str | None = None
    tag: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Selector:
        if sum(x is not None for x in (self.drug, self.atc, self.tag)) != 1:
            raise ValueError("give exactly one of drug, atc, tag")
        return self

    @property
    def key(self) -> str:
        if self.drug:
            return f"drug:{self.drug}"
        if self.atc:
            return f"atc:{self.atc}"
        return f"tag:{self.tag}"


Severity = Literal["critical", "warning", "info"]


class Interaction(_Strict):
    id: str
    a: Selector
    b: Selector
    severity: Severity
    effect: str = Field(description="what happens, Chinese")
    mechanism: str
    advice: str
    oral_only: bool = Field(default=False, description="only when both drugs are taken by mouth (e.g. chelation)")
    source: SourceId


class InteractionFile(_Strict):
    interactions: list[Interaction] = Field(min_length=1)


class Incompatibility(_Strict):
    id: str
    a: Selector
    b: Selector
    severity: Severity
    effect: str
    advice: str
    source: SourceId


class IncompatibilityFile(_Strict):
    incompatibilities: list[Incompatibility] = Field(min_length=1)


class Condition(_Strict):
    id: str
    name: str
    icd10: list[str] = Field(default_factory=list, description="ICD-10 code prefixes")
    keywords: list[str] = Field(default_factory=list, description="substrings of diagnosis text")
    groups: list[str] = Field(default_factory=list, description="wider groups it belongs to")


class ConditionFile(_Strict):
    groups: dict[str, str] = Field(description="group id → Chinese name")
    conditions: list[Condition] = Field(min_length=1)


class AllergyClass(_Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class CrossReaction(_Strict):
    a: str
    b: str
    severity: Severity
    note: str
    source: SourceId


class ClassFile(_Strict):
    dup_groups: dict[str, str] = Field(description="duplicate-therapy group → Chinese name")
    allergy_classes: list[AllergyClass]
    cross_reactions: list[CrossReaction]


class SourceEntry(_Strict):
    id: str
    title: str
    kind: Literal["label", "guideline", "reference", "regulation"]


class SourceFile(_Strict):
    sources: list[SourceEntry] = Field(min_length=1)


# The file name pattern each model validates; the schema export and the loader share it.
SCHEMAS: dict[str, type[BaseModel]] = {
    "drug-file": DrugFile,
    "interactions": InteractionFile,
    "incompatibilities": IncompatibilityFile,
    "conditions": ConditionFile,
    "classes": ClassFile,
    "sources": SourceFile,
}
