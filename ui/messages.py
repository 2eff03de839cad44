"""What the user reads when something goes wrong, in their language.

The core and the server speak in stable codes with parameters; this is the one place that
turns them into sentences. A code without an entry falls back to the server's own message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

# Called with literal strings so that `make lupdate` finds every message.
translate = QCoreApplication.translate


def _local_time(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        return local.strftime("%Y-%m-%d %H:%M")
    return str(value)


def error_text(code: str, params: dict[str, Any] | None = None, fallback: str = "") -> str:
    p = params or {}
    if code == "invalid_server_address":
        reason = p.get("reason") or ""
        base = translate("Messages", "The server address is not valid. Use a form like http://192.0.2.10:8000.")
        return f"{base} ({reason})" if reason else base
    if code == "invalid_credentials":
        return translate("Messages", "The user name or password is wrong.")
    if code == "account_locked":
        return translate("Messages", "This account is locked after repeated failed logins. Try again after {time}, "
            "or ask the consortium administrator to unlock it."
        ).format(time=_local_time(p.get("locked_until", "")))
    if code == "account_disabled":
        return translate("Messages", "This account is disabled. Ask the consortium administrator.")
    if code == "offline_no_credential":
        return translate("Messages", "The server cannot be reached, and this user has never logged in online on "
            "this computer, so an offline login is not possible. Check the network and "
            "try again."
        )
    if code == "offline_invalid_credentials":
        return translate("Messages", "The server cannot be reached and the password does not match the one "
                  "last used online on this computer.")
    if code in ("server_unreachable", "unreachable"):
        return translate("Messages", "The server cannot be reached. Check the network and the server address.")
    if code == "server_error":
        return translate("Messages", "The server reported an error ({status}). Try again later.").format(
            status=p.get("status", "?")
        )
    if code == "cache_unusable":
        return translate("Messages", "The local data file cannot be opened: {path}").format(path=p.get("path", ""))
    if code in ("token_expired", "token_revoked", "token_invalid", "token_missing"):
        return translate("Messages", "Your session has ended. Please log in again.")
    if code in ("forbidden_role", "forbidden_scope"):
        return translate("Messages", "You are not allowed to do this.")
    return fallback or translate("Messages", "Unexpected error: {code}").format(code=code)


def ok_text() -> str:
    return translate("Messages", "OK")


def local_data_title() -> str:
    return translate("Messages", "Local data")


def cache_set_aside_text(path: str) -> str:
    return translate("Messages", "The local data file on this computer was damaged. It has been kept aside at "
        "{path} and a new one was created; your data will be downloaded again from the "
        "server."
    ).format(path=path)


def secrets_text(reason: str) -> str:
    """Why the login is not remembered on this computer (sync.client.secrets reason codes)."""
    if reason == "plaintext_keyring":
        return translate("Messages", "Login is not remembered: the only keyring here would store it "
                                     "as plain text.")
    if reason == "keyring_failed":
        return translate("Messages", "Login is not remembered: the system keyring did not answer.")
    return translate("Messages", "Login is not remembered on this computer (no system keyring).")


def role_text(role: str) -> str:
    names = {
        "doctor": translate("Messages", "Doctor"),
        "ecg_reader": translate("Messages", "ECG reading physician"),
        "imaging_reader": translate("Messages", "Imaging reading physician"),
        "ecg_technician": translate("Messages", "ECG technician"),
        "imaging_technician": translate("Messages", "Imaging technician"),
        "pharmacist": translate("Messages", "Pharmacist"),
        "admin": translate("Messages", "Consortium administrator"),
    }
    return names.get(role, role)


def mode_text(mode: str) -> str:
    names = {
        "doctor": translate("Messages", "Doctor"),
        "technician": translate("Messages", "Technician"),
        "pharmacist": translate("Messages", "Pharmacist"),
        "admin": translate("Messages", "Administration"),
    }
    return names.get(mode, mode)


def entity_text(entity: str) -> str:
    names = {
        "patient": translate("Messages", "Patient"),
        "exam_order": translate("Messages", "Exam order"),
        "report": translate("Messages", "Report"),
        "prescription": translate("Messages", "Prescription"),
        "pharmacist_review": translate("Messages", "Pharmacist review"),
        "referral": translate("Messages", "Referral"),
    }
    return names.get(entity, entity)


def sync_reason_text(code: str, params: dict[str, Any] | None = None) -> str:
    """Why the server refused a change (docs/sync-protocol.md reason codes)."""
    reasons = {
        "not_owner": translate("Messages", "Only the person or institution that owns this "
                                           "record may change it."),
        "out_of_scope": translate("Messages", "This record belongs to an institution you do not "
                                              "work for."),
        "status_backwards": translate("Messages", "The status can only move forward."),
        "append_only": translate("Messages", "A pharmacist review cannot be changed once made."),
        "amend_only": translate("Messages", "A signed report can only be amended."),
        "version_conflict": translate("Messages", "Someone else changed this record first."),
        "identity_conflict_queued": translate(
            "Messages", "Identity details were changed elsewhere at the same time; the "
                        "administrator will decide which are right."),
        "invalid_payload": translate("Messages", "The server found the data incomplete or "
                                                 "invalid."),
        "unknown_entity": translate("Messages", "The server does not know this kind of record; "
                                                "update the workstation."),
        "deleted": translate("Messages", "The record was deleted elsewhere."),
    }
    return reasons.get(code) or error_text(code, params)


def sync_advice_text(code: str) -> str:
    """What the user can do about a refused change."""
    if code in ("version_conflict", "invalid_payload", "deleted"):
        return translate("Messages", "Open the record, check it, then retry.")
    if code == "identity_conflict_queued":
        return translate("Messages", "Nothing to do now; the change waits for the administrator.")
    if code == "unknown_entity":
        return translate("Messages", "Update the workstation, then retry.")
    return translate("Messages", "Ask the record's owner to make the change, then discard "
                                 "yours.")


def sync_state_text(state: str) -> str:
    states = {
        "idle": translate("Messages", "Up to date"),
        "syncing": translate("Messages", "Syncing…"),
        "offline": translate("Messages", "Offline: changes wait and are sent when the server "
                                         "can be reached"),
        "error": translate("Messages", "The last sync failed"),
        "client_too_old": translate("Messages", "The server needs a newer workstation: please "
                                                "update"),
        "auth_required": translate("Messages", "Log in again to resume syncing"),
        "stopped": translate("Messages", "Sync stopped"),
    }
    return states.get(state, state)
