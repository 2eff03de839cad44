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
