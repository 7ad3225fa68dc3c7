"""HTTP for bulk imports: a CSV or NDJSON body in the columns of the updates export."""

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.core.db import Database, get_database
from app.core.errors import WRITE, UnsupportedMediaType, problems
from app.imports import service
from app.imports.service import ImportFormat, ImportSource
from app.keys.access import MonitorDep
from app.status.policy import PolicyDep

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])

_FORMATS = {
    "text/csv": ImportFormat.csv,
    "application/x-ndjson": ImportFormat.ndjson,
    "application/ndjson": ImportFormat.ndjson,
    "application/jsonl": ImportFormat.ndjson,
}
# Declared as CSV only: generated clients cannot tell two file bodies apart; NDJSON is read all the same.
_BODY = {
    "schema": {
        "type": "string",
        "format": "binary",
        "description": "Rows in the columns of GET /api/v1/exports/updates; "
        "NDJSON is taken too, sent with Content-Type: application/x-ndjson.",
    }
}


class ImportSummary(BaseModel):
    """What an import recorded."""

    updates: int
    lines: int
    agreement_ids: list[str]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportSummary,
    responses=WRITE | problems(415),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": _BODY},
        }
    },
)
async def import_updates(
    request: Request, caller: MonitorDep, policy: PolicyDep, database: Annotated[Database, Depends(get_database)]
) -> ImportSummary:
    """Record many updates at once (monitor): every row is checked first, and one bad row refuses the whole file."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    kind = _FORMATS.get(media_type)
    if kind is None:
        raise UnsupportedMediaType(
            f"Send the rows as text/csv or application/x-ndjson, not {media_type or 'no Content-Type'!r}."
        )
    body = await request.body()
    source = ImportSource(open=lambda: io.BytesIO(body), kind=kind, size=len(body))
    result = await run_in_threadpool(
        service.import_updates,
        database,
        source=source,
        owner=caller.key_id or "anonymous",
        caller=caller,
        key_id=caller.key_id,
        policy=policy,
    )
    return ImportSummary(updates=result.updates, lines=result.lines, agreement_ids=result.agreement_ids)
