"""Who receives what: every audience rule of the record sync, in one place.

An audience is a string: `inst:<institution id>`, `role:<role>` or `user:<user id>`.
A change reaches the audiences its record holds; a desk pulls the audiences of its user
(`caller_audiences`). A record's audiences only ever grow (the union of what its rule
gave for every version), so a desk never silently loses sight of a record it had, and a
later change row always reaches everyone an earlier one did (compaction relies on it).

Links: an exam order, a referral or a prescription under review links its patient to
another audience (the executing institution, the receiving institution, the pharmacists);
the patient record then also reaches that audience and is re-emitted to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sync.server.tokens import Principal
from workstation.roles import Role


def inst(institution_id: str) -> str:
    return f"inst:{institution_id}"


def role(r: Role | str) -> str:
    return f"role:{Role(r).value}"


def user(user_id: str) -> str:
    return f"user:{user_id}"


PHARMACISTS = role(Role.PHARMACIST)


def caller_audiences(who: Principal) -> frozenset[str]:
    """What a desk pulls: its institution, each of its user's roles, and the user."""
    return frozenset({inst(who.institution_id), user(who.user_id),
                      *(role(r) for r in who.roles)})


def _ids(*values: Any) -> set[str]:
    return {v for v in values if isinstance(v, str) and v}


# --- per-entity rules: (the record's own audiences, the audiences it links its patient to)
# `owner_inst` is the owning institution (the writer's, set by the server on creation);
# `related` is the record a report or review belongs to (its order or prescription).

def patient_rule(owner_inst: str, data: dict, related: Any = None) -> tuple[set[str], set[str]]:
    return {inst(owner_inst)}, set()


def exam_order_rule(owner_inst: str, data: dict, related: Any = None
                    ) -> tuple[set[str], set[str]]:
    # The executing institution (a county centre) receives what was sent to it: the order
    # and, through the link, the patient.
    executing = _ids(data.get("executing_institution_id"))
    own = {inst(owner_inst)} | {inst(i) for i in _ids(data.get("ordering_institution_id"))}
    return own | {inst(i) for i in executing}, {inst(i) for i in executing}


def report_rule(owner_inst: str, data: dict, related: Any = None) -> tuple[set[str], set[str]]:
    # A report reaches whoever its order reached: the ordering desk gets its results.
    order_audiences = set(related.audiences) if related is not None else set()
    return {inst(owner_inst)} | {a for a in order_audiences if a.startswith("inst:")}, set()


def prescription_rule(owner_inst: str, data: dict, related: Any = None
                      ) -> tuple[set[str], set[str]]:
    # A draft stays on its desk; from submission on, the pharmacists review it and need
    # the patient (age, weight, allergies) to do so.
    own = {inst(owner_inst)}
    if data.get("status", "draft") != "draft":
        return own | {PHARMACISTS}, {PHARMACISTS}
    return own, set()


def pharmacist_review_rule(owner_inst: str, data: dict, related: Any = None
                           ) -> tuple[set[str], set[str]]:
    prescribing = {inst(related.owner_institution_id)} if related is not None else set()
    return {inst(owner_inst), PHARMACISTS} | prescribing, set()


def referral_rule(owner_inst: str, data: dict, related: Any = None
                  ) -> tuple[set[str], set[str]]:
    receiving = {inst(i) for i in _ids(data.get("to_institution_id"))}
    receiving |= {user(u) for u in _ids(data.get("to_user_id"))}
    return {inst(owner_inst)} | receiving, receiving


def union(*groups: Iterable[str]) -> list[str]:
    out: set[str] = set()
    for g in groups:
        out |= set(g)
    return sorted(out)
