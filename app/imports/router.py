"""HTTP for bulk imports: a CSV, NDJSON or JSON body in the columns of the updates export."""

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from starlette.concurrency import run_in_threadpool

from app.core.db import Database, get_database
from app.core.errors import WRITE, UnsupportedMediaType, problems
from app.imports import service
from app.imports.models import ImportRows, ImportSummary
from app.imports.service import ImportFormat, ImportSource
from app.keys.access import MonitorDep
from app.status.policy import PolicyDep

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])

_FORMATS = {
    "text/csv": ImportFormat.csv,
    "application/x-ndjson": ImportFormat.ndjson,
    "application/ndjson": ImportFormat.ndjson,
    "application/jsonl": ImportFormat.ndjson,
    "application/json": ImportFormat.json,
}
# CSV and JSON are declared; NDJSON is read all the same, but generated clients cannot tell two file bodies apart.
# The JSON body is an object holding the rows, not a bare array: generated clients tell bodies apart by type.
_BODIES = {
    "text/csv": {
        "schema": {
            "type": "string",
            "format": "binary",
            "description": "Rows in the columns of GET /api/v1/exports/updates; "
            "NDJSON is taken too, sent with Content-Type: application/x-ndjson.",
        }
    },
    "application/json": {"schema": {"$ref": f"#/components/schemas/{ImportRows.__name__}"}},
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportSummary,
    responses=WRITE | problems(415),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": _BODIES,
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
            "Send the rows as text/csv, application/x-ndjson or application/json, "
            f"not {media_type or 'no Content-Type'!r}."
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
