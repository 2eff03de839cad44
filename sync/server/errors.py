"""The one error shape of the API: {"error": {"code", "message", "params"}} (docs/api.md).

Codes are stable; messages are a Chinese fallback for logs and scripts.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

MESSAGES: dict[str, str] = {
    "invalid_request": "请求格式不正确",
    "invalid_credentials": "用户名或密码错误",
    "token_missing": "未登录或缺少访问令牌",
    "token_invalid": "访问令牌无效",
    "token_expired": "令牌已过期，请重新登录",
    "token_revoked": "令牌已失效，请重新登录",
    "account_disabled": "账户已停用",
    "forbidden_role": "当前角色无权执行此操作",
    "forbidden_scope": "无权访问该机构或记录",
    "not_found": "资源不存在",
    "method_not_allowed": "不支持该请求方法",
    "account_locked": "登录失败次数过多，账户已锁定",
    "already_resolved": "该冲突已处理",
    "resync_required": "同步位置已过期，请重新完整同步",
    "client_too_old": "客户端版本过旧，请更新",
    "internal_error": "服务器内部错误",
}

STATUS: dict[str, int] = {
    "invalid_request": 400,
    "invalid_credentials": 401,
    "token_missing": 401,
    "token_invalid": 401,
    "token_expired": 401,
    "token_revoked": 401,
    "account_disabled": 403,
    "forbidden_role": 403,
    "forbidden_scope": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "account_locked": 423,
    "already_resolved": 409,
    "resync_required": 410,
    "client_too_old": 426,
    "internal_error": 500,
}


class ApiError(Exception):
    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}

    @property
    def status(self) -> int:
        return STATUS[self.code]


def error_body(code: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": MESSAGES[code], "params": params or {}}}


def error_response(error: ApiError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return JSONResponse(error_body(error.code, error.params), error.status, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        # FastAPI answers 422 with its own shape; the contract says 400 invalid_request.
        assert isinstance(exc, RequestValidationError)
        fields = [
            {"field": _field_path(tuple(e.get("loc", ()))), "type": e.get("type"),
             "detail": e.get("msg")}
            for e in exc.errors()
        ]
        return error_response(ApiError("invalid_request", {"fields": fields}))

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
        if code is None:
            code = "invalid_request" if exc.status_code < 500 else "internal_error"
        response = error_response(ApiError(code))
        response.status_code = exc.status_code
        return response

    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        return error_response(ApiError("internal_error"))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
