"""Applying pushed mutations to the record store, and writing the change log.

One mutation at a time, inside the push's write transaction: check scope and ownership,
apply the entity's policy (entities.py), keep the replaced version in record_history,
append a change row with one row per audience, and store the outcome by (user, key) so a
replay returns it unchanged. A rejection is data, never an exception to the caller.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.server.changes import audiences as aud
from sync.server.changes.entities import REGISTRY, REVIEW_EFFECT, Entity, Policy
from sync.server.changes.tables import (
    ChangeAudience,
    ChangeLog,
    IdentityConflict,
    PushOutcome,
    Record,
    RecordHistory,
    SyncMeta,
)
from sync.server.tokens import Principal

APPLIED, MERGED, REJECTED = "applied", "merged", "rejected"


class Rejected(Exception):
    def __init__(self, reason: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason, self.params = reason, params or {}


@dataclass(frozen=True)
class Mutation:
    key: str
    entity: str
    id: str
    op: str  # "upsert" | "delete"
    base_version: int
    data: dict[str, Any] | None
    changed: list[str] | None


def record_out(rec: Record) -> dict[str, Any]:
    return {"entity": rec.entity, "id": rec.id, "version": rec.version, "data": rec.data,
            "deleted": rec.deleted}


def visible(rec: Record, audiences: frozenset[str]) -> bool:
    return not audiences.isdisjoint(rec.audiences)


# --- the change log ------------------------------------------------------------------

_TXID, _SEQ = "ws_sync_txid", "ws_sync_seq"


def _txid(session: Session) -> int | None:
    """The writing transaction's id on PostgreSQL (once per transaction); None on SQLite,
    where writers are serialized and the sequence itself is the commit order."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if _TXID not in session.info:
        session.info[_TXID] = session.execute(
            text("SELECT pg_current_xact_id()::text::bigint")).scalar_one()
    return session.info[_TXID]


def _next_seq(session: Session) -> int:
    """The next change sequence number, known before any flush so a mutation's rows go
    out in one flush. PostgreSQL: the column's sequence. SQLite: one past the highest
    number ever used, counted in this transaction; safe because a write transaction holds
    the database's write lock from BEGIN IMMEDIATE (other processes included). The
    horizon is included: compaction may have removed the highest row, and reusing its
    number would put a new change at a position a desk's cursor already passed."""
    if session.get_bind().dialect.name == "postgresql":
        return session.execute(
            text("SELECT nextval(pg_get_serial_sequence('change_log', 'seq'))")).scalar_one()
    if _SEQ not in session.info:
        top = session.scalar(select(func.max(ChangeLog.seq))) or 0
        horizon = session.get(SyncMeta, "tombstone_horizon")
        session.info[_SEQ] = max(top, horizon.value["seq"] if horizon else 0)
    session.info[_SEQ] += 1
    return session.info[_SEQ]


def forget_transaction(session: Session) -> None:
    session.info.pop(_TXID, None)
    session.info.pop(_SEQ, None)


def emit(session: Session, rec: Record, now: datetime) -> int:
    """Append one change row for the record's current version, reaching its audiences.
    Nothing is flushed here: the caller flushes once per mutation."""
    seq = _next_seq(session)
    txid = _txid(session) or seq
    session.add(ChangeLog(seq=seq, txid=txid, entity=rec.entity, id=rec.id,
                          version=rec.version, created_at=now,
                          reaches=[ChangeAudience(audience=a, txid=txid)
                                   for a in rec.audiences]))
    rec.updated_seq = seq
    return seq


def latest_seq(session: Session) -> int:
    return session.scalar(select(func.max(ChangeLog.seq))) or 0


def new_version(session: Session, rec: Record, data: dict[str, Any], now: datetime, by: str,
                 *, deleted: bool = False, extra_audiences: set[str] = frozenset()) -> None:
    """Replace the record's data by a new version; the old one goes to record_history."""
    session.add(RecordHistory(entity=rec.entity, id=rec.id, version=rec.version,
                              data=rec.data, deleted=rec.deleted, status=rec.status,
                              changed_by=by, replaced_seq=rec.updated_seq, replaced_at=now))
    rec.data, rec.deleted, rec.version = data, deleted, rec.version + 1
    rec.status = data.get("status") if not deleted else rec.status
    rec.audiences = aud.union(rec.audiences, extra_audiences)
    rec.updated_at = now
    emit(session, rec, now)


# --- applying one mutation -----------------------------------------------------------

def validate_payload(spec: Entity, data: dict[str, Any] | None) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise Rejected("invalid_payload", {"errors": [{"field": "data", "type": "missing"}]})
    try:
        model = spec.schema.model_validate(data)
    except ValidationError as exc:
        raise Rejected("invalid_payload", {"errors": [
            {"field": ".".join(str(p) for p in e["loc"]), "type": e["type"]}
            for e in exc.errors()]}) from None
    out = dict(data)  # stored as sent: unknown keys travel on untouched
    if "status" in type(model).model_fields and "status" not in out:
        out["status"] = model.status  # the status rules need it explicit
    return out


def _lock(session: Session, entity: str, rid: str) -> Record | None:
    return session.get(Record, (entity, rid), with_for_update=True)


class Applier:
    """Applies one caller's mutations inside one write session."""

    def __init__(self, session: Session, who: Principal, now: datetime) -> None:
        self.s, self.who, self.now = session, who, now
        self.audiences = aud.caller_audiences(who)
        # What preload() read for the batch: stored outcomes by key, and the batch's
        # records (locked) or their known absence. Anything else is looked up as needed.
        self.outcomes: dict[str, dict[str, Any] | None] = {}
        self.records: dict[tuple[str, str], Record | None] = {}

    def preload(self, mutations: list[Mutation]) -> None:
        """Two queries for the whole batch instead of two per mutation."""
        keys = sorted({m.key for m in mutations})
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            self.outcomes.update(dict.fromkeys(chunk))
            self.outcomes.update(self.s.execute(
                select(PushOutcome.key, PushOutcome.outcome)
                .where(PushOutcome.user_id == self.who.user_id, PushOutcome.key.in_(chunk))
            ).tuples().all())
        by_entity: dict[str, set[str]] = {}
        for m in mutations:
            if m.entity in REGISTRY:
                by_entity.setdefault(m.entity, set()).add(m.id)
        for entity, ids in by_entity.items():
            wanted = sorted(ids)
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                self.records.update(dict.fromkeys((entity, rid) for rid in chunk))
                for rec in self.s.scalars(select(Record).where(
                        Record.entity == entity, Record.id.in_(chunk)).with_for_update()):
                    self.records[(rec.entity, rec.id)] = rec

    def forget(self, m: Mutation) -> None:
        """After a rolled-back attempt: look this mutation's rows up afresh."""
        self.outcomes.pop(m.key, None)
        self.records.pop((m.entity, m.id), None)

    def _lock(self, entity: str, rid: str) -> Record | None:
        if (entity, rid) in self.records:
            return self.records[(entity, rid)]
        return _lock(self.s, entity, rid)

    def push(self, m: Mutation) -> dict[str, Any]:
        if m.key in self.outcomes:
            stored = self.outcomes[m.key]
        else:
            row = self.s.get(PushOutcome, (self.who.user_id, m.key))
            stored = row.outcome if row is not None else None
        if stored is not None:
            return stored  # a replay: the stored answer, nothing applied again
        try:
            outcome, rec = self._apply(m)
            result = {"key": m.key, "outcome": outcome, "reason": None, "params": {},
                      "record": record_out(rec)}
        except Rejected as r:
            current = self.s.get(Record, (m.entity, m.id)) if m.entity in REGISTRY else None
            shown = current if current is not None and visible(current, self.audiences) \
                else None
            result = {"key": m.key, "outcome": REJECTED, "reason": r.reason,
                      "params": r.params, "record": record_out(shown) if shown else None}
        self.s.add(PushOutcome(user_id=self.who.user_id, key=m.key, outcome=result,
                               created_at=self.now))
        self.s.flush()
        self.outcomes[m.key] = result  # the same key twice in one batch is a replay too
        return result

    def _apply(self, m: Mutation) -> tuple[str, Record]:
        spec = REGISTRY.get(m.entity)
        if spec is None:
            raise Rejected("unknown_entity", {"entity": m.entity})
        try:
            rid = str(uuid.UUID(m.id))
        except ValueError:
            raise Rejected("invalid_payload", {"errors": [{"field": "id",
                                                           "type": "uuid"}]}) from None
        if rid != m.id:
            raise Rejected("invalid_payload", {"errors": [{"field": "id", "type": "uuid"}]})
        rec = self._lock(spec.name, m.id)
        if rec is None:
            if m.op == "delete":
                raise Rejected("unknown_record")
            return APPLIED, self._create(spec, m)
        if not visible(rec, self.audiences):
            raise Rejected("out_of_scope")
        if rec.deleted:
            raise Rejected("deleted")
        if spec.policy is Policy.APPEND_ONLY:
            raise Rejected("append_only")
        self._check_writer(spec, rec)
        if m.op == "delete":
            return APPLIED, self._delete(spec, rec, m)
        return self._update(spec, rec, m)

    # -- creation

    def _create(self, spec: Entity, m: Mutation) -> Record:
        if self.who.roles.isdisjoint(spec.create_roles):
            raise Rejected("role_not_allowed", {"roles": sorted(spec.create_roles)})
        data = validate_payload(spec, m.data)
        if m.base_version != 0:
            raise Rejected("version_conflict", {"server_version": 0})
        for f in spec.own_institution_fields:
            if data.get(f) != self.who.institution_id:
                raise Rejected("out_of_scope", {"field": f})
        if spec.owner_user_field and data.get(spec.owner_user_field) != self.who.user_id:
            raise Rejected("not_owner", {"field": spec.owner_user_field})
        parent = self._parent(spec, data)
        patient_id = m.id if spec.name == "patient" else (
            data.get("patient_id") or (parent.patient_id if parent else None))
        if spec.name != "patient" and patient_id is not None:
            self._reference("patient", patient_id, "patient_id")
        status = data.get("status")
        if spec.status_flow is not None:
            first = next(iter(spec.status_flow))
            if status not in {first, *spec.status_flow[first]} - self._server_only(spec):
                raise Rejected("status_backwards", {"from": None, "to": status})
        own, links = spec.audience(self.who.institution_id, data, parent)
        rec = Record(entity=spec.name, id=m.id, version=1,
                     owner_institution_id=self.who.institution_id,
                     owner_user_id=self.who.user_id, patient_id=patient_id, status=status,
                     data=data, deleted=False, audiences=aud.union(own), created_seq=0,
                     updated_seq=0, updated_at=self.now)
        self.s.add(rec)
        self.records[(rec.entity, rec.id)] = rec
        rec.created_seq = emit(self.s, rec, self.now)
        self._after_change(spec, rec, links, parent)
        return rec

    def _server_only(self, spec: Entity) -> set[str]:
        return {new for new, _ in REVIEW_EFFECT.values()} if spec.name == "prescription" \
            else set()

    def _reference(self, entity: str, rid: Any, field: str) -> Record:
        ref = self.s.get(Record, (entity, rid)) if isinstance(rid, str) else None
        if ref is None or ref.deleted:
            raise Rejected("missing_reference", {"field": field})
        if not visible(ref, self.audiences):
            raise Rejected("out_of_scope", {"field": field})
        return ref

    def _parent(self, spec: Entity, data: dict[str, Any]) -> Record | None:
        if spec.parent is None:
            return None
        field, entity = spec.parent
        parent = self._reference(entity, data.get(field), field)
        if spec.parent_institution_field and \
                parent.data.get(spec.parent_institution_field) != self.who.institution_id:
            raise Rejected("out_of_scope", {"field": field})
        return parent

    # -- who may change an existing record

    def _check_writer(self, spec: Entity, rec: Record) -> None:
        if spec.owner_user_field:
            if rec.owner_user_id != self.who.user_id:
                raise Rejected("not_owner")
        elif rec.owner_institution_id != self.who.institution_id and not self._linked(spec, rec):
            raise Rejected("not_owner")

    def _linked(self, spec: Entity, rec: Record) -> bool:
        return self.who.institution_id in {rec.data.get(f) for f in spec.linked_institution_fields}

    # -- update

    def _update(self, spec: Entity, rec: Record, m: Mutation) -> tuple[str, Record]:
        data = validate_payload(spec, m.data)
        if not 1 <= m.base_version <= rec.version:
            raise Rejected("version_conflict", {"server_version": rec.version})
        merged = m.base_version < rec.version
        if merged:
            if spec.policy is Policy.AMEND or m.changed is None:
                # A report is never merged: its author must read the newer version first.
                raise Rejected("version_conflict", {"server_version": rec.version})
            data = self._merge(spec, rec, m, data)
        diff = {f for f in set(data) | set(rec.data) if data.get(f) != rec.data.get(f)}
        self._check_immutable(spec, diff)
        if rec.owner_institution_id != self.who.institution_id and not spec.owner_user_field \
                and diff - {"status"}:
            raise Rejected("not_owner", {"fields": sorted(diff - {"status"})})
        old, new = rec.status, data.get("status")
        if spec.status_flow is not None and new != old and (
                new not in spec.status_flow.get(old or "", set())):
            raise Rejected("status_backwards", {"from": old, "to": new})
        if spec.content_editable_in is not None and diff - {"status"} and \
                old not in spec.content_editable_in:
            raise Rejected("not_editable", {"status": old})
        if spec.policy is Policy.AMEND and old == "signed" and diff and not (
                data.get("amendment") is True and str(data.get("amendment_reason") or "").strip()):
            raise Rejected("amend_only")
        if not diff:
            return (MERGED if merged else APPLIED), rec  # nothing new: no new version
        parent = self._parent_of(spec, rec)
        own, links = spec.audience(rec.owner_institution_id, data, parent)
        new_version(self.s, rec, data, self.now, self.who.user_id, extra_audiences=own)
        self._after_change(spec, rec, links, parent)
        return (MERGED if merged else APPLIED), rec

    def _parent_of(self, spec: Entity, rec: Record) -> Record | None:
        if spec.parent is None:
            return None
        field, entity = spec.parent
        return self.s.get(Record, (entity, rec.data.get(field)))

    def _check_immutable(self, spec: Entity, diff: set[str]) -> None:
        fixed = {*spec.own_institution_fields, *spec.linked_institution_fields, "patient_id"}
        if spec.owner_user_field:
            fixed.add(spec.owner_user_field)
        if spec.parent:
            fixed.add(spec.parent[0])
        if diff & fixed:
            raise Rejected("invalid_payload", {"errors": [
                {"field": f, "type": "immutable"} for f in sorted(diff & fixed)]})

    def _merge(self, spec: Entity, rec: Record, m: Mutation, data: dict[str, Any]
               ) -> dict[str, Any]:
        """Field by field: the desk's `changed` fields over the server's current data.
        An identity field both sides changed differently goes to the manual queue."""
        base = self.s.get(RecordHistory, (rec.entity, rec.id, m.base_version))
        if base is None:
            raise Rejected("version_conflict", {"server_version": rec.version})
        changed = [f for f in m.changed or [] if isinstance(f, str)]
        conflicts = [f for f in changed if f in spec.identity_fields
                     and base.data.get(f) != rec.data.get(f)
                     and data.get(f) != rec.data.get(f)]
        if conflicts:
            ids = []
            for f in conflicts:
                row = IdentityConflict(id=str(uuid.uuid4()), patient_id=rec.id, field=f, base_value=base.data.get(f),
                                       server_value=rec.data.get(f), proposed_value=data.get(f),
                                       proposed_by=self.who.user_id, push_key=m.key,
                                       raised_at=self.now)
                self.s.add(row)
                ids.append(row.id)
            raise Rejected("identity_conflict_queued", {"fields": conflicts, "conflicts": ids})
        out = dict(rec.data)
        for f in changed:
            if f in data:
                out[f] = data[f]
            else:
                out.pop(f, None)
        return validate_payload(spec, out)

    # -- delete (a tombstone)

    def _delete(self, spec: Entity, rec: Record, m: Mutation) -> Record:
        if rec.owner_institution_id != self.who.institution_id:
            raise Rejected("not_owner")
        if m.base_version != rec.version:
            raise Rejected("version_conflict", {"server_version": rec.version})
        if spec.policy is Policy.AMEND and rec.status == "signed":
            raise Rejected("amend_only")
        if spec.status_flow is not None and spec.policy is Policy.FORWARD and \
                rec.status != next(iter(spec.status_flow)):
            raise Rejected("not_deletable", {"status": rec.status})  # cancel it instead
        kept = {k: rec.data[k] for k in spec.keep_on_delete if k in rec.data}
        new_version(self.s, rec, kept, self.now, self.who.user_id, deleted=True)
        return rec

    # -- consequences of a change

    def _after_change(self, spec: Entity, rec: Record, links: set[str],
                      parent: Record | None) -> None:
        if links and rec.patient_id and spec.name != "patient":
            patient = self._lock("patient", rec.patient_id)
            if patient is not None and not set(links) <= set(patient.audiences):
                # Re-emitted, same version, to everyone (audiences only grow, see audiences.py).
                patient.audiences = aud.union(patient.audiences, links)
                emit(self.s, patient, self.now)
        if spec.name == "pharmacist_review" and parent is not None:
            effect = REVIEW_EFFECT.get(rec.data.get("decision", ""))
            parent = self._lock(parent.entity, parent.id) or parent
            if effect and parent.status in effect[1] and not parent.deleted:
                pspec = REGISTRY[parent.entity]
                data = {**parent.data, "status": effect[0]}
                own, plinks = pspec.audience(parent.owner_institution_id, data, None)
                new_version(self.s, parent, data, self.now, self.who.user_id,
                             extra_audiences=own)
                self._after_change(pspec, parent, plinks, None)


def apply_batch(session: Session, who: Principal, now: datetime,
                mutations: list[Mutation]) -> list[dict[str, Any]]:
    """Apply a push batch in the caller's write transaction, one savepoint per mutation."""
    forget_transaction(session)
    applier = Applier(session, who, now)
    applier.preload(mutations)
    outcomes = []
    for m in mutations:
        for attempt in range(2):
            try:
                with session.begin_nested():
                    outcomes.append(applier.push(m))
                break
            except IntegrityError:
                # A concurrent push created the same record or stored the same key first
                # (it has committed now): once more, and it is an update or a replay.
                if attempt:
                    raise
                applier.forget(m)
    return outcomes
