"""Legality and completeness (合法性、规范性审核).

《抗菌药物临床应用管理办法》: 限制使用级 needs an intermediate title (主治) or above, 特殊使用级
a senior title (副主任医师 and above) and never in an outpatient or emergency prescription.
《处方管理办法》 and 《麻醉药品和精神药品管理条例》: only a doctor granted the right may prescribe
麻醉药品 and 第一类精神药品. 《处方管理办法》: a prescription carries the clinical diagnosis, and
an infant's age is written in days or months.
"""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Setting
from workstation.review.rules._base import ABX_ADMIN, RX_ADMIN, finding
from workstation.review.schema import AntibioticTier, Controlled
from workstation.roles import TitleLevel

_TIER_TITLE = {
    AntibioticTier.RESTRICTED: (TitleLevel.INTERMEDIATE, "限制使用级", "中级（主治医师）"),
    AntibioticTier.SPECIAL: (TitleLevel.ASSOCIATE_SENIOR, "特殊使用级", "高级（副主任医师）"),
}
_TITLE_NAME = {
    TitleLevel.PRIMARY: "初级", TitleLevel.INTERMEDIATE: "中级", TitleLevel.ASSOCIATE_SENIOR: "副高级", TitleLevel.SENIOR: "正高级",
}


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    rx = ctx.rx
    doctor = rx.prescriber
    for it in rx.items:
        drug = it.entry.drug
        if drug.antibiotic_tier is not None:
            if not doctor.antibiotic_right:
                out.append(finding(
                    ctx, Category.LEGALITY, "critical", "legality.antibiotic_right",
                    f"医师未获抗菌药物处方权，不能开具{drug.name}",
                    "抗菌药物处方权须经培训考核后由医疗机构授予。", (it,), ABX_ADMIN,
                    suggestion="请由具有抗菌药物处方权的医师开具",
                ))
            elif drug.antibiotic_tier in _TIER_TITLE:
                need, tier_name, title_name = _TIER_TITLE[drug.antibiotic_tier]
                if not doctor.title_level.at_least(need):
                    out.append(finding(
                        ctx, Category.LEGALITY, "critical", "legality.antibiotic_tier",
                        f"{drug.name}为{tier_name}抗菌药物，需{title_name}及以上职称，当前为{_TITLE_NAME[doctor.title_level]}",
                        "抗菌药物实行分级管理，处方权限按医师专业技术职务授予。", (it,), ABX_ADMIN,
                        suggestion="请上级医师开具，或改用本人权限内的非限制使用级抗菌药物",
                    ))
            if drug.antibiotic_tier is AntibioticTier.SPECIAL and rx.setting is not Setting.INPATIENT:
                out.append(finding(
                    ctx, Category.LEGALITY, "critical", "legality.special_tier_outpatient",
                    f"{drug.name}为特殊使用级抗菌药物，不得在门急诊使用",
                    "特殊使用级抗菌药物不得在门诊使用，住院使用须经会诊。", (it,), ABX_ADMIN,
                    suggestion="收住院并经抗菌药物会诊后使用，或选用其他抗菌药物",
                ))
        if drug.controlled in (Controlled.NARCOTIC, Controlled.PSYCHOTROPIC_1) and not doctor.narcotic_right:
            kind = "麻醉药品" if drug.controlled is Controlled.NARCOTIC else "第一类精神药品"
            out.append(finding(
                ctx, Category.LEGALITY, "critical", "legality.narcotic_right",
                f"{drug.name}为{kind}，开具医师无麻醉药品和第一类精神药品处方权",
                "医师须经培训考核取得麻醉药品和第一类精神药品处方资格后方可开具，并使用专用处方。",
                (it,), RX_ADMIN, cite="《麻醉药品和精神药品管理条例》",
                suggestion="请由具有麻醉药品处方资格的医师开具",
            ))
    if not rx.patient.diagnoses:
        out.append(finding(
            ctx, Category.LEGALITY, "warning", "legality.no_diagnosis",
            "处方未写临床诊断", "处方前记须填写临床诊断；无诊断无法审核适应证（处方点评：不规范处方）。",
            (), RX_ADMIN, suggestion="补充临床诊断",
        ))
    if rx.patient.age_days < 365 and rx.patient.age_given_in_years_only:
        out.append(finding(
            ctx, Category.LEGALITY, "warning", "legality.infant_age",
            "婴幼儿处方应写明日龄或月龄", "新生儿、婴幼儿处方须写日、月龄，必要时注明体重。", (), RX_ADMIN,
            suggestion="填写月龄或日龄（age_months / age_days 或出生日期）",
        ))
    if ctx.age_years < 14 and rx.patient.weight_kg is None:
        out.append(finding(
            ctx, Category.LEGALITY, "info", "legality.child_weight",
            "儿科处方未注明体重，无法按体重核对剂量", "儿童用药剂量多按体重计算，建议注明体重。", (), RX_ADMIN,
            suggestion="补充体重（kg）",
        ))
    return out
