"""Allergy (过敏史): the drug itself, its class, and known cross-reactions (青霉素类 ↔ 头孢菌素类...).

The same drug or class is critical; a cross-reaction takes the severity curated in
`classes.json`. An allergy entry the dictionary does not know is reported once, as info,
so the pharmacist reads it by hand.
"""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source


def check(ctx: Context) -> list[Finding]:
    classes, codes, unknown = ctx.allergies
    out: list[Finding] = []
    kb = ctx.kb
    for it in ctx.rx.items:
        item_codes = {k[5:] for k in it.entry.keys if k.startswith("drug:")}
        item_classes = ctx.item_allergy_classes_of(it.entry)
        if item_codes & codes:
            out.append(finding(
                ctx, Category.ALLERGY, "critical", "allergy.drug",
                f"患者对{it.name}（或其成分）有过敏史", "有明确过敏史的药品禁用。", (it,), "label", cite=it.name,
                suggestion="停用并换用不同类别的药物",
            ))
            continue
        same = item_classes & classes
        if same:
            names = "、".join(kb.allergy_classes[c] for c in sorted(same))
            out.append(finding(
                ctx, Category.ALLERGY, "critical", "allergy.class",
                f"患者对{names}过敏，{it.name}属同类药物", "对同类药物过敏者禁用。", (it,), rule_source(it, None), cite=it.name,
                suggestion="换用不同类别的药物",
            ))
            continue
        cross = [(pc, ic, kb.cross_reactions[(pc, ic)]) for pc in classes for ic in item_classes if (pc, ic) in kb.cross_reactions]
        if cross:
            pc, ic, (sev, note, src) = min(cross, key=lambda x: {"critical": 0, "warning": 1, "info": 2}[x[2][0]])
            out.append(finding(
                ctx, Category.ALLERGY, sev, "allergy.cross",
                f"患者对{kb.allergy_classes[pc]}过敏，{it.name}（{kb.allergy_classes[ic]}）可能交叉过敏", note + "。",
                (it,), src, suggestion="评估既往过敏反应类型；严重过敏史者换用其他类别药物",
            ))
    if unknown:
        out.append(finding(
            ctx, Category.ALLERGY, "info", "allergy.unrecognised",
            f"过敏史“{'、'.join(unknown)}”未能识别，请人工核对", "字典中无此药品或过敏类别，未做自动比对。", (),
        ))
    return out
