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
from fastapi import APIRouter, FastAPI, Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.core.caching import read_cache_headers
from app.core.config import Settings
from app.core.db import Database
from app.core.errors import InvalidInput, NotFound
from app.core.http import IfNoneMatch, etag_matches
from app.core.languages import SUPPORTED_LANGUAGES, chosen_language
from app.core.limits import read_bulkhead
from app.core.pagination import decode_cursor, encode_cursor
from app.dictionary.service import published
from app.keys.access import ReaderDep
from app.models.values import Category, State
from app.pages import present, service
from app.pages.i18n import Speech, switch_links, translations
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
    sources = [*HERE.glob("*.py"), *(HERE / "templates").glob("*"), *(HERE / "static").glob("*.css")]
    for path in sorted([*sources, *(HERE / "locale").glob("*/LC_MESSAGES/*.po")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


ASSETS = _assets_digest()
STYLESHEET_ETAG = f'"css-{hashlib.sha256(STYLESHEET).hexdigest()[:16]}"'
PAGE_SIZE = 50


def _environment(tag: str) -> jinja2.Environment:
    """The templates in one language: its catalog for `_()`/`{% trans %}`, its formats for the filters."""
    speech = Speech(tag)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every field is escaped; nothing a user typed is trusted as markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    environment.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indents are not part of it
    # New-style gettext: `_("%(n)s", n=...)` formats and escapes the values itself.
    environment.install_gettext_translations(translations(tag), newstyle=True)  # type: ignore[attr-defined]
    environment.filters.update(
        number=speech.number,
        long_date=speech.long_date,
        short_date=speech.short_date,
        percent=speech.percent,
        days=speech.days,
    )

    def party_links(parties: list[Any], page: Speech, *, with_and: bool = True) -> Markup:
        """Parties' names, each a link to its page (keeping the page's chosen language), in a list."""
        links = [
            Markup('<a class="party-link" href="{}">{}</a>').format(page.link(f"/parties/{party.id}"), party.name)
            for party in parties
        ]
        if not with_and or len(links) < 2:
            return Markup(", ").join(links)
        joined = escape(speech.gettext("%(names)s and %(last)s"))  # the catalog's words, escaped: Markup
        return joined % {"names": Markup(", ").join(links[:-1]), "last": links[-1]}

    environment.globals.update(
        stylesheet=f"/static/pages.css?v={ASSETS}",
        category_label=lambda category: present.category_label(category, speech),
        party_links=party_links,
    )
    return environment


ENVIRONMENTS = {tag: _environment(tag) for tag in SUPPORTED_LANGUAGES}

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


def _headers(request: Request, etag: str, speech: Speech) -> dict[str, str]:
    # The same caching as the API: shared caches may keep an anonymous page for a few seconds,
    # one copy per language (Vary: Accept-Language; the ETag carries the language too).
    return {"ETag": etag, "Content-Language": speech.tag, **read_cache_headers(request)}


LangQuery = Annotated[str | None, Query(max_length=35)]
AcceptLanguage = Annotated[str | None, Header(max_length=1000)]


def page_speech(lang: str | None, accept_language: str | None) -> Speech:
    """The language a page is drawn in: `lang=` (then kept in its links), else Accept-Language, else English.

    An unsupported `lang=` is refused with the API's problem document, as the API refuses it.
    """
    return Speech(chosen_language(lang, accept_language).tag, explicit=lang is not None)


def _speech_mark(speech: Speech) -> str:
    """What an ETag carries of the language: its tag, and whether links keep it."""
    return f"{speech.tag}{'!' if speech.explicit else ''}"


def _page_context(request: Request, speech: Speech, *, keep_query: bool) -> dict[str, Any]:
    """What every page's frame shows: its language and the links to it in the others."""
    query = list(request.query_params.multi_items()) if keep_query else []
    return {"speech": speech, "switch": switch_links(request.url.path, query, speech.tag)}


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


def data_links(app: FastAPI, agreement_id: str, speech: Speech) -> list[DataLink]:
    """Links to the same data as JSON, CSV and a feed, for whichever of them this server offers."""
    base = "/api/v1/agreements/{agreement_id}"
    paths = _readable_paths(app)
    csv_label, feed_label = speech.gettext("Handovers (CSV)"), speech.gettext("Feed (Atom)")
    links = [
        DataLink(speech.gettext("Status (JSON)"), f"{base}/status", "application/json"),
        DataLink(speech.gettext("Agreement (JSON)"), base, "application/json"),
        DataLink(speech.gettext("Handovers (JSON)"), f"{base}/updates", "application/json"),
    ]
    links = [link for link in links if link.href in paths]
    if {"agreement_id", "format"} <= paths.get("/api/v1/exports/updates", set()):
        csv = "/api/v1/exports/updates?agreement_id={agreement_id}&format=csv"
        links.append(DataLink(csv_label, csv, "text/csv"))
    elif "format" in paths.get(f"{base}/updates", set()):
        links.append(DataLink(csv_label, f"{base}/updates?format=csv", "text/csv"))
    for path in sorted(paths):
        if not path.startswith(base + "/"):
            continue
        last = path.rsplit("/", 1)[-1]
        if last.endswith(".csv") or last == "csv":
            links.append(DataLink(csv_label, path, "text/csv"))
        if last in ("feed", "feed.atom", "atom", "feed.xml"):
            links.append(DataLink(feed_label, path, "application/atom+xml"))
    return [DataLink(link.label, link.href.replace("{agreement_id}", agreement_id), link.media_type) for link in links]


def _choice(raw: str | None, allowed: type[Category] | type[State], notice: str, notices: list[str]) -> Any:
    if not raw:
        return None
    try:
        return allowed(raw)
    except ValueError:
        notices.append(notice % {"value": raw})
        return None


@router.get("/", response_model=None)
async def index_page(
    request: Request,
    _: ReaderDep,
    party: Annotated[str | None, Query(max_length=40)] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    state: Annotated[str | None, Query(max_length=40)] = None,
    after: Annotated[str | None, Query(max_length=100)] = None,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Every agreement with its state, a progress bar per term and its last handover; filtered by plain GET."""
    speech = page_speech(lang, accept_language)
    policy = get_policy(request)
    notices: list[str] = []
    no_category = speech.gettext("There is no category called “%(value)s”; showing every category.")
    no_state = speech.gettext("There is no state called “%(value)s”; showing every state.")
    filters = service.Filters(
        party_id=party or None,
        category=_choice(category, Category, no_category, notices),
        state=_choice(state, State, no_state, notices),
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
                _speech_mark(speech),
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
            data = service.index_data(session, listed=listed, today=today, policy=policy, language=speech.tag)
        context = {
            **_page_context(request, speech, keep_query=True),
            "agreements": [
                (item.agreement, present.summary(item.agreement, item.status, speech)) for item in data.agreements
            ],
            "parties": data.parties,
            "categories": list(Category),
            "states": [(s.value, present.state_label(s.value, speech)) for s in State],
            "filters": filters,
            "filtered": any((filters.party_id, filters.category, filters.state)),
            "notices": notices,
            "next_href": _next_href(request, data.next_after),
            "today": today,
            "stall_days": policy.stall_days,
        }
        return ENVIRONMENTS[speech.tag].get_template("index.html").render(context)

    async def render() -> str:
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_page)

    etag = await run_in_threadpool(current_etag)
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag, speech))
    html = await _cache(request.app).render_once(etag, render)
    assert html is not None  # an index always renders
    return HTMLResponse(html, headers=_headers(request, etag, speech))


def _next_href(request: Request, next_after: str | None) -> str | None:
    if next_after is None:
        return None
    return str(request.url.include_query_params(after=encode_cursor(next_after)).replace(scheme="", netloc=""))


def _agreement_context(request: Request, agreement_id: str, content: bytes, speech: Speech) -> dict[str, Any] | None:
    """What the agreement's page, its embed view and its charts show (None if the agreement is gone)."""
    policy = get_policy(request)
    status = present_status(content)
    with Session(_database(request).engine) as session:
        detail = service.detail_data(session, agreement_id=agreement_id, policy=policy, language=speech.tag)
        service.recipients_in_language(session, [status], language=speech.tag)
    if detail is None:
        return None
    summary = present.summary(detail.agreement, status, speech)
    concluded_on = date.fromisoformat(status["concluded_on"])
    as_of = date.fromisoformat(status["as_of"])
    for item in summary.terms:
        series = detail.series.get(item.commitment_id, {})
        present.add_chart(item, series=series, start=concluded_on, end=as_of, speech=speech)
    names = {p.id: p.name for p in [*detail.agreement.parties, *detail.agreement.intermediaries]}
    for entry in status["unattributed"]:
        names.setdefault(entry["recipient_id"], entry["recipient_name"])
    headings = {t.commitment_id: t.heading for t in summary.terms}
    return {
        **_page_context(request, speech, keep_query=False),
        "agreement": detail.agreement,
        "status": status,
        "summary": summary,
        "unattributed": [
            present.side(entry, index % present.SLOTS, speech) for index, entry in enumerate(status["unattributed"])
        ],
        "updates": present.update_rows(detail.latest_updates, names=names, headings=headings, speech=speech),
        "links": data_links(request.app, agreement_id, speech),
        "latest_limit": service.LATEST_UPDATES,
        "base_url": str(request.base_url).rstrip("/"),
    }


async def _render_agreement(
    request: Request,
    agreement_id: str,
    if_none_match: str | None,
    *,
    view: str,
    speech: Speech,
    draw: Callable[[dict[str, Any]], str],
) -> tuple[str, bytes | None] | Response:
    """The agreement drawn by `draw` once per revision, day, view and language, or a 304 or 404 answer."""
    policy = get_policy(request)
    source: StatusSource = request.app.state.status_source
    today = date.today()
    rendered = source.read(agreement_id=agreement_id, today=today)
    if rendered is None:
        return _not_found(request, agreement_id, speech)
    etag = f'"{view}{rendered.revision}.{today:%Y%m%d}.{policy.tag}.{_speech_mark(speech)}.{ASSETS}"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag, speech))

    def render_view() -> str | None:
        context = _agreement_context(request, agreement_id, rendered.content, speech)
        return None if context is None else draw(context)

    async def render() -> str | None:
        # Loading the series and drawing the charts is the expensive part: off the loop, inside the bulkhead.
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_view)

    return etag, await _cache(request.app).render_once(f"{agreement_id}:{etag}", render)


async def _agreement_html(
    request: Request,
    agreement_id: str,
    if_none_match: str | None,
    *,
    view: str,
    template: str,
    speech: Speech,
    **headers: str,
) -> Response:
    """An agreement drawn by one template as an HTML answer (or 304, or the 404 page)."""
    drawn = await _render_agreement(
        request,
        agreement_id,
        if_none_match,
        view=view,
        speech=speech,
        draw=lambda context: ENVIRONMENTS[speech.tag].get_template(template).render(context),
    )
    if isinstance(drawn, Response):
        return drawn
    etag, html = drawn
    if html is None:
        return _not_found(request, agreement_id, speech)
    return HTMLResponse(html, headers={**_headers(request, etag, speech), **headers})


@router.get("/agreements/{agreement_id}", response_model=None)
async def agreement_page(
    agreement_id: str,
    request: Request,
    _: ReaderDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One agreement: each term side by side, its imbalance, a cumulative chart and the latest handovers."""
    speech = page_speech(lang, accept_language)
    return await _agreement_html(
        request, agreement_id, if_none_match, view="p", template="agreement.html", speech=speech
    )


@router.get("/agreements/{agreement_id}/embed", response_model=None)
async def agreement_embed(
    agreement_id: str,
    request: Request,
    _: ReaderDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The agreement's figures and charts alone, to be framed in an article (EMBED_FRAME_ANCESTORS)."""
    speech = page_speech(lang, accept_language)
    settings: Settings = request.app.state.settings
    policy = EMBED_CONTENT_SECURITY_POLICY.format(ancestors=settings.embed_frame_ancestors)
    return await _agreement_html(
        request,
        agreement_id,
        if_none_match,
        view="e",
        template="embed.html",
        speech=speech,
        **{"Content-Security-Policy": policy},
    )


@router.get("/agreements/{agreement_id}/charts/{commitment_id}.svg", response_model=None)
async def term_chart(
    agreement_id: str,
    commitment_id: str,
    request: Request,
    _: ReaderDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One term's cumulative chart as an SVG document of its own, with its text alternative, for an <img>."""
    speech = page_speech(lang, accept_language)

    def draw(context: dict[str, Any]) -> str:
        term = next((t for t in context["summary"].terms if t.commitment_id == commitment_id), None)
        if term is None:
            return ""
        return (
            ENVIRONMENTS[speech.tag]
            .get_template("chart.svg")
            .render({**context, "term": term, "chart_style": CHART_STYLESHEET.decode()})
        )

    drawn = await _render_agreement(
        request, agreement_id, if_none_match, view=f"s{commitment_id}.", speech=speech, draw=draw
    )
    if isinstance(drawn, Response):
        return drawn
    etag, svg = drawn
    if svg is None:
        return _not_found(request, agreement_id, speech)
    if not svg:
        raise NotFound(f"Agreement {agreement_id!r} has no term {commitment_id!r}.")
    headers = {**_headers(request, etag, speech), "Content-Security-Policy": CHART_CONTENT_SECURITY_POLICY}
    return Response(svg, media_type="image/svg+xml", headers=headers)


def party_data_links(party_id: str, speech: Speech) -> list[DataLink]:
    """The party's summary as JSON and as the summary export, both with the monthly series the page charts."""
    export = f"/api/v1/exports/summary?party_id={party_id}&interval=month&format="
    return [
        DataLink(
            speech.gettext("Summary (JSON)"), f"/api/v1/parties/{party_id}/summary?interval=month", "application/json"
        ),
        DataLink(speech.gettext("Summary (CSV)"), export + "csv", "text/csv"),
        DataLink(speech.gettext("Summary (CSV with HXL tags)"), export + "hxl", "text/csv"),
    ]


@router.get("/parties/{party_id}", response_model=None)
async def party_page(
    party_id: str,
    request: Request,
    _: ReaderDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One party: what it received and handed over per category across agreements, per month, and its agreements."""
    speech = page_speech(lang, accept_language)
    policy = get_policy(request)
    today = date.today()

    def current_etag() -> str | None:
        with Session(_database(request).engine) as session:
            revisions = service.party_revisions(session, party_id=party_id)
        if revisions is None:
            return None
        fingerprint = "|".join(
            [ASSETS, policy.tag, _speech_mark(speech), party_id, *(f"{a}:{r}" for a, r in revisions)]
        )
        return f'"y{hashlib.sha256(fingerprint.encode()).hexdigest()[:20]}.{today:%Y%m%d}"'

    def render_page() -> str:
        with Session(_database(request).engine) as session:
            data = service.party_data(session, party_id=party_id, policy=policy, today=today, language=speech.tag)
        context = {
            **_page_context(request, speech, keep_query=False),
            "party": present.party_page(data.summary, speech),
            "agreements": sorted(data.agreements, key=lambda a: (a.concluded_on, a.id), reverse=True),
            "more_agreements": data.more_agreements,
            "state_labels": present.state_labels(speech),
            "links": party_data_links(party_id, speech),
        }
        return ENVIRONMENTS[speech.tag].get_template("party.html").render(context)

    async def render() -> str:
        # The summary is summed in the database: off the loop, inside the bulkhead, as the API's is.
        async with read_bulkhead(request).admit():
            return await run_in_threadpool(render_page)

    etag = await run_in_threadpool(current_etag)
    if etag is None:
        return _not_found(request, party_id, speech, missing="party")
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag, speech))
    html = await _cache(request.app).render_once(f"party:{party_id}:{etag}", render)
    assert html is not None  # a party that exists always renders
    return HTMLResponse(html, headers=_headers(request, etag, speech))


def present_status(content: bytes) -> dict[str, Any]:
    """The status document the API serves, parsed once more for the page."""
    document: dict[str, Any] = orjson.loads(content)
    return document


@router.get("/dictionary", response_model=None)
async def dictionary_page(
    request: Request,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The data dictionary: every field, parameter and export column with its meaning; open, as the document is."""
    speech = page_speech(lang, accept_language)
    ready = published(request.app)
    digest = ready.json_etag.strip('"')
    etag = f'"t{digest}.{_speech_mark(speech)}.{ASSETS}"'
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=_headers(request, etag, speech))
    html = _cache(request.app).get(etag)
    if html is None:
        context = {
            **_page_context(request, speech, keep_query=False),
            "terms": present.dictionary_rows(ready.dictionary),
        }
        html = _cache(request.app).put(etag, ENVIRONMENTS[speech.tag].get_template("dictionary.html").render(context))
    return HTMLResponse(html, headers=_headers(request, etag, speech))


def _not_found(request: Request, identifier: str, speech: Speech, *, missing: str = "agreement") -> Response:
    context = {**_page_context(request, speech, keep_query=False), "missing": missing, "identifier": identifier}
    return HTMLResponse(
        ENVIRONMENTS[speech.tag].get_template("not_found.html").render(context),
        status_code=404,
        headers={"Cache-Control": "no-cache", "Content-Language": speech.tag, "Vary": "Accept-Language"},
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
