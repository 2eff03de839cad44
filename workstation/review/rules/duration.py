"""Days of supply (《处方管理办法》).

第十八条: a prescription covers at most 7 days, an emergency one 3 days; chronic, elderly or
special cases may be longer when the doctor states the reason.
第二十三条: for outpatients, 麻醉药品 and 第一类精神药品: injection one dose (一次常用量),
controlled/sustained release 7 days, other forms 3 days (哌醋甲酯 for ADHD 15 days);
第二类精神药品 7 days, longer only with a stated reason.
第二十四条: cancer pain and moderate-to-severe chronic pain: injection 3 days, controlled
release 15 days, other forms 7 days.
第二十五条: inpatients receive 麻醉药品 and 第一类精神药品 day by day (1 day per prescription).
"""

from __future__ import annotations

from workstation.review.calc import fmt
from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Item, Setting
from workstation.review.rules._base import RX_ADMIN, finding
from workstation.review.schema import Controlled

GENERAL_DAYS = {Setting.OUTPATIENT: 7, Setting.EMERGENCY: 3}


def _controlled_limit(ctx: Context, it: Item) -> tuple[float, str, str] | None:
    """(max days, wording, article) for a 麻醉/精神 item, or None when no special limit applies."""
    drug = it.entry.drug
    kinds = ctx.form_kinds(it)
    injection = it.route.value in ("iv", "ivgtt", "im", "sc") or (bool(kinds) and all(k.is_injection for k in kinds))
    modified = bool(kinds) and all(k.is_modified_release for k in kinds)
    if ctx.rx.setting is Setting.INPATIENT:
        if drug.controlled in (Controlled.NARCOTIC, Controlled.PSYCHOTROPIC_1):
            return 1, "住院患者应逐日开具，每张处方为1日常用量", "第二十五条"
        return None
    if drug.controlled is Controlled.PSYCHOTROPIC_2:
        return 7, "第二类精神药品每张处方一般不超过7日常用量", "第二十三条"
    if drug.controlled not in (Controlled.NARCOTIC, Controlled.PSYCHOTROPIC_1):
        return None
    if "cancer_pain" in ctx.conditions:
        if injection:
            return 3, "癌痛/中重度慢性疼痛患者注射剂每张处方不超过3日常用量", "第二十四条"
        if modified:
            return 15, "癌痛/中重度慢性疼痛患者控缓释制剂每张处方不超过15日常用量", "第二十四条"
        return 7, "癌痛/中重度慢性疼痛患者其他剂型每张处方不超过7日常用量", "第二十四条"
    if drug.code == "MPH" and "adhd" in ctx.conditions:
        return 15, "哌醋甲酯用于儿童多动症每张处方不超过15日常用量", "第二十三条"
    if injection:
        return 1, "麻醉药品/第一类精神药品注射剂每张处方为一次常用量", "第二十三条"
    if modified:
        return 7, "麻醉药品/第一类精神药品控缓释制剂每张处方不超过7日常用量", "第二十三条"
    return 3, "麻醉药品/第一类精神药品其他剂型每张处方不超过3日常用量", "第二十三条"


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in ctx.rx.items:
        days = ctx.days_of(it)
        limit = _controlled_limit(ctx, it)
        if limit is not None:
            max_days, wording, article = limit
            too_long = days is not None and days > max_days
            # An injection of a narcotic: one usual dose — more than one dose in the quantity is too much.
            if max_days == 1 and "一次常用量" in wording and it.quantity is not None:
                total = ctx.to_dose_unit(it, it.quantity, it.quantity_unit or it.unit)
                single = ctx.dose(it).single
                too_long = too_long or (total is not None and single is not None and total > single + 1e-9)
            if too_long:
                # 第二类精神药品 may be longer for chronic cases when the reason is written down.
                if it.entry.drug.controlled is Controlled.PSYCHOTROPIC_2 and ctx.has_reason(it):
                    continue
                # Form not stated and the drug has both kinds: the stricter limit was used, so
                # the doctor is asked to state the form rather than blocked outright.
                guessed = it.form is None and len({k.is_modified_release for k in ctx.form_kinds(it)}) > 1
                sev = "warning" if guessed else "critical"
                out.append(finding(
                    ctx, Category.DURATION, sev, "duration.controlled",
                    f"{it.name}处方用量{_days_text(days)}，超过规定（{wording}）",
                    f"{wording}。" + ("未注明剂型，按普通剂型限量核对；如为缓控释制剂请注明剂型。" if guessed else ""),
                    (it,), RX_ADMIN, cite=article,
                    suggestion="按规定减少处方用量，使用相应专用处方",
                ))
            continue
        if ctx.rx.setting not in GENERAL_DAYS or it.entry.drug.vehicle:
            continue
        max_days = GENERAL_DAYS[ctx.rx.setting]
        if days is not None and days > max_days and not ctx.has_reason(it):
            where = "门诊" if ctx.rx.setting is Setting.OUTPATIENT else "急诊"
            out.append(finding(
                ctx, Category.DURATION, "warning", "duration.over_limit",
                f"{it.name}处方用量{_days_text(days)}，{where}处方一般不超过{max_days}日且未注明理由",
                "慢性病、老年病或特殊情况可适当延长处方用量，但医师应当注明理由。", (it,), RX_ADMIN, cite="第十八条",
                suggestion=f"减至{max_days}日用量，或注明延长理由（如慢性病长期用药）",
            ))
    return out


def _days_text(days: float | None) -> str:
    return "超过一次常用量" if days is None else f"{fmt(round(days, 1))}日"
