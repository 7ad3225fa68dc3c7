"""HTTP for Atom feeds of fulfilment updates, overall and per agreement."""

from fastapi import APIRouter, Request, Response

from app.core.db import SessionDep
from app.core.errors import BUSY, READ_ONE
from app.core.limits import ExpensiveRead
from app.feeds.service import FeedLinks, render_feed
from app.keys.access import ReaderDep

# A feed renders the latest updates with their lines into XML on every request: an expensive read.
router = APIRouter(tags=["feeds"], dependencies=[ExpensiveRead])

ATOM_MEDIA_TYPE = "application/atom+xml"
FEED_RESPONSES = {
    200: {
        "content": {ATOM_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        "description": "An Atom feed.",
    },
    **READ_ONE,
    **BUSY,
}


def _links(request: Request) -> FeedLinks:
    return FeedLinks(base_url=str(request.base_url).rstrip("/"), self_url=str(request.url))


@router.get("/api/v1/feed", response_class=Response, responses=FEED_RESPONSES)
def get_updates_feed(request: Request, session: SessionDep, _: ReaderDep) -> Response:
    """The latest fulfilment updates of every agreement, as an Atom feed."""
    document = render_feed(session, agreement_id=None, links=_links(request))
    return Response(document, media_type=ATOM_MEDIA_TYPE)


@router.get("/api/v1/agreements/{agreement_id}/feed", response_class=Response, responses=FEED_RESPONSES)
def get_agreement_feed(agreement_id: str, request: Request, session: SessionDep, _: ReaderDep) -> Response:
    """The latest fulfilment updates of one agreement, as an Atom feed."""
    document = render_feed(session, agreement_id=agreement_id, links=_links(request))
    return Response(document, media_type=ATOM_MEDIA_TYPE)
