"""HTTP endpoints of the record sync: push, pull, the consortium patient record and the
administrator's identity-conflict queue. Access rules: sync/server/access.py."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Security
from sqlalchemy import select

from sync.server.audit import Action, Outcome
from sync.server.audit import record as audit
from sync.server.changes import audiences as aud
from sync.server.changes.entities import REGISTRY
from sync.server.changes.pull import pull_page
from sync.server.changes.store import (
    Mutation,
    Rejected,
    apply_batch,
    forget_transaction,
    latest_seq,
    new_version,
    record_out,
    validate_payload,
    visible,
)
from sync.server.changes.tables import IdentityConflict, Record
from sync.server.changes.wire import (
    DEFAULT_PAGE,
    MAX_PAGE,
    IdentityConflictOut,
    PatientRecordResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    ResolveRequest,
    check_client_schema,
)
from sync.server.clock import iso_utc
from sync.server.deps import Caller, Svc, bearer_scheme
from sync.server.errors import ApiError
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import error_responses

router = RouteSet("/api/v1", dependencies=[Security(bearer_scheme)],
                  responses=error_responses(400, 401, 403, 423))


def _responses(*extra: int) -> dict[int | str, dict[str, Any]]:
    return error_responses(*extra)


@router.post("/sync/push", response_model=PushResponse, tags=["sync"],
             responses=_responses(426))
def push(body: PushRequest, who: Caller, svc: Svc) -> dict[str, Any]:
    """Apply a batch of mutations, one by one; each gets its outcome (rejections are
    data). A key seen before gets its stored outcome back and changes nothing."""
    check_client_schema(body.client_schema)
    now = svc.clock.now()
    mutations = [Mutation(m.key, m.entity, m.id, m.op, m.base_version, m.data, m.changed)
                 for m in body.mutations]
    with svc.db.write() as s:
        outcomes = apply_batch(s, who, now, mutations)
        server_seq = latest_seq(s)
    return {"outcomes": outcomes, "server_seq": server_seq}


@router.get("/sync/pull", response_model=PullResponse, tags=["sync"],
            responses=_responses(410, 426))
def pull(who: Caller, svc: Svc, after: str | None = Query(None, max_length=200),
         limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE),
         client_schema: int | None = None) -> dict[str, Any]:
    """The changes the caller may see after the cursor, at most `limit` change rows."""
    if client_schema is not None:
        check_client_schema(client_schema)
    with svc.db.read() as s:
        return pull_page(s, aud.caller_audiences(who), after, limit)


def _linked(s, patient_id: str, institution_id: str) -> bool:
    """An order or referral links the caller's institution to the patient."""
    for rec in s.scalars(select(Record).where(Record.patient_id == patient_id,
                                              Record.entity.in_(("exam_order", "referral")),
                                              Record.deleted.is_(False))):
        spec = REGISTRY[rec.entity]
        fields = (*spec.own_institution_fields, *spec.linked_institution_fields)
        if institution_id in {rec.data.get(f) for f in fields}:
            return True
    return False


@router.get("/patients/{patient_id}/record", response_model=PatientRecordResponse,
            tags=["sync"], responses=_responses(404))
def patient_record(patient_id: str, who: Caller, svc: Svc,
                   reason: str | None = Query(None, max_length=500)) -> dict[str, Any]:
    """A patient's consortium record: every synced record about them. Allowed in scope,
    when an order or referral links the caller's institution, or as break-glass with a
    stated reason. Every read is audited."""
    now = svc.clock.now()
    reason = (reason or "").strip() or None
    with svc.db.write() as s:
        patient = s.get(Record, ("patient", patient_id))
        if patient is None:
            raise ApiError("not_found")
        if visible(patient, aud.caller_audiences(who)):
            access = "in_scope"
        elif _linked(s, patient_id, who.institution_id):
            access = "linked"
        elif reason:
            access = "break_glass"
        else:
            access = None
        details = {"patient_id": patient_id, "access": access, "reason": reason}
        if access is None:
            audit(s, action=Action.PATIENT_RECORD_READ, outcome=Outcome.DENIED, now=now,
                  user_id=who.user_id, username=who.username, details=details)
        else:
            audit(s, action=Action.BREAK_GLASS if access == "break_glass"
                  else Action.PATIENT_RECORD_READ, outcome=Outcome.SUCCESS, now=now,
                  user_id=who.user_id, username=who.username, details=details)
            others = s.scalars(select(Record).where(Record.patient_id == patient_id,
                                                    Record.entity != "patient")
                               .order_by(Record.entity, Record.created_seq)).all()
            answer = {"access": access, "patient": record_out(patient),
                      "records": [record_out(r) for r in others]}
    if access is None:  # refused after the denial's audit row is committed
        raise ApiError("forbidden_scope", {"reason_required": True})
    return answer


def _conflict_out(c: IdentityConflict, current: Record | None) -> dict[str, Any]:
    return {"id": c.id, "patient_id": c.patient_id, "field": c.field,
            "base_value": c.base_value, "server_value": c.server_value,
            "proposed_value": c.proposed_value,
            "current_value": current.data.get(c.field) if current else None,
            "proposed_by": c.proposed_by, "raised_at": iso_utc(c.raised_at),
            "resolved_by": c.resolved_by,
            "resolved_at": iso_utc(c.resolved_at) if c.resolved_at else None,
            "resolved_value": c.resolved_value}


@router.get("/admin/identity-conflicts", response_model=list[IdentityConflictOut],
            tags=["admin"])
def identity_conflicts(svc: Svc, state: str = Query("open", pattern="^(open|all)$")
                       ) -> list[dict[str, Any]]:
    """Concurrent changes to patients' identity fields waiting for a decision."""
    with svc.db.read() as s:
        q = select(IdentityConflict).order_by(IdentityConflict.raised_at, IdentityConflict.id)
        if state == "open":
            q = q.where(IdentityConflict.resolved_at.is_(None))
        return [_conflict_out(c, s.get(Record, ("patient", c.patient_id)))
                for c in s.scalars(q)]


@router.post("/admin/identity-conflicts/{conflict_id}/resolve",
             response_model=IdentityConflictOut, tags=["admin"],
             responses=_responses(404, 409))
def resolve_identity_conflict(conflict_id: str, body: ResolveRequest, who: Caller,
                              svc: Svc) -> dict[str, Any]:
    """Set the field to the chosen value: a new version of the patient, synced to all."""
    now = svc.clock.now()
    with svc.db.write() as s:
        forget_transaction(s)
        conflict = s.get(IdentityConflict, conflict_id, with_for_update=True)
        if conflict is None:
            raise ApiError("not_found")
        if conflict.resolved_at is not None:
            raise ApiError("already_resolved", {"resolved_by": conflict.resolved_by})
        patient = s.get(Record, ("patient", conflict.patient_id), with_for_update=True)
        if patient is not None and not patient.deleted and \
                patient.data.get(conflict.field) != body.value:
            data = {**patient.data, conflict.field: body.value}
            try:
                data = validate_payload(REGISTRY["patient"], data)
            except Rejected as exc:
                raise ApiError("invalid_request", {"fields": [
                    {"field": "body.value", "type": "invalid", "detail": exc.params}]}) from None
            new_version(s, patient, data, now, who.user_id)
        conflict.resolved_by, conflict.resolved_at = who.user_id, now
        conflict.resolved_value, conflict.note = body.value, body.note
        audit(s, action=Action.IDENTITY_RESOLVE, outcome=Outcome.SUCCESS, now=now,
              user_id=who.user_id, username=who.username,
              details={"conflict_id": conflict.id, "patient_id": conflict.patient_id,
                       "field": conflict.field})
        s.flush()
        return _conflict_out(conflict, patient)

