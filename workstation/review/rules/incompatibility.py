"""IV incompatibility (配伍禁忌): drugs mixed in the same infusion group.

Pairs come from `incompatibilities.json`; a drug marked `infuse_alone` (中药注射剂 under
《中药注射剂临床使用基本原则》, premixed infusions, 奥美拉唑钠) may share its group only with its vehicle.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from workstation.review.context import LEVEL_SEVERITY, Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Item
from workstation.review.rules._base import finding, rule_source
from workstation.review.rules.interaction import matching_pair_rules


def check(ctx: Context) -> list[Finding]:
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in ctx.rx.items:
        if it.iv_group:
            groups[it.iv_group].append(it)
    out: list[Finding] = []
    for gid, members in groups.items():
        if len(members) < 2:
            continue
        for a, b in combinations(members, 2):
            rules = matching_pair_rules(ctx.kb.incompatibilities, a.entry, b.entry)
            if rules:
                top = rules[0]
                out.append(finding(
                    ctx, Category.INCOMPATIBILITY, top.severity, f"incompatibility.{top.id}",
                    f"第{gid}组输液中{a.name}与{b.name}存在配伍禁忌：{top.effect}", top.effect + "。", (a, b), top.source,
                    suggestion=top.advice,
                ))
        for it in members:
            alone = it.entry.drug.infuse_alone
            others = [m for m in members if m is not it and not m.entry.drug.vehicle]
            if alone and others:
                out.append(finding(
                    ctx, Category.INCOMPATIBILITY, LEVEL_SEVERITY[alone.level], "incompatibility.infuse_alone",
                    f"{it.name}应单独输注，不得与{'、'.join(o.name for o in others)}同组配伍",
                    alone.note + "。", (it, *others), rule_source(it, alone.source),
                    suggestion="单独成组输注，前后冲管",
                ))
    return out
