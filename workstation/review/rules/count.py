"""Number of drugs (《处方管理办法》第六条: 每张处方不得超过5种药品).

Inpatient orders are not prescriptions in this sense and are not counted. Vehicles
(0.9%氯化钠、5%葡萄糖 used to dilute another drug) are not counted either: they are the
carrier of an item, not a drug of their own (a project decision, see docs/review-engine.md).
"""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Setting
from workstation.review.rules._base import RX_ADMIN, finding

MAX_DRUGS = 5


def check(ctx: Context) -> list[Finding]:
    if ctx.rx.setting is Setting.INPATIENT:
        return []
    drugs = [it for it in ctx.rx.items if not it.entry.drug.vehicle]
    if len(drugs) <= MAX_DRUGS:
        return []
    return [finding(
        ctx, Category.COUNT, "warning", "count.over_five",
        f"单张处方开具{len(drugs)}种药品，超过5种",
        "每张处方不得超过5种药品（溶媒不计）；西药、中成药可分别开具处方。", tuple(drugs), RX_ADMIN, cite="第六条",
        suggestion="拆分为两张处方或精简用药",
    )]
