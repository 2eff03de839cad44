"""Contraindications and cautions by diagnosis (禁忌证审核), from each drug's label."""

from __future__ import annotations

from workstation.review.context import LEVEL_SEVERITY, LEVEL_WORD, Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    conds = ctx.conditions
    if not conds:
        return out
    for it in ctx.rx.items:
        hits = [c for c in it.entry.drug.contraindications if c.condition in conds]
        if not hits:
            continue
        order = {"critical": 0, "warning": 1, "info": 2}
        hits.sort(key=lambda c: order[LEVEL_SEVERITY[c.level]])
        top = hits[0]
        cname = ctx.kb.conditions[top.condition].name if top.condition in ctx.kb.conditions else ctx.kb.condition_groups[top.condition]
        more = "；".join(h.note for h in hits[1:])
        out.append(finding(
            ctx, Category.CONTRAINDICATION, LEVEL_SEVERITY[top.level], f"contraindication.{top.condition}",
            f"患者有{cname}，{it.name}{LEVEL_WORD[top.level]}", top.note + "。" + (f"另：{more}。" if more else ""),
            (it,), rule_source(it, top.source), cite=it.name,
            suggestion=None if top.level == "caution" else "换用无此禁忌的药物，或评估获益风险后注明理由",
        ))
    return out
