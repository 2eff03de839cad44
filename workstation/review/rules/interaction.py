"""Drug–drug interactions (相互作用) from `interactions.json`, matched by drug, ATC prefix or tag.

Each pair of items yields at most one finding — the most severe rule that matches — so a pair
named by several overlapping class rules does not flood the doctor (the others are listed).
"""

from __future__ import annotations

from itertools import combinations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding, Severity
from workstation.review.knowledge import DrugEntry, Knowledge
from workstation.review.rules._base import finding
from workstation.review.schema import Selector


def matching_pair_rules(index: dict[str, list], a: DrugEntry, b: DrugEntry) -> list:
    seen: dict[str, object] = {}
    for key in a.keys:
        for r in index.get(key, ()):
            if r.id in seen:
                continue
            if _hits(r.a, a) and _hits(r.b, b) or _hits(r.a, b) and _hits(r.b, a):
                seen[r.id] = r
    return sorted(seen.values(), key=lambda r: (Severity(r.severity).rank, r.id))


def _hits(sel: Selector, e: DrugEntry) -> bool:
    return sel.key in e.keys


def check(ctx: Context) -> list[Finding]:
    kb: Knowledge = ctx.kb
    out: list[Finding] = []
    items = [it for it in ctx.rx.items if not it.entry.drug.vehicle]
    for a, b in combinations(items, 2):
        if a.entry.drug.code == b.entry.drug.code:
            continue  # the duplicate rule speaks for a drug written twice
        rules = matching_pair_rules(kb.interactions, a.entry, b.entry)
        if not (a.route.value == "po" and b.route.value == "po"):
            rules = [r for r in rules if not r.oral_only]  # chelation happens in the gut only
        if not rules:
            continue
        top = rules[0]
        others = "；".join(r.effect for r in rules[1:])
        detail = f"机制：{top.mechanism}。" + (f"另：{others}。" if others else "")
        out.append(finding(
            ctx, Category.INTERACTION, top.severity, f"interaction.{top.id}",
            f"{a.name}与{b.name}：{top.effect}", detail, (a, b), top.source, suggestion=top.advice,
        ))
    return out
