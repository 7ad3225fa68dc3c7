"""HTML pages for people: every agreement at a glance, and each one side by side, drawn on the server."""

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import jinja2
import orjson
from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.core.caching import read_cache_headers
from app.core.config import Settings
from app.core.db import Database
from app.core.errors import InvalidInput, NotFound
from app.core.http import IfNoneMatch, etag_matches
from app.core.limits import read_bulkhead
from app.core.pagination import decode_cursor, encode_cursor
from app.dictionary.service import published
from app.keys.access import ReaderDep
from app.models.values import Category, State
from app.pages import present, service
from app.status.policy import get_policy
from app.status.reader import StatusSource

HERE = Path(__file__).parent
# The charts' colours and rules come first; a chart served alone carries them as its whole style.
CHART_STYLESHEET = (HERE / "static" / "chart.css").read_bytes()
STYLESHEET = CHART_STYLESHEET + b"\n" + (HERE / "static" / "pages.css").read_bytes()
# The embed view: the pages' policy, but framed by whom the settings allow.
EMBED_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors {ancestors}"
)
# A chart alone: its own <style>, nothing else, and no script can run in it.
CHART_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def _assets_digest() -> str:
    """Changes whenever a template, the stylesheet or the page code changes, so old ETags stop matching."""
    digest = hashlib.sha256()
    for path in sorted([*HERE.glob("*.py"), *(HERE / "templates").glob("*"), *(HERE / "static").glob("*.css")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


ASSETS = _assets_digest()
STYLESHEET_ETAG = f'"css-{hashlib.sha256(STYLESHEET).hexdigest()[:16]}"'
PAGE_SIZE = 50

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every field is escaped; nothing a user typed is trusted as markup
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
environment.filters.update(
    number=present.number,
    long_date=present.long_date,
    short_date=present.short_date,
    percent=present.percent,
    days=present.days,
)
environment.globals.update(stylesheet=f"/static/pages.css?v={ASSETS}", category_label=present.category_label)
templates = Jinja2Templates(env=environment)

router = APIRouter(include_in_schema=False)


class PageCache:
    """Pages rendered once per ETag (revision, day and settings), least recently used dropped first.

    Concurrent first viewers of a page wait for one render (single flight per key) instead of
    each rendering it: after a write, every viewer of an agreement asks for the new revision at once.
    """

    def __init__(self, capacity: int = 256) -> None:
        self._capacity = capacity
        self._pages: OrderedDict[str, bytes] = OrderedDict()
        # key -> (the lock its renderer holds, how many requests are rendering or waiting for it)
        self._flights: dict[str, tuple[asyncio.Lock, int]] = {}

    def get(self, key: str) -> bytes | None:
        """The page rendered under this key, if still kept."""
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: str, html: str) -> bytes:
        """Keep a rendered page; returns it encoded."""
        page = html.encode()
        self._pages[key] = page
        self._pages.move_to_end(key)
        while len(self._pages) > self._capacity:
            self._pages.popitem(last=False)
        return page

    async def render_once(self, key: str, render: Callable[[], Awaitable[str | None]]) -> bytes | None:
        """The page under this key, rendered by one request while the others wait; None when `render` finds none."""
        page = self.get(key)
        if page is not None:
            return page
        lock, users = self._flights.get(key, (asyncio.Lock(), 0))
        self._flights[key] = (lock, users + 1)
        try:
            async with lock:
                # A render that failed leaves nothing kept, so the next waiter tries for itself.
                page = self.get(key)
                if page is None:
                    html = await render()
                    page = self.put(key, html) if html is not None else None
                return page
        finally:
            lock, users = self._flights[key]
            if users == 1:
                del self._flights[key]
            else:
                self._flights[key] = (lock, users - 1)


def _cache(app: FastAPI) -> PageCache:
    cache: PageCache | None = getattr(app.state, "page_cache", None)
    if cache is None:
        cache = app.state.page_cache = PageCache()
    return cache


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _headers(request: Request, etag: str) -> dict[str, str]:
    # The same caching as the API: shared caches may keep an anonymous page for a few seconds.
    return {"ETag": etag, **read_cache_headers(request)}


@dataclass(frozen=True)
class DataLink:
    """A machine-readable form of the data a page shows."""

    label: str
    href: str
    media_type: str


def _readable_paths(app: FastAPI) -> dict[str, set[str]]:
    """GET paths of the API and the query parameters each takes, from the app's own OpenAPI document."""
    paths: dict[str, set[str]] | None = getattr(app.state, "page_readable_paths", None)
    if paths is None:
        paths = {
            path: {p["name"] for p in operations["get"].get("parameters", []) if p.get("in") == "query"}
            for path, operations in app.openapi().get("paths", {}).items()
            if "get" in operations
        }
        app.state.page_readable_paths = paths
    return paths


def data_links(app: FastAPI, agreement_id: str) -> list[DataLink]:
    """Links to the same data as JSON, CSV and a feed, for whichever of them this server offers."""
    base = "/api/v1/agreements/{agreement_id}"
    paths = _readable_paths(app)
    links = [
        DataLink("Status (JSON)", f"{base}/status", "application/json"),
        DataLink("Agreement (JSON)", base, "application/json"),
        DataLink("Handovers (JSON)", f"{base}/updates", "application/json"),
    ]
    links = [link for link in links if link.href in paths]
    if {"agreement_id", "format"} <= paths.get("/api/v1/exports/updates", set()):
        csv = "/api/v1/exports/updates?agreement_id={agreement_id}&format=csv"
        links.append(DataLink("Handovers (CSV)", csv, "text/csv"))
    elif "format" in paths.get(f"{base}/updates", set()):
        links.append(DataLink("Handovers (CSV)", f"{base}/updates?format=csv", "text/csv"))
    for path in sorted(paths):
        if not path.startswith(base + "/"):
            continue
        last = path.rsplit("/", 1)[-1]
        if last.endswith(".csv") or last == "csv":
            links.append(DataLink("Handovers (CSV)", path, "text/csv"))
        if last in ("feed", "feed.atom", "atom", "feed.xml"):
            links.append(DataLink("Feed (Atom)", path, "application/atom+xml"))
    return [DataLink(link.label, link.href.replace("{agreement_id}", agreement_id), link.media_type) for link in links]


def _choice(raw: str | None, allowed: type[Category] | type[State], label: str, notices: list[str]) -> Any:
    if not raw:
        return None
    try:
        return allowed(raw)
    except ValueError:
        notices.append(f"There is no {label} called “{raw}”; showing every {label}.")
        return None


@router.get("/", response_model=None)
async def index_page(
    request: Request,
    _: ReaderDep,
    party: Annotated[str | None, Query(max_length=40)] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    state: Annotated[str | None, Query(max_length=40)] = None,
    after: Annotated[str | None, Query(max_length=100)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Every agreement with its state, a progress bar per term and its last handover; filtered by plain GET."""
    policy = get_policy(request)
    notices: list[str] = []
    filters = service.Filters(
        party_id=party or None,
        category=_choice(category, Category, "category", notices),
        state=_choice(state, State, "state", notices),
    )
    try:
        after_id = decode_cursor(after) if after else None
    except InvalidInput:
        after_id = None
    today = date.today()

    def listed_with_etag(session: Session) -> tuple[str, service.Listing]:
        listed = service.listing(session, filters=filters, after=after_id, limit=PAGE_SIZE, policy=policy)
        fingerprint = "|".join(
            [
                ASSETS,
                policy.tag,
                str(request.url.query),
                repr(listed.parties_known),
                *(f"{a.id}:{a.revision}" for a in listed.agreements),
            ]
        )
        return f'"i{hashlib.sha256(fingerprint.encode()).hexdigest()[:20]}.{today:%Y%m%d}"', listed

    def current_etag() -> str:
        with Session(_database(request).engine) as session:
            return listed_with_etag(session)[0]

    def render_page() -> str:
        with Session(_database(request).engine) as session:
            # Listed again: a write since the ETag was read only makes the page fresher than its ETag.
            _, listed = listed_with_etag(session)
            data = service.index_data(session, listed=listed, today=today, policy=policy)
        context = {
            "agreements": [(item.agreement, present.summary(item.agreement, item.status)) for item in data.agreements],
            "parties": data.parties,
            "categories": list(Category),
            "states": [(s.value, present.STATE_LABELS[s.value]) for s in State],
            "filters": filters,
            "filtered": any((filters.party_id, filters.category, filters.state)),
            "notices": notices,
            "next_href": _next_href(request, data.next_after),
            "today": today,
            "stall_days": policy.stall_days,
        }
        return environment.get_template("index.html").render(context)

    async def render() -> str:
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_page)

    etag = await run_in_threadpool(current_etag)
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag))
    html = await _cache(request.app).render_once(etag, render)
    assert html is not None  # an index always renders
    return HTMLResponse(html, headers=_headers(request, etag))


def _next_href(request: Request, next_after: str | None) -> str | None:
    if next_after is None:
        return None
    return str(request.url.include_query_params(after=encode_cursor(next_after)).replace(scheme="", netloc=""))


def _agreement_context(request: Request, agreement_id: str, content: bytes) -> dict[str, Any] | None:
    """What the agreement's page, its embed view and its charts show (None if the agreement is gone)."""
    policy = get_policy(request)
    with Session(_database(request).engine) as session:
        detail = service.detail_data(session, agreement_id=agreement_id, policy=policy)
    if detail is None:
        return None
    status = present_status(content)
    summary = present.summary(detail.agreement, status)
    concluded_on = date.fromisoformat(status["concluded_on"])
    as_of = date.fromisoformat(status["as_of"])
    for item in summary.terms:
        present.add_chart(item, series=detail.series.get(item.commitment_id, {}), start=concluded_on, end=as_of)
    names = {p.id: p.name for p in [*detail.agreement.parties, *detail.agreement.intermediaries]}
    for entry in status["unattributed"]:
        names.setdefault(entry["recipient_id"], entry["recipient_name"])
    headings = {t.commitment_id: t.heading for t in summary.terms}
    return {
        "agreement": detail.agreement,
        "status": status,
        "summary": summary,
        "unattributed": [
            present.side(entry, index % present.SLOTS) for index, entry in enumerate(status["unattributed"])
        ],
        "updates": present.update_rows(detail.latest_updates, names=names, headings=headings),
        "links": data_links(request.app, agreement_id),
        "latest_limit": service.LATEST_UPDATES,
        "base_url": str(request.base_url).rstrip("/"),
    }


async def _render_agreement(
    request: Request, agreement_id: str, if_none_match: str | None, *, view: str, draw: Callable[[dict[str, Any]], str]
) -> tuple[str, bytes | None] | Response:
    """The agreement drawn by `draw` once per revision, day and view, or a 304 or 404 answer."""
    policy = get_policy(request)
    source: StatusSource = request.app.state.status_source
    today = date.today()
    rendered = source.read(agreement_id=agreement_id, today=today)
    if rendered is None:
        return _not_found(request, agreement_id)
    etag = f'"{view}{rendered.revision}.{today:%Y%m%d}.{policy.tag}.{ASSETS}"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag))

    def render_view() -> str | None:
        context = _agreement_context(request, agreement_id, rendered.content)
        return None if context is None else draw(context)

    async def render() -> str | None:
        # Loading the series and drawing the charts is the expensive part: off the loop, inside the bulkhead.
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_view)

    return etag, await _cache(request.app).render_once(f"{agreement_id}:{etag}", render)


async def _agreement_html(
    request: Request, agreement_id: str, if_none_match: str | None, *, view: str, template: str, **headers: str
) -> Response:
    """An agreement drawn by one template as an HTML answer (or 304, or the 404 page)."""
    drawn = await _render_agreement(
        request,
        agreement_id,
        if_none_match,
        view=view,
        draw=lambda context: environment.get_template(template).render(context),
    )
    if isinstance(drawn, Response):
        return drawn
    etag, html = drawn
    if html is None:
        return _not_found(request, agreement_id)
    return HTMLResponse(html, headers={**_headers(request, etag), **headers})


@router.get("/agreements/{agreement_id}", response_model=None)
async def agreement_page(
    agreement_id: str, request: Request, _: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """One agreement: each term side by side, its imbalance, a cumulative chart and the latest handovers."""
    return await _agreement_html(request, agreement_id, if_none_match, view="p", template="agreement.html")


@router.get("/agreements/{agreement_id}/embed", response_model=None)
async def agreement_embed(
    agreement_id: str, request: Request, _: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The agreement's figures and charts alone, to be framed in an article (EMBED_FRAME_ANCESTORS)."""
    settings: Settings = request.app.state.settings
    policy = EMBED_CONTENT_SECURITY_POLICY.format(ancestors=settings.embed_frame_ancestors)
    return await _agreement_html(
        request,
        agreement_id,
        if_none_match,
        view="e",
        template="embed.html",
        **{"Content-Security-Policy": policy},
    )


@router.get("/agreements/{agreement_id}/charts/{commitment_id}.svg", response_model=None)
async def term_chart(
    agreement_id: str, commitment_id: str, request: Request, _: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """One term's cumulative chart as an SVG document of its own, with its text alternative, for an <img>."""

    def draw(context: dict[str, Any]) -> str:
        term = next((t for t in context["summary"].terms if t.commitment_id == commitment_id), None)
        if term is None:
            return ""
        return environment.get_template("chart.svg").render(
            {**context, "term": term, "chart_style": CHART_STYLESHEET.decode()}
        )

    drawn = await _render_agreement(request, agreement_id, if_none_match, view=f"s{commitment_id}.", draw=draw)
    if isinstance(drawn, Response):
        return drawn
    etag, svg = drawn
    if svg is None:
        return _not_found(request, agreement_id)
    if not svg:
        raise NotFound(f"Agreement {agreement_id!r} has no term {commitment_id!r}.")
    headers = {**_headers(request, etag), "Content-Security-Policy": CHART_CONTENT_SECURITY_POLICY}
    return Response(svg, media_type="image/svg+xml", headers=headers)


def party_links(party_id: str) -> list[DataLink]:
    """The party's summary as JSON and as the summary export, both with the monthly series the page charts."""
    export = f"/api/v1/exports/summary?party_id={party_id}&interval=month&format="
    return [
        DataLink("Summary (JSON)", f"/api/v1/parties/{party_id}/summary?interval=month", "application/json"),
        DataLink("Summary (CSV)", export + "csv", "text/csv"),
        DataLink("Summary (CSV with HXL tags)", export + "hxl", "text/csv"),
    ]


@router.get("/parties/{party_id}", response_model=None)
async def party_page(party_id: str, request: Request, _: ReaderDep, if_none_match: IfNoneMatch = None) -> Response:
    """One party: what it received and handed over per category across agreements, per month, and its agreements."""
    policy = get_policy(request)
    today = date.today()

    def current_etag() -> str | None:
        with Session(_database(request).engine) as session:
            revisions = service.party_revisions(session, party_id=party_id)
        if revisions is None:
            return None
        fingerprint = "|".join([ASSETS, policy.tag, party_id, *(f"{a}:{r}" for a, r in revisions)])
        return f'"y{hashlib.sha256(fingerprint.encode()).hexdigest()[:20]}.{today:%Y%m%d}"'

    def render_page() -> str:
        with Session(_database(request).engine) as session:
            data = service.party_data(session, party_id=party_id, policy=policy, today=today)
        context = {
            "party": present.party_page(data.summary),
            "agreements": sorted(data.agreements, key=lambda a: (a.concluded_on, a.id), reverse=True),
            "more_agreements": data.more_agreements,
            "state_labels": present.STATE_LABELS,
            "links": party_links(party_id),
        }
        return environment.get_template("party.html").render(context)

    async def render() -> str:
        # The summary is summed in the database: off the loop, inside the bulkhead, as the API's is.
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_page)

    etag = await run_in_threadpool(current_etag)
    if etag is None:
        return _not_found(request, party_id, missing="party")
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag))
    html = await _cache(request.app).render_once(f"party:{party_id}:{etag}", render)
    assert html is not None  # a party that exists always renders
    return HTMLResponse(html, headers=_headers(request, etag))


def present_status(content: bytes) -> dict[str, Any]:
    """The status document the API serves, parsed once more for the page."""
    document: dict[str, Any] = orjson.loads(content)
    return document


@router.get("/dictionary", response_model=None)
async def dictionary_page(request: Request, if_none_match: IfNoneMatch = None) -> Response:
    """The data dictionary: every field, parameter and export column with its meaning; open, as the document is."""
    ready = published(request.app)
    digest = ready.json_etag.strip('"')
    etag = f'"t{digest}.{ASSETS}"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag))
    html = _cache(request.app).get(etag)
    if html is None:
        context = {"terms": present.dictionary_rows(ready.dictionary)}
        html = _cache(request.app).put(etag, environment.get_template("dictionary.html").render(context))
    return HTMLResponse(html, headers=_headers(request, etag))


def _not_found(request: Request, agreement_id: str, *, missing: str = "agreement") -> Response:
    return templates.TemplateResponse(
        request,
        "not_found.html",
        {"missing": missing, "identifier": agreement_id},
        status_code=404,
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/static/pages.css", response_model=None)
async def pages_stylesheet(request: Request, if_none_match: IfNoneMatch = None) -> Response:
    """The pages' one stylesheet; cached for a year when asked for by its versioned URL."""
    versioned = request.query_params.get("v") == ASSETS
    headers = {
        "ETag": STYLESHEET_ETAG,
        "Cache-Control": "public, max-age=31536000, immutable" if versioned else "no-cache",
    }
    if etag_matches(if_none_match, STYLESHEET_ETAG):
        return Response(status_code=304, headers=headers)
    return Response(STYLESHEET, media_type="text/css", headers=headers)
