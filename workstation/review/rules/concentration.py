"""Infusion concentration (溶媒用量): drug amount over the vehicle volume of its IV group.

Labels limit the concentration of 氯化钾 (≤ 3.4 g/L), 万古霉素, 阿奇霉素, 红霉素, 克林霉素.
Above the limit is a warning; twice the limit or more is critical (e.g. 10% 氯化钾 10 ml in
100 ml is about three times the limit). Without a vehicle in the group nothing can be said.
"""

from __future__ import annotations

from collections import defaultdict

from workstation.review.calc import convert, fmt
from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Item
from workstation.review.rules._base import finding, rule_source


def check(ctx: Context) -> list[Finding]:
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in ctx.rx.items:
        if it.iv_group and it.route.value == "ivgtt":
            groups[it.iv_group].append(it)
    out: list[Finding] = []
    for members in groups.values():
        volume = sum(convert(v.dose, v.unit, "ml") or 0 for v in members if v.entry.drug.vehicle)
        if volume <= 0:
            continue
        for it in members:
            limit = it.entry.drug.max_concentration
            amount = ctx.dose(it).single
            if limit is None or amount is None:
                continue
            conc = amount / volume
            if conc <= limit.per_ml * (1 + 1e-9):
                continue
            unit = it.entry.drug.dose_unit
            need = amount / limit.per_ml
            sev = "critical" if conc >= 2 * limit.per_ml else "warning"
            out.append(finding(
                ctx, Category.DOSE, sev, "dose.concentration",
                f"{it.name}{fmt(amount)}{unit}溶于{fmt(volume)}ml，浓度过高（上限{fmt(limit.per_ml)}{unit}/ml）",
                limit.note + "。", (it,), rule_source(it, limit.source), cite=it.name,
                suggestion=f"溶媒至少{fmt(round(need))}ml",
            ))
    return out
