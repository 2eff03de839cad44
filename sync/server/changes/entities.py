"""The entity registry: every synced record type, declared in one place.

Per entity: its payload schema (pydantic: permissive, extra keys kept, but typed for the
fields the rules read), its ownership/conflict policy (docs/sync-protocol.md), the roles
that may create it, its status flow, and its audience rule (audiences.py). Domain issues
add entities here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.server.changes import audiences as aud
from workstation.roles import Role


class Policy(StrEnum):
    # Field-by-field merge; concurrent identity-field changes go to the manual queue.
    MERGE_FIELDS = "merge_fields"
    # Owned; fields merge by `changed`, status only moves forward along its flow.
    FORWARD = "forward"
    APPEND_ONLY = "append_only"  # created once, never updated or deleted
    AMEND = "amend"  # every version kept; a signed record changes only by marked amendment


class _Payload(BaseModel):
    # Permissive: desks may carry fields this server version does not know yet.
    model_config = ConfigDict(extra="allow")


Id = Field(min_length=1, max_length=36)


class PatientData(_Payload):
    name: str = Field(min_length=1, max_length=100)
    sex: str | None = None
    birth_date: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None


class ExamOrderData(_Payload):
    patient_id: str = Id
    ordering_institution_id: str = Id
    executing_institution_id: str = Id
    status: Literal["ordered", "scheduled", "in_progress", "completed", "cancelled"] = "ordered"
    kind: str | None = None


class ReportData(_Payload):
    exam_order_id: str = Id
    status: Literal["draft", "signed"] = "draft"
    amendment: bool = False
    amendment_reason: str | None = None


class PrescriptionData(_Payload):
    patient_id: str = Id
    prescriber_id: str = Id
    status: Literal["draft", "submitted", "approved", "returned", "resubmitted", "dispensed",
                    "cancelled"] = "draft"
    items: list[dict[str, Any]] = Field(default_factory=list)


class PharmacistReviewData(_Payload):
    prescription_id: str = Id
    decision: Literal["approved", "returned", "comment"]
    comment: str | None = None


class ReferralData(_Payload):
    patient_id: str = Id
    from_institution_id: str = Id
    to_institution_id: str = Id
    to_user_id: str | None = None
    status: Literal["sent", "accepted", "declined", "completed", "cancelled"] = "sent"


# Status flows: status -> the statuses a desk may move it to. Anything else is backwards.
ORDER_FLOW = {
    "ordered": {"scheduled", "in_progress", "completed", "cancelled"},
    "scheduled": {"in_progress", "completed", "cancelled"},
    "in_progress": {"completed", "cancelled"},
    "completed": set(), "cancelled": set(),
}
# approved/returned are set by the server when a pharmacist's review arrives
# (REVIEW_EFFECT), never pushed by the prescriber.
PRESCRIPTION_FLOW = {
    "draft": {"submitted", "cancelled"},
    "submitted": {"cancelled"},
    "returned": {"resubmitted", "cancelled"},
    "resubmitted": {"cancelled"},
    "approved": {"dispensed", "cancelled"},
    "dispensed": set(), "cancelled": set(),
}
REVIEW_EFFECT = {  # review decision -> prescription status, from these statuses only
    "approved": ("approved", {"submitted", "resubmitted"}),
    "returned": ("returned", {"submitted", "resubmitted"}),
}
REFERRAL_FLOW = {
    "sent": {"accepted", "declined", "cancelled"},
    "accepted": {"completed", "cancelled"},
    "declined": set(), "completed": set(), "cancelled": set(),
}
REPORT_FLOW = {"draft": {"signed"}, "signed": set()}

CLINICIANS = frozenset({Role.DOCTOR, Role.ECG_READER, Role.IMAGING_READER})
REGISTRARS = CLINICIANS | {Role.ECG_TECHNICIAN, Role.IMAGING_TECHNICIAN}

AudienceRule = Callable[[str, dict, Any], tuple[set[str], set[str]]]


@dataclass(frozen=True)
class Entity:
    name: str
    schema: type[_Payload]
    policy: Policy
    audience: AudienceRule
    create_roles: frozenset[Role]
    status_flow: dict[str, set[str]] | None = None
    identity_fields: frozenset[str] = frozenset()
    # The record it belongs to (report -> exam_order, review -> prescription): its id
    # field and entity. The patient is taken from it when the payload has none.
    parent: tuple[str, str] | None = None
    # The institution fields of the payload that must name the writer's institution on
    # creation (a township desk cannot write records for another institution).
    own_institution_fields: tuple[str, ...] = ()
    # Fields a linked (non-owning) institution may change: only the status.
    linked_institution_fields: tuple[str, ...] = ()
    # The payload field naming the owning user: only that user creates and changes it.
    owner_user_field: str | None = None
    # The field of the parent naming the institution that may write this record
    # (a report is written by the institution that executed its order).
    parent_institution_field: str | None = None
    # Statuses in which fields other than the status may still change (None: any); a
    # prescription the pharmacist has seen is not edited behind their back.
    content_editable_in: frozenset[str] | None = None
    # On a tombstone the data is cleared except these keys.
    keep_on_delete: tuple[str, ...] = field(default=())


REGISTRY: dict[str, Entity] = {e.name: e for e in (
    Entity("patient", PatientData, Policy.MERGE_FIELDS, aud.patient_rule, REGISTRARS,
           identity_fields=frozenset({"id_number", "name", "birth_date", "sex"})),
    Entity("exam_order", ExamOrderData, Policy.FORWARD, aud.exam_order_rule,
           frozenset({Role.DOCTOR}), ORDER_FLOW,
           own_institution_fields=("ordering_institution_id",),
           linked_institution_fields=("executing_institution_id",),
           keep_on_delete=("patient_id", "ordering_institution_id",
                           "executing_institution_id")),
    Entity("report", ReportData, Policy.AMEND, aud.report_rule, CLINICIANS, REPORT_FLOW,
           parent=("exam_order_id", "exam_order"),
           parent_institution_field="executing_institution_id",
           keep_on_delete=("exam_order_id",)),
    Entity("prescription", PrescriptionData, Policy.FORWARD, aud.prescription_rule,
           frozenset({Role.DOCTOR}), PRESCRIPTION_FLOW, owner_user_field="prescriber_id",
           content_editable_in=frozenset({"draft", "returned"}),
           keep_on_delete=("patient_id", "prescriber_id")),
    Entity("pharmacist_review", PharmacistReviewData, Policy.APPEND_ONLY,
           aud.pharmacist_review_rule, frozenset({Role.PHARMACIST}),
           parent=("prescription_id", "prescription")),
    Entity("referral", ReferralData, Policy.FORWARD, aud.referral_rule,
           frozenset({Role.DOCTOR}), REFERRAL_FLOW,
           own_institution_fields=("from_institution_id",),
           linked_institution_fields=("to_institution_id",),
           keep_on_delete=("patient_id", "from_institution_id", "to_institution_id")),
)}

# Entities whose records link a patient to another audience (audiences.py).
PATIENT_LINKERS = ("exam_order", "referral", "prescription")
