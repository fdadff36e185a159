"""API tokens: created once and shown once, stored only as their sha256."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select

from frontlines.errors import StoreError
from frontlines.store.schema import api_tokens
from frontlines.store.sql import SqlStore

# Random bytes in a token (URL-safe base64 of them is what the user keeps).
TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    """sha256 of a token: tokens are random, so a plain digest is enough (no stretching)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: SqlStore, name: str, *, replace: bool = False) -> str:
    """A new token for `name` (returned once, stored hashed).

    Raises:
        StoreError: the name is empty, or taken and `replace` is not set.
    """
    name = name.strip()
    if not name:
        raise StoreError("A token needs a name; give the analyst's or tool's name.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.engine.begin() as conn:
        taken = conn.execute(select(api_tokens.c.name).where(api_tokens.c.name == name)).first()
        if taken and not replace:
            raise StoreError(
                f"A token named {name!r} exists already; choose another name or pass --replace."
            )
        conn.execute(delete(api_tokens).where(api_tokens.c.name == name))
        conn.execute(
            insert(api_tokens).values(
                name=name,
                token_hash=hash_token(token),
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
    return token


def token_owner(store: SqlStore, token: str) -> str | None:
    """The name a token was created for, or None when it is not a valid token."""
    digest = hash_token(token)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(api_tokens.c.name, api_tokens.c.token_hash).where(
                api_tokens.c.token_hash == digest
            )
        ).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return str(row.name)
