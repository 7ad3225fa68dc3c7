"""Liveness and readiness."""

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from app.core.db import Database
from app.core.errors import ServiceUnavailable, problems
from app.core.migrations import current_revision, head_revision

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The answer of a health check."""

    status: str
    schema_revision: str | None = None


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    responses=problems(503),
)
def readyz(request: Request) -> Health:
    """The database answers and its schema is at the latest migration."""
    database: Database = request.app.state.database
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            revision = current_revision(connection)
    except Exception as exc:
        raise ServiceUnavailable("The database cannot be reached.") from exc
    head = head_revision()
    if revision != head:
        raise ServiceUnavailable(f"The database schema is at {revision}, not at the latest migration {head}.")
    return Health(status="ready", schema_revision=revision)
