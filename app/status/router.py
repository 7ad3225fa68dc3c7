"""HTTP for status: the hot read path, served from the ready document without the ORM."""

from datetime import date

from fastapi import APIRouter, Request, Response

from app.core.errors import READ_ONE, NotFound
from app.core.http import IfNoneMatch, etag_matches
from app.core.security import ReaderDep
from app.status.reader import StatusSource
from app.status.schemas import AgreementStatus

router = APIRouter(tags=["status"])


@router.get(
    "/api/v1/agreements/{agreement_id}/status",
    response_model=AgreementStatus,
    responses=READ_ONE | {304: {"description": "Not modified"}},
)
async def get_agreement_status(
    agreement_id: str, request: Request, _: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """How far each commitment has come, for each receiving party, as of today."""
    source: StatusSource = request.app.state.status_source
    rendered = source.read(agreement_id=agreement_id, today=date.today())
    if rendered is None:
        raise NotFound(f"No agreement with id {agreement_id!r}.")
    headers = {"ETag": rendered.etag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, rendered.etag):
        return Response(status_code=304, headers=headers)
    return Response(rendered.content, media_type="application/json", headers=headers)
