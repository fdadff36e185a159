"""One JSON error shape for every failure: {"code", "message", "field"}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontlines.errors import StoreError
from frontlines.store.review import ReviewNotFoundError, StaleReviewError

logger = logging.getLogger(__name__)

# Codes for the HTTP statuses the API itself raises.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorised",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
}


class ApiError(Exception):
    """An error with an HTTP status, a code and a message (and the field, for bad input)."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field}


def error_response(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status)


def _field_name(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("query", "body", "path", "header")]
    return ".".join(parts) or str(location[-1] if location else "request")


def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
    first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
    field = _field_name(tuple(first.get("loc", ())))
    message = f"The value of {field!r} is not valid: {first.get('msg', 'invalid')}; fix it."
    return error_response(422, "invalid", message, field)


def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
    code = STATUS_CODES.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail))


def _api(_request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.code, error.message, error.field)


def _store(_request: Request, error: StoreError) -> JSONResponse:
    if isinstance(error, ReviewNotFoundError):
        return error_response(404, "not_found", str(error))
    if isinstance(error, StaleReviewError):
        return error_response(409, "conflict", str(error))
    return error_response(422, "invalid", str(error))


def _unexpected(_request: Request, error: Exception) -> JSONResponse:
    logger.exception("unexpected error in the API: %s", error)
    return error_response(500, "internal", "The server failed on this request; see its log.")


def install_error_handlers(app: FastAPI) -> None:
    """Map every error the API can meet to the one error shape."""
    app.exception_handler(RequestValidationError)(_validation)
    app.exception_handler(StarletteHTTPException)(_http)
    app.exception_handler(ApiError)(_api)
    app.exception_handler(StoreError)(_store)
    app.exception_handler(Exception)(_unexpected)
