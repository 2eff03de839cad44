"""Hepatic impairment (肝功能): rules apply at their Child-Pugh grade and worse."""

from __future__ import annotations

from workstation.review.context import LEVEL_SEVERITY, LEVEL_WORD, Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source

_GRADE = {"mild": "轻度（Child-Pugh A）", "moderate": "中度（Child-Pugh B）", "severe": "重度（Child-Pugh C）"}


def check(ctx: Context) -> list[Finding]:
    grade = ctx.patient.hepatic
    if grade is None:
        return []
    out: list[Finding] = []
    order = {"critical": 0, "warning": 1, "info": 2}
    for it in ctx.rx.items:
        rules = [r for r in it.entry.drug.hepatic if r.grade.rank <= grade.rank]
        if not rules:
            continue
        r = min(rules, key=lambda r: order[LEVEL_SEVERITY[r.level]])
        out.append(finding(
            ctx, Category.HEPATIC, LEVEL_SEVERITY[r.level], f"hepatic.{r.level.value}",
            f"{_GRADE[grade.value]}肝功能不全，{it.name}{LEVEL_WORD[r.level]}", r.note + "。",
            (it,), rule_source(it, r.source), cite=it.name,
            suggestion=None if r.level == "caution" else "换用不经肝代谢的药物或减量并监测肝功能",
        ))
    return out
