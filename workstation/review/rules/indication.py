"""Indication (适应证审核): does a diagnosis support the drug?

Only judged when at least one diagnosis is recognised: an unrecognised diagnosis text yields
one info finding, never a warning per drug (that would be alert fatigue, not review). An
antibiotic without an infection diagnosis is a warning (无指征使用抗菌药物, 《抗菌药物临床应用
指导原则》); for other drugs a mismatch is information for the pharmacist.
"""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding


def check(ctx: Context) -> list[Finding]:
    if not ctx.patient.diagnoses:
        return []  # legality.no_diagnosis already says so
    if not ctx.recognised_diagnosis:
        return [finding(
            ctx, Category.INDICATION, "info", "indication.unrecognised",
            "诊断未能识别，未做适应证审核", f"诊断：{'；'.join(ctx.patient.diagnoses)}。可填写ICD-10编码以便自动审核。", (),
        )]
    out: list[Finding] = []
    for it in ctx.rx.items:
        drug = it.entry.drug
        if drug.vehicle or not drug.indications or set(drug.indications) & ctx.conditions:
            continue
        abx = drug.antibiotic_tier is not None
        wanted = "、".join(
            ctx.kb.condition_groups.get(i) or ctx.kb.conditions[i].name for i in drug.indications[:4]
        )
        out.append(finding(
            ctx, Category.INDICATION, "warning" if abx else "info", "indication.no_match",
            f"{drug.name}与诊断不符" + ("（无感染诊断使用抗菌药物）" if abx else ""),
            f"{drug.name}常用于：{wanted}；当前诊断：{'；'.join(ctx.patient.diagnoses)}。",
            (it,), "abx_guide2015" if abx else drug.source, cite="" if abx else drug.name,
            suggestion="补充相应诊断，或停用无指征的药物",
        ))
    return out
