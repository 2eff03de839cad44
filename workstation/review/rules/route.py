"""Form and route (剂型与给药途径审核): the route exists for the drug, and is not forbidden.

A route the label forbids (e.g. 氯化钾 静脉推注, 肝素 肌内注射) is critical; giving an oral-only
drug intravenously is critical; any other route the dictionary does not list is a warning.
"""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding
from workstation.review.rules._base import finding, rule_source
from workstation.review.schema import INTRAVASCULAR

ROUTE_NAME = {
    "po": "口服", "sl": "舌下含服", "iv": "静脉推注", "ivgtt": "静脉滴注", "im": "肌内注射", "sc": "皮下注射",
    "inh": "吸入", "nasal": "鼻用", "topical": "外用", "eye": "滴眼", "ear": "滴耳", "rectal": "直肠给药",
    "vaginal": "阴道给药", "td": "透皮",
}


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in ctx.rx.items:
        drug = it.entry.drug
        rname = ROUTE_NAME[it.route.value]
        forbidden = next((f for f in drug.forbidden_routes if f.route == it.route), None)
        if forbidden:
            out.append(finding(
                ctx, Category.ROUTE, "critical", "route.forbidden",
                f"{drug.name}禁止{rname}", forbidden.note, (it,), rule_source(it, forbidden.source), cite=drug.name,
                suggestion="改用说明书规定的给药途径",
            ))
            continue
        forms = [f for f in drug.forms if it.form is None or f.kind == it.form]
        routes = {r for f in forms for r in f.routes}
        if it.route in routes:
            continue
        all_routes = {r for f in drug.forms for r in f.routes}
        iv_wrong = it.route in INTRAVASCULAR and not (all_routes & INTRAVASCULAR)
        sev = "critical" if iv_wrong else "warning"
        allowed = "、".join(ROUTE_NAME[r.value] for r in sorted(routes or all_routes))
        form_txt = f"（{it.form.value}）" if it.form else ""
        out.append(finding(
            ctx, Category.ROUTE, sev, "route.not_labelled",
            f"{drug.name}{form_txt}不能{rname}，说明书给药途径为：{allowed}",
            "剂型与给药途径不符。" + ("该药无静脉制剂，静脉给药可致严重不良后果。" if iv_wrong else ""),
            (it,), drug.source, cite=drug.name, suggestion=f"改为{allowed}",
        ))
    return out
