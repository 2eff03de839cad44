"""Defaults a prescription form fills in when the doctor picks a drug from the dictionary.

Deliberately conservative: one unit of the smallest strength of the first form, by its first
route, at the first usual frequency. The engine then checks whatever the doctor changes.
"""

from __future__ import annotations

from workstation.review.calc import fmt
from workstation.review.knowledge import DrugEntry


def item_defaults(entry: DrugEntry) -> dict:
    drug = entry.drug
    form = drug.forms[0]
    freq = (form.frequencies or drug.frequencies or ["qd"])[0]
    out = {
        "drug": drug.name,
        "code": drug.code,
        "form": form.kind.value,
        "route": form.routes[0].value,
        "frequency": freq,
        "unit": drug.dose_unit,
    }
    if form.strengths:
        out["dose"] = min(form.strengths)
    return out


def form_labels(entry: DrugEntry) -> list[str]:
    """'胶囊 250mg/500mg' per form, for pick lists."""
    d = entry.drug
    return [
        f"{f.form} {'/'.join(fmt(s) + d.dose_unit for s in f.strengths)}".strip()
        for f in d.forms
    ]
