"""Duplicate therapy (重复给药): the same drug twice, or two drugs of one therapeutic group,
including an ingredient hidden in a compound (复方感冒药 + 对乙酰氨基酚).

The same drug in an immediate and a modified-release form (e.g. 吗啡缓释片 for background pain
and 吗啡片 for breakthrough pain) is a recognised regimen: information only.
"""

from __future__ import annotations

from itertools import combinations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import REVIEW_NORM, finding


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    items = [it for it in ctx.rx.items if not it.entry.drug.vehicle]
    for a, b in combinations(items, 2):
        if a.entry.drug.code == b.entry.drug.code:
            ka, kb_ = ctx.form_kinds(a), ctx.form_kinds(b)
            mixed_release = (
                len(ka) == 1 and len(kb_) == 1
                and next(iter(ka)).is_modified_release != next(iter(kb_)).is_modified_release
            )
            if mixed_release:
                out.append(finding(
                    ctx, Category.DUPLICATE, "info", "duplicate.release_forms",
                    f"{a.name}同时开具普通与缓控释剂型", "背景用药与解救用药并用时可接受，请确认总剂量。", (a, b), REVIEW_NORM,
                ))
            else:
                out.append(finding(
                    ctx, Category.DUPLICATE, "warning", "duplicate.same_drug",
                    f"{a.name}重复开具", "同一药品在一张处方中开具两次。", (a, b), REVIEW_NORM,
                    suggestion="合并为一条医嘱",
                ))
            continue
        shared = a.entry.dup_groups & b.entry.dup_groups
        if not shared:
            continue
        names = "、".join(ctx.kb.dup_groups.get(g, g) for g in sorted(shared))
        hidden = a.entry.drug.contains or b.entry.drug.contains
        out.append(finding(
            ctx, Category.DUPLICATE, "warning", "duplicate.same_group",
            f"{a.name}与{b.name}同属{names}，重复用药",
            ("复方制剂含有相同成分，合用可致该成分过量。" if hidden else "药理作用相同的药物联用不增加疗效而增加不良反应。"),
            (a, b), REVIEW_NORM, suggestion="保留其中一种",
        ))
    return out
