"""Dose and frequency (用法、用量审核): single and daily limits by age band, per kg for children.

Limits come from each drug's label (说明书) or 中国药典临床用药须知 and cite it. Above the
limit is a warning (signing needs a reason, as 超剂量 needs the doctor's second signature);
twice the limit or more is critical. Below the usual minimum is only information.
"""

from __future__ import annotations

from workstation.review.calc import FREQUENCIES, fmt, times_per_day
from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.model import Item
from workstation.review.rules._base import finding, rule_source
from workstation.review.schema import DoseLimit

CRITICAL_FACTOR = 2.0
# Interval and times-a-day codes that mean the same regimen (q8h is tid for review purposes).
_SAME_AS = {"q8h": "tid", "q12h": "bid", "q6h": "qid", "q24h": "qd"}
_BAND_NAME = {"adult": "成人", "elderly": "老年人", "child": "儿童"}


def applicable_limits(ctx: Context, it: Item) -> list[DoseLimit]:
    """The dose limits of the patient's band for this route and form (adult ones as fallback)."""
    drug = it.entry.drug
    kinds = ctx.form_kinds(it) if it.form is None else {it.form}
    for band in (ctx.band, "adult"):
        cands = [
            d for d in drug.doses
            if d.band == band
            and (d.routes is None or it.route in d.routes)
            and not (set(d.except_conditions) & ctx.conditions)
        ]
        if it.form is not None:
            cands = [d for d in cands if d.kinds is None or it.form in d.kinds]
        else:
            plain = [d for d in cands if d.kinds is None]
            kinded = [d for d in cands if d.kinds is not None and kinds & set(d.kinds)]
            # Form not stated: the limit of the most permissive form it could be, never a false alarm.
            cands = plain or ([max(kinded, key=lambda d: (d.daily_max or 0, d.single_max or 0))] if kinded else [])
        if cands:
            return cands
        if band == "adult":
            break
    return []


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in ctx.rx.items:
        out += _frequency(ctx, it)
        limits = applicable_limits(ctx, it)
        if not limits:
            continue
        dose = ctx.dose(it)
        unit = it.entry.drug.dose_unit
        if dose.single is None:
            out.append(finding(
                ctx, Category.DOSE, "info", "dose.unit_unknown",
                f"{it.name}剂量单位“{it.unit}”无法换算为{unit}，未核对剂量",
                f"字典剂量单位为{unit}；以片/粒等计量时请注明规格（strength）或剂型。", (it,),
                suggestion=f"以{unit}填写剂量或注明规格",
            ))
            continue
        for lim in limits:
            f = _against(ctx, it, lim, dose.single, dose.daily, unit)
            if f:
                out.append(f)
                break  # one dose finding per item: the first limit broken is enough to act on
    return out


def _against(ctx: Context, it: Item, lim: DoseLimit, single: float, daily: float | None, unit: str) -> Finding | None:
    weight = ctx.patient.weight_kg
    if lim.per_kg:
        if weight is None:
            return None  # legality.child_weight already asks for the weight
        smax = lim.single_max * weight if lim.single_max is not None else None
        dmax = lim.daily_max * weight if lim.daily_max is not None else None
        if lim.abs_single_max is not None:
            smax = min(smax, lim.abs_single_max) if smax is not None else lim.abs_single_max
        if lim.abs_daily_max is not None:
            dmax = min(dmax, lim.abs_daily_max) if dmax is not None else lim.abs_daily_max
        basis = f"（按体重{fmt(weight)}kg计算）"
    else:
        smax, dmax, basis = lim.single_max, lim.daily_max, ""
    wmax = lim.weekly_max
    weekly = daily * 7 if daily is not None else None
    band = _BAND_NAME[lim.band]
    src = rule_source(it, lim.source)
    note = lim.note or ""
    for kind, value, limit in (("single", single, smax), ("daily", daily, dmax), ("weekly", weekly, wmax)):
        if limit is None or value is None or value <= limit * (1 + 1e-9):
            continue
        word = {"single": "单次", "daily": "日", "weekly": "每周"}[kind]
        sev = "critical" if value >= limit * CRITICAL_FACTOR else "warning"
        return finding(
            ctx, Category.DOSE, sev, f"dose.{kind}_max",
            f"{it.name}{word}剂量{fmt(value)}{unit}超过{band}{word}最大量{fmt(round(limit, 3))}{unit}{basis}",
            f"{note}。" if note else "", (it,), src, cite=it.entry.drug.name,
            suggestion=f"调整至{word}剂量不超过{fmt(round(limit, 3))}{unit}；确需超量须注明理由并双签",
        )
    if lim.single_min is not None and single < lim.single_min:
        return finding(
            ctx, Category.DOSE, "info", "dose.single_min",
            f"{it.name}单次剂量{fmt(single)}{unit}低于常用量{fmt(lim.single_min)}{unit}",
            note, (it,), src, cite=it.entry.drug.name,
        )
    return None


def _frequency(ctx: Context, it: Item) -> list[Finding]:
    """Frequency (给药频次): a known code, and one the label uses for this drug and form."""
    if it.frequency not in FREQUENCIES:
        return [finding(
            ctx, Category.FREQUENCY, "warning", "frequency.unknown",
            f"{it.name}给药频次“{it.frequency}”不规范", "处方用法应使用规范的给药频次（如qd、bid、tid、q8h）。",
            (it,), "rx_admin", suggestion="使用规范频次代码",
        )]
    usual = _usual_frequencies(ctx, it)
    same = {_SAME_AS.get(u, u) for u in usual}
    if not usual or _SAME_AS.get(it.frequency, it.frequency) in same or it.frequency in ("st", "once", "prn"):
        return []
    tpd = times_per_day(it.frequency) or 0
    most = max((times_per_day(u) or 0) for u in usual)
    sev = "warning" if tpd > most else "info"
    return [finding(
        ctx, Category.FREQUENCY, sev, "frequency.unusual",
        f"{it.name}给药频次{it.frequency}不符合说明书用法（常用：{'、'.join(usual)}）",
        "给药次数多于说明书可致蓄积；缓控释制剂不应增加给药次数。" if sev == "warning" else "给药间隔与说明书不一致，请确认。",
        (it,), it.entry.drug.source, cite=it.entry.drug.name,
        suggestion=f"按说明书频次给药（{'、'.join(usual)}）",
    )]


def _usual_frequencies(ctx: Context, it: Item) -> list[str]:
    """What the label uses for this route and form; the union over forms when the form is not stated."""
    drug = it.entry.drug
    forms = [f for f in drug.forms if it.route in f.routes and (it.form is None or f.kind == it.form)]
    usual = {x for f in forms for x in (f.frequencies or drug.frequencies)} if forms else set(drug.frequencies)
    return sorted(usual, key=lambda x: (FREQUENCIES.get(x) or 0, x))
