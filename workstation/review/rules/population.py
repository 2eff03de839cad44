"""Special populations (特殊人群): children (age limits), elderly (≥ 65), pregnancy, lactation."""

from __future__ import annotations

from workstation.review.calc import fmt
from workstation.review.context import ELDERLY_YEARS, LEVEL_SEVERITY, LEVEL_WORD, Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source


def _age_text(years: float) -> str:
    if years >= 1:
        return f"{fmt(round(years, 1))}岁"
    months = years * 12
    return f"{fmt(round(months, 1))}个月" if months >= 1 else f"{round(years * 365.25)}天"


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    p = ctx.patient
    for it in ctx.rx.items:
        drug = it.entry.drug
        limits = [c for c in drug.child if ctx.age_years < c.below_years]
        if limits:
            c = min(limits, key=lambda c: {"critical": 0, "warning": 1, "info": 2}[LEVEL_SEVERITY[c.level]])
            out.append(finding(
                ctx, Category.POPULATION, LEVEL_SEVERITY[c.level], "population.child",
                f"{_age_text(c.below_years)}以下儿童{LEVEL_WORD[c.level]}{drug.name}（患者{_age_text(ctx.age_years)}）",
                c.note + "。", (it,), rule_source(it, c.source), cite=drug.name,
                suggestion=None if c.level == "caution" else "换用儿童适用的药物",
            ))
        if drug.elderly and ctx.age_years >= ELDERLY_YEARS:
            f = drug.elderly
            out.append(finding(
                ctx, Category.POPULATION, LEVEL_SEVERITY[f.level], "population.elderly",
                f"老年患者（{_age_text(ctx.age_years)}）{LEVEL_WORD[f.level]}{drug.name}", f.note + "。",
                (it,), rule_source(it, f.source), cite=drug.name,
                suggestion=None if f.level == "caution" else "选用老年人更安全的替代药物或减量",
            ))
        if p.pregnant and p.sex == "female" and drug.pregnancy:
            f = drug.pregnancy
            out.append(finding(
                ctx, Category.POPULATION, LEVEL_SEVERITY[f.level], "population.pregnancy",
                f"孕妇{LEVEL_WORD[f.level]}{drug.name}", f.note + "。", (it,), rule_source(it, f.source), cite=drug.name,
                suggestion=None if f.level == "caution" else "换用妊娠期安全的药物",
            ))
        if p.lactating and p.sex == "female" and drug.lactation:
            f = drug.lactation
            out.append(finding(
                ctx, Category.POPULATION, LEVEL_SEVERITY[f.level], "population.lactation",
                f"哺乳期妇女{LEVEL_WORD[f.level]}{drug.name}", f.note + "。", (it,), rule_source(it, f.source), cite=drug.name,
                suggestion=None if f.level == "caution" else "换药或用药期间暂停哺乳",
            ))
    return out
