"""Wire models of the sync endpoints and the client schema check (docs/sync-protocol.md)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.server.errors import ApiError

# The record schema the desk speaks. The server accepts this one and the one before;
# older desks are told to update (426 client_too_old with the minimum).
CLIENT_SCHEMA = 1
MAX_BATCH = 1000
MAX_PAGE, DEFAULT_PAGE = 1000, 500


def minimum_client_schema(current: int = CLIENT_SCHEMA) -> int:
    return max(1, current - 1)


def check_client_schema(version: int, current: int | None = None) -> None:
    current = CLIENT_SCHEMA if current is None else current
    if version < minimum_client_schema(current):
        raise ApiError("client_too_old", {"minimum": minimum_client_schema(current),
                                          "current": current})
    if version > current:
        raise ApiError("invalid_request", {"fields": [
            {"field": "body.client_schema", "type": "too_new",
             "detail": f"this server speaks schema {current}"}]})


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MutationIn(_Request):
    key: str = Field(min_length=1, max_length=64, description="idempotency key")
    entity: str = Field(min_length=1, max_length=40)
    id: str = Field(min_length=1, max_length=36)
    op: Literal["upsert", "delete"] = "upsert"
    base_version: int = Field(0, ge=0)
    data: dict[str, Any] | None = None
    changed: list[str] | None = None


class PushRequest(_Request):
    client_schema: int
    device_id: str | None = Field(None, max_length=100)
    mutations: list[MutationIn] = Field(max_length=MAX_BATCH)


class RecordOut(BaseModel):
    entity: str
    id: str
    version: int
    data: dict[str, Any]
    deleted: bool


class OutcomeOut(BaseModel):
    key: str
    outcome: Literal["applied", "merged", "rejected"]
    reason: str | None
    params: dict[str, Any]
    record: RecordOut | None


class PushResponse(BaseModel):
    outcomes: list[OutcomeOut]
    server_seq: int


class PullResponse(BaseModel):
    changes: list[RecordOut]
    cursor: str
    has_more: bool


class PatientRecordResponse(BaseModel):
    access: Literal["in_scope", "linked", "break_glass"]
    patient: RecordOut
    records: list[RecordOut]


class IdentityConflictOut(BaseModel):
    id: str
    patient_id: str
    field: str
    base_value: Any
    server_value: Any
    proposed_value: Any
    current_value: Any
    proposed_by: str
    raised_at: str
    resolved_by: str | None
    resolved_at: str | None
    resolved_value: Any


class ResolveRequest(_Request):
    value: Any = Field(description="the value the field takes (null clears it)")
    note: str | None = Field(None, max_length=500)
