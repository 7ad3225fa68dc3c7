"""HTTP for summaries across agreements."""

from datetime import date

from fastapi import APIRouter, Request, Response

from app.core.caching import read_cache_headers
from app.core.db import SessionDep
from app.core.errors import BUSY, READ_MANY, READ_ONE
from app.core.languages import LanguageDep
from app.core.limits import ExpensiveRead
from app.keys.access import ReaderDep
from app.status.policy import PolicyDep
from app.summaries import service
from app.summaries.dependencies import IntervalQuery, SummaryFilterDep
from app.summaries.models import Summary

router = APIRouter(prefix="/api/v1", tags=["summaries"])


@router.get("/summary", response_model=Summary, responses=READ_MANY | BUSY, dependencies=[ExpensiveRead])
def get_summary(
    session: SessionDep,
    _: ReaderDep,
    policy: PolicyDep,
    request: Request,
    response: Response,
    filters: SummaryFilterDep,
    language: LanguageDep,
    interval: IntervalQuery = None,
) -> Summary:
    """What every party received, per category, across agreements and handovers outside any agreement."""
    response.headers.update(read_cache_headers(request))
    summary = service.summarize(
        session, party_id=None, filters=filters, interval=interval, policy=policy, today=date.today()
    )
    return service.summary_in_language(session, summary, language=language.tag)


@router.get(
    "/parties/{party_id}/summary", response_model=Summary, responses=READ_ONE | BUSY, dependencies=[ExpensiveRead]
)
def get_party_summary(
    party_id: str,
    session: SessionDep,
    _: ReaderDep,
    policy: PolicyDep,
    request: Request,
    response: Response,
    filters: SummaryFilterDep,
    language: LanguageDep,
    interval: IntervalQuery = None,
) -> Summary:
    """What one party received and handed over, per category, across its agreements and handovers outside any."""
    response.headers.update(read_cache_headers(request))
    summary = service.summarize(
        session, party_id=party_id, filters=filters, interval=interval, policy=policy, today=date.today()
    )
    return service.summary_in_language(session, summary, language=language.tag)
