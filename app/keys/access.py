"""Who may do what: bearer API keys checked against the role a route needs."""

from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.routing import BaseRoute

from app.core.config import Settings
from app.core.db import Database, DirectConnections, LoopReads
from app.core.errors import Forbidden, Unauthenticated
from app.keys.models import Role
from app.keys.service import ANONYMOUS, KEY_SQL, Caller, caller_of_key, key_id_of, verify_token

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer elk.<id>.<secret>`.")
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def caller_of(state: Any, token: str | None) -> Caller:
    """Who sends this bearer token (anonymous for none), by the app's `state`; Unauthenticated for a wrong or
    revoked key."""
    # No key, no look-up. On SQLite a key is one read by primary key of a local file that no writer blocks
    # (WAL), made on the event loop's own connection; a PostgreSQL read is a round trip and may wait on a
    # lock, so the loop awaits it on a connection of its own (no worker thread, which would queue for the
    # interpreter with the group writer).
    if token is None:
        return ANONYMOUS
    database: Database = state.database
    if database.is_sqlite:
        direct: DirectConnections = state.direct
        return verify_token(token, lambda key_id: direct.first_row(SQLITE_KEY_SQL, (key_id,)))
    loop_reads: LoopReads = state.loop_reads
    return caller_of_key(token, await loop_reads.first_row(POSTGRES_KEY_SQL, (key_id_of(token),)))


SQLITE_KEY_SQL = KEY_SQL.format("?")
POSTGRES_KEY_SQL = KEY_SQL.format("%s")


async def _look_up(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    token = None if credentials is None else credentials.credentials
    return await caller_of(request.app.state, token)


def checked_role(caller: Caller, role: Role) -> Caller:
    """The caller, if its key has `role` or above; 401 without a valid key, 403 with too low a role."""
    if caller.role is None:
        raise Unauthenticated(f"This needs an API key with the role {role.value} or above.")
    if caller.role.rank < role.rank:
        raise Forbidden(f"This needs the role {role.value} or above; the key has {caller.role.value}.")
    return caller


def require_role(role: Role) -> Callable[..., Awaitable[Caller]]:
    """A dependency that lets through keys of `role` or above, and answers 401 or 403 otherwise."""

    async def dependency(request: Request, credentials: BearerDep) -> Caller:
        caller = checked_role(await _look_up(request, credentials), role)
        request.state.caller = caller  # the audit log records who wrote
        return caller

    dependency.checks_role = True  # type: ignore[attr-defined]  # routes declare it before their write session
    return dependency


async def read_access(request: Request, credentials: BearerDep) -> Caller:
    """Reads are open unless the settings require a key; a key sent is always checked."""
    settings: Settings = request.app.state.settings
    caller = await _look_up(request, credentials)
    if settings.require_key_for_reads and caller.role is None:
        raise Unauthenticated("Reads need an API key on this server.")
    return caller


ReaderDep = Annotated[Caller, Depends(read_access)]
MonitorDep = Annotated[Caller, Depends(require_role(Role.monitor))]
VerifierDep = Annotated[Caller, Depends(require_role(Role.verifier))]
EditorDep = Annotated[Caller, Depends(require_role(Role.editor))]
AdminDep = Annotated[Caller, Depends(require_role(Role.admin))]


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def declare_open_reads(document: dict[str, Any], routes: Sequence[BaseRoute], *, keys_required: bool) -> None:
    """Mark the operations `read_access` guards as callable with or without a key (`security: [{}, bearer]`).

    The framework lists a key as required wherever the bearer scheme is a dependency; a read is
    open unless the server requires keys for reads, and a key sent there is still checked.
    """
    if keys_required:
        return
    paths = document.get("paths", {})
    # Route contexts flatten the included routers, their prefixes and dependencies, as the document does.
    for route in iter_route_contexts(routes):
        if not isinstance(route.original_route, APIRoute) or read_access not in _calls(route.dependant):
            continue
        for method in route.methods or ():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if operation is not None and operation.get("security"):
                operation["security"] = [{}, *(r for r in operation["security"] if r)]
