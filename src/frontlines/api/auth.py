"""Who is calling: bearer tokens for writes (and for reads when the server is private)."""

from __future__ import annotations

from fastapi import Request

from frontlines.api.errors import ApiError
from frontlines.store.sql import SqlStore
from frontlines.store.tokens import token_owner

BEARER = "bearer "


def store_of(request: Request) -> SqlStore:
    """The store the app was created with."""
    store: SqlStore = request.app.state.store
    return store


def caller(request: Request) -> str | None:
    """The token owner's name, or None when no valid token was sent."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith(BEARER):
        return None
    return token_owner(store_of(request), header[len(BEARER) :].strip())


def require_writer(request: Request) -> str:
    """FastAPI dependency for writes: the token owner's name.

    Raises:
        ApiError: 401 without a valid token.
    """
    name = caller(request)
    if name is None:
        raise ApiError(
            401,
            "unauthorised",
            "This request needs a token: send 'Authorization: Bearer TOKEN' with a token from "
            "`frontlines token create NAME`.",
        )
    return name


def check_reader(request: Request) -> None:
    """FastAPI dependency for reads: open unless the server was started private."""
    if request.app.state.settings.private_reads and caller(request) is None:
        raise ApiError(
            401,
            "unauthorised",
            "This server is private: send 'Authorization: Bearer TOKEN' to read.",
        )
