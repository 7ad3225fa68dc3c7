"""HTTP for exports: streamed CSV, HXL-tagged CSV or NDJSON, chosen by `format` or `Accept`."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import StreamingResponse

from app.agreements.dependencies import AgreementFilterDep
from app.core.db import Database, SessionDep, get_database
from app.core.errors import BUSY, READ_ONE, problems
from app.core.http import DownloadResponse
from app.core.inputs import Day, Moment
from app.core.limits import ExpensiveRead
from app.exports import service
from app.exports.formats import MEDIA_TYPES, Column, ExportFormat, negotiate, render, response_content
from app.keys.access import ReaderDep
from app.models.values import ReviewState
from app.status.policy import PolicyDep
from app.summaries.dependencies import IntervalQuery, SummaryFilterDep
from app.summaries.service import summarize

# Every export reads and streams whole tables: each holds a slot of the read bulkhead until its last row.
router = APIRouter(prefix="/api/v1/exports", tags=["exports"], dependencies=[ExpensiveRead])

FormatQuery = Annotated[
    ExportFormat | None,
    Query(alias="format"),
]
AcceptHeader = Annotated[
    str | None,
    Header(
        max_length=1000,
    ),
]
ByteOrderMarkQuery = Annotated[
    bool,
    Query(
        alias="bom",
    ),
]
DatabaseDep = Annotated[Database, Depends(get_database)]
EXPORT_RESPONSES = {
    200: {"content": response_content(), "description": "The rows, streamed."},
    **READ_ONE,
    **problems(406),
    **BUSY,
}


def _streamed(
    rows: Iterable[Sequence[dict[str, Any]]],
    *,
    columns: Sequence[Column],
    export_format: ExportFormat,
    filename: str,
    byte_order_mark: bool,
) -> StreamingResponse:
    return DownloadResponse(
        render(rows, columns=columns, export_format=export_format, byte_order_mark=byte_order_mark),
        media_type=MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{_extension(export_format)}"'},
    )


def _extension(export_format: ExportFormat) -> str:
    return "ndjson" if export_format is ExportFormat.ndjson else "csv"


@router.get("/agreements", response_class=StreamingResponse, responses=EXPORT_RESPONSES)
def export_agreements(
    database: DatabaseDep,
    policy: PolicyDep,
    _: ReaderDep,
    filters: AgreementFilterDep,
    export_format: FormatQuery = None,
    accept: AcceptHeader = None,
    byte_order_mark: ByteOrderMarkQuery = False,
) -> StreamingResponse:
    """The agreements matching the filters of the list, with their status today: one row per agreement, term
    and receiving party."""
    chosen = negotiate(export_format, accept)
    rows = service.agreement_rows(database, filters=filters, policy=policy, today=date.today())
    return _streamed(
        rows,
        columns=service.AGREEMENT_COLUMNS,
        export_format=chosen,
        filename="agreements",
        byte_order_mark=byte_order_mark,
    )


@router.get("/updates", response_class=StreamingResponse, responses=EXPORT_RESPONSES)
def export_updates(
    session: SessionDep,
    database: DatabaseDep,
    policy: PolicyDep,
    _: ReaderDep,
    export_format: FormatQuery = None,
    accept: AcceptHeader = None,
    byte_order_mark: ByteOrderMarkQuery = False,
    agreement_id: Annotated[str | None, Query(max_length=40)] = None,
    recipient_id: Annotated[str | None, Query(max_length=40)] = None,
    commitment_id: Annotated[str | None, Query(max_length=40)] = None,
    occurred_from: Day | None = None,
    occurred_to: Day | None = None,
    recorded_from: Moment | None = None,
    recorded_to: Moment | None = None,
    review_state: Annotated[
        list[ReviewState] | None,
        Query(max_length=3),
    ] = None,
    counted: bool = False,
) -> StreamingResponse:
    """Every fulfilment update, one row per line, each saying whether the status counts it; the same columns
    `POST /imports` takes back."""
    chosen = negotiate(export_format, accept)
    if agreement_id is not None:
        service.check_agreement(session, agreement_id=agreement_id)
    filters = service.UpdateFilter(
        agreement_id=agreement_id,
        recipient_id=recipient_id,
        commitment_id=commitment_id,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        review_states=tuple(review_state or ()),
        counted_only=counted,
    )
    rows = service.update_rows(database, filters=filters, policy=policy)
    return _streamed(
        rows,
        columns=service.UPDATE_COLUMNS,
        export_format=chosen,
        filename="updates",
        byte_order_mark=byte_order_mark,
    )


@router.get("/summary", response_class=StreamingResponse, responses=EXPORT_RESPONSES)
def export_summary(
    session: SessionDep,
    policy: PolicyDep,
    _: ReaderDep,
    filters: SummaryFilterDep,
    interval: IntervalQuery = None,
    party_id: Annotated[str | None, Query(max_length=40)] = None,
    export_format: FormatQuery = None,
    accept: AcceptHeader = None,
    byte_order_mark: ByteOrderMarkQuery = False,
) -> StreamingResponse:
    """The summary across agreements, of all parties or of one, as the summary endpoints give it: one row per
    category, side and receiving party, then one per period of the series if an interval is asked."""
    chosen = negotiate(export_format, accept)
    summary = summarize(
        session, party_id=party_id, filters=filters, interval=interval, policy=policy, today=date.today()
    )
    return _streamed(
        service.summary_rows(summary),
        columns=service.SUMMARY_COLUMNS,
        export_format=chosen,
        filename="summary",
        byte_order_mark=byte_order_mark,
    )
