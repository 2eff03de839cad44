"""Renal impairment (肾功能): bands by creatinine clearance (Cockcroft–Gault from age, weight,
sex and serum creatinine in µmol/L, or a CrCl given with the prescription).

A `reduce` band with a daily maximum is satisfied when the prescribed daily dose is within it:
a dose already adjusted for the kidneys raises nothing.
"""

from __future__ import annotations

from workstation.review.calc import fmt
from workstation.review.context import LEVEL_SEVERITY, LEVEL_WORD, Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source
from workstation.review.schema import Level


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    crcl = ctx.crcl
    with_bands = [it for it in ctx.rx.items if it.entry.drug.renal]
    if not with_bands:
        return out
    if crcl is None:
        if ctx.patient.scr_umol_l is not None and ctx.age_years >= 18:
            out.append(finding(
                ctx, Category.RENAL, "info", "renal.no_weight",
                "有血肌酐但缺少体重，无法计算肌酐清除率", "Cockcroft–Gault公式需要年龄、体重、性别和血肌酐。",
                tuple(with_bands), suggestion="补充体重",
            ))
        return out
    for it in with_bands:
        band = next((b for b in it.entry.drug.renal if crcl < b.below), None)
        if band is None:
            continue
        unit = it.entry.drug.dose_unit
        daily = ctx.dose(it).daily
        if band.level is Level.REDUCE and band.daily_max is not None:
            if daily is not None and daily <= band.daily_max * (1 + 1e-9):
                continue  # already adjusted
            sev = "warning" if daily is not None else "info"
            summary = (f"CrCl {fmt(round(crcl))}ml/min，{it.name}日剂量{fmt(daily)}{unit}超过肾功能调整后上限{fmt(band.daily_max)}{unit}"
                       if daily is not None else f"CrCl {fmt(round(crcl))}ml/min，{it.name}日剂量上限{fmt(band.daily_max)}{unit}，请核对")
        else:
            sev = LEVEL_SEVERITY[band.level]
            summary = f"CrCl {fmt(round(crcl))}ml/min，{it.name}{LEVEL_WORD[band.level]}"
        out.append(finding(
            ctx, Category.RENAL, sev, f"renal.{band.level.value}", summary, band.note + "。",
            (it,), rule_source(it, band.source), cite=it.name,
            suggestion=None if band.level is Level.CAUTION else "按肾功能调整剂量或换用不经肾排泄的药物",
        ))
    return out
