"""`frontlines serve` (the HTTP API and web map) and `frontlines token create` (API tokens)."""

from __future__ import annotations

import argparse
import sys

from frontlines.cli.common import settings_from_args
from frontlines.cli.store_cmd import add_db_argument, database_url
from frontlines.store.sql import SqlStore
from frontlines.store.tokens import create_token

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# API requests a second per client address (frontlines.api.app.DEFAULT_RATE_PER_SECOND; not
# imported from there so that other verbs do not load the web framework).
DEFAULT_RATE_PER_SECOND = 50.0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = subparsers.add_parser(
        "serve",
        help="serve the HTTP API and the web map over the store",
        description="Reads are open (unless --private); ingest and review need a token from "
        "`frontlines token create NAME`.",
    )
    add_db_argument(server)
    server.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    server.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")
    server.add_argument("--private", action="store_true", help="reads need a token too")
    server.add_argument(
        "--rate-limit",
        type=float,
        default=DEFAULT_RATE_PER_SECOND,
        metavar="N",
        help="API requests a second per client address (default %(default)s)",
    )
    server.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser reads from this origin (CORS is off by default); repeatable",
    )
    server.set_defaults(run=run_serve)

    token = subparsers.add_parser("token", help="manage API tokens")
    verbs = token.add_subparsers(dest="token_command", metavar="VERB", required=True)
    create = verbs.add_parser("create", help="create a token (printed once, stored hashed)")
    create.add_argument("name", help="who or what the token is for")
    create.add_argument("--replace", action="store_true", help="replace a token of that name")
    add_db_argument(create)
    create.set_defaults(run=run_token_create)


def run_serve(args: argparse.Namespace) -> int:
    from frontlines.api.app import ApiSettings
    from frontlines.api.server import serve

    settings = settings_from_args(args)
    url = database_url(args.db, settings)
    api_settings = ApiSettings(
        private_reads=args.private,
        cors_origins=tuple(args.cors_origin),
        rate_per_second=args.rate_limit,
        pipeline=settings,
    )
    print(f"frontlines: serving {url} on http://{args.host}:{args.port}/", file=sys.stderr)
    serve(url, host=args.host, port=args.port, settings=api_settings)
    return 0


def run_token_create(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    store = SqlStore(database_url(args.db, settings))
    try:
        token = create_token(store, args.name, replace=args.replace)
    finally:
        store.close()
    print(token)
    return 0
