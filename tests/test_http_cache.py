"""Shared caches: anonymous polls are cacheable for a few seconds, keyed reads never."""

from fastapi.testclient import TestClient

from app.core.caching import ReadCaching
from app.core.config import Settings
from app.main import create_app
from tests.factories import Factory, line

PUBLIC = "public, max-age=5, stale-while-revalidate=30"
PRIVATE = "private, no-cache"


def _read_paths(agreement_id: str) -> list[str]:
    return [
        f"/api/v1/agreements/{agreement_id}/status",
        f"/api/v1/agreements/{agreement_id}",
        "/api/v1/agreements",
        f"/agreements/{agreement_id}",
        "/",
    ]


def test_anonymous_reads_may_be_kept_by_shared_caches_and_304s_say_so_too(factory: Factory) -> None:
    ist = factory.istanbul()
    for path in _read_paths(ist.agreement_id):
        first = factory.client.get(path)
        assert first.status_code == 200, path
        assert first.headers["cache-control"] == PUBLIC, path
        assert first.headers["vary"] == "Authorization", path
        if "etag" in first.headers:
            again = factory.client.get(path, headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304, path
            assert again.headers["cache-control"] == PUBLIC and again.headers["etag"] == first.headers["etag"], path


def test_a_dated_status_is_cached_like_todays(factory: Factory) -> None:
    ist = factory.istanbul()
    dated = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", params={"as_of": "2025-06-20"})
    assert dated.status_code == 200 and dated.headers["cache-control"] == PUBLIC


def test_a_read_with_a_key_is_for_that_caller_alone(factory: Factory) -> None:
    ist = factory.istanbul()
    for path in _read_paths(ist.agreement_id):
        keyed = factory.client.get(path, headers=factory.keys["reader"])
        assert keyed.status_code == 200, path
        assert keyed.headers["cache-control"] == PRIVATE and keyed.headers["vary"] == "Authorization", path


def test_reads_that_need_a_key_are_never_shared(settings: Settings, keys: dict[str, dict[str, str]]) -> None:
    closed = settings.model_copy(update={"require_key_for_reads": True})
    with TestClient(create_app(closed)) as client:
        factory = Factory(client, keys)
        ist = factory.istanbul()
        for path in _read_paths(ist.agreement_id):
            keyed = client.get(path, headers=keys["reader"])
            assert keyed.status_code == 200 and keyed.headers["cache-control"] == PRIVATE, path
        assert "public" not in client.get("/api/v1/agreements").headers.get("cache-control", "")


def test_errors_and_writes_are_never_marked_cacheable(factory: Factory) -> None:
    ist = factory.istanbul()
    missing = [
        factory.client.get("/api/v1/agreements/agr_nope/status"),
        factory.client.get("/api/v1/agreements/agr_nope"),
        factory.client.get("/agreements/agr_nope"),
        factory.client.get("/api/v1/agreements", params={"limit": 0}),
    ]
    assert [r.status_code for r in missing] == [404, 404, 404, 422]
    posted = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        json={
            "occurred_on": "2025-06-11",
            "source": {"publisher": "Monitor"},
            "lines": [line(ist.remains, ist.ukraine, 3)],
        },
        headers=factory.keys["monitor"],
    )
    assert posted.status_code == 201
    for response in [*missing, posted]:
        assert "public" not in response.headers.get("cache-control", ""), response.request.url


def test_the_fast_path_answers_exactly_as_the_route(factory: Factory) -> None:
    ist = factory.istanbul()
    path = f"/api/v1/agreements/{ist.agreement_id}/status"
    # A query string the route ignores sends the poll past the fast path to the route.
    fast, routed = factory.client.get(path), factory.client.get(path, params={"via": "route"})
    assert fast.content == routed.content
    for header in ("cache-control", "vary", "etag", "content-type", "content-length"):
        assert fast.headers.get(header) == routed.headers.get(header), header
    etag = {"If-None-Match": fast.headers["etag"]}
    fast_304, routed_304 = (
        factory.client.get(path, headers=etag),
        factory.client.get(path, headers=etag, params={"v": 1}),
    )
    assert fast_304.status_code == routed_304.status_code == 304
    assert fast_304.headers["cache-control"] == routed_304.headers["cache-control"] == PUBLIC


def test_a_max_age_of_zero_asks_shared_caches_to_revalidate_every_time() -> None:
    caching = ReadCaching(max_age_seconds=0, stale_while_revalidate_seconds=30, keys_required=False)
    assert caching.headers(with_key=False) == {"Cache-Control": "public, no-cache", "Vary": "Authorization"}
