"""Shared caches: anonymous polls are cacheable for a few seconds, keyed reads never; the shipped nginx honours it."""

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.caching import ReadCaching
from app.core.config import Settings
from app.core.migrations import upgrade
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from app.main import create_app
from tests.conftest import IN_CI
from tests.factories import Factory, line
from tests.server import free_port, running_server

PUBLIC = "public, max-age=5, stale-while-revalidate=30"
PRIVATE = "private, no-cache"
DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
STATUS_ROUTE = 'route="/api/v1/agreements/{agreement_id}/status"'


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
        assert first.headers["vary"] == "Authorization, Accept-Language", path
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
        assert (
            keyed.headers["cache-control"] == PRIVATE and keyed.headers["vary"] == "Authorization, Accept-Language"
        ), path


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
    assert caching.headers(with_key=False) == {
        "Cache-Control": "public, no-cache",
        "Vary": "Authorization, Accept-Language",
    }


# ---- behind Debian's nginx, configured by deploy/nginx.conf ------------------------------------------------


def _nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin:/sbin")
    if found is None:
        if IN_CI:
            pytest.fail("nginx is not installed; CI never skips the shared-cache test (scripts/test installs it).")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    return found


def _edge_config(work: Path, *, listen: int, upstream: str) -> str:
    """deploy/nginx.conf as shipped, with only the machine-specific lines pointed at this test's ports and files."""
    shipped = (DEPLOY / "nginx.conf").read_text()
    replacements = {
        r"\n\s*resolver [^;]*;": "",  # no Docker DNS here
        r"server api:8000 resolve;": f"server {upstream};",
        r"listen 80;": f"listen 127.0.0.1:{listen};",
        r"worker_processes auto;": "worker_processes 1;",
        r"access_log /dev/stdout json;": f"access_log {work}/access.log json;",
        r"proxy_cache_path /var/cache/nginx/ledger ": f"proxy_cache_path {work}/cache ",
    }
    config = shipped
    for pattern, value in replacements.items():
        # A function, so that nothing in a path is read as a back-reference.
        config, found = re.subn(pattern, lambda _match, text=value: text, config)  # type: ignore[misc]
        assert found == 1, f"deploy/nginx.conf no longer has {pattern!r}"
    temp_paths = "".join(
        f"    {kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = config.replace("http {\n", "http {\n" + temp_paths, 1)
    # Run as whoever runs the tests: as root, nginx would hand its workers to `nobody`, who cannot write here.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    return f"daemon off;\n{user}pid {work}/nginx.pid;\n{config}"


@contextmanager
def _running_edge(work: Path, *, upstream: str) -> Iterator[str]:
    nginx = _nginx()
    port = free_port()
    config = work / "nginx.conf"
    config.write_text(_edge_config(work, listen=port, upstream=upstream))
    error_log = work / "error.log"
    process = subprocess.Popen(
        [nginx, "-p", str(work), "-c", str(config), "-e", str(error_log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {error_log.read_text() if error_log.exists() else ''}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not listen: {error_log.read_text()}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _status_reads_served(service: str) -> int:
    """How many status requests the service itself has answered, from its own request counter."""
    exposition = httpx.get(f"{service}/metrics", timeout=5).text
    return sum(
        int(float(row.rsplit(" ", 1)[1]))
        for row in exposition.splitlines()
        if row.startswith("exchange_ledger_http_requests_total{") and STATUS_ROUTE in row
    )


def _keys(url: str) -> dict[str, str]:
    database = open_database(url)
    tokens = {}
    with Session(database.write_engine) as session:
        for role in (Role.editor, Role.monitor):
            _, tokens[role.value] = create_key(session, name=f"edge test {role.value}", role=role)
        session.commit()
    database.dispose()
    return {role: f"Bearer {token}" for role, token in tokens.items()}


def _poll(url: str, *, readers: int, polls_each: int) -> list[httpx.Response]:
    """Many readers polling one URL at once, each on a connection of its own."""

    def reader() -> list[httpx.Response]:
        with httpx.Client(timeout=10) as connection:
            return [connection.get(url) for _ in range(polls_each)]

    with ThreadPoolExecutor(max_workers=readers) as pool:
        return [poll for polls in pool.map(lambda _: reader(), range(readers)) for poll in polls]


def _received(document: dict[str, object], commitment_id: str, recipient_id: str) -> int:
    for term in document["commitments"]:  # type: ignore[attr-defined]
        for entry in term["recipients"]:
            if term["commitment_id"] == commitment_id and entry["recipient_id"] == recipient_id:
                return int(entry["received"])
    raise AssertionError("no such term and recipient")


def test_a_thousand_polls_through_nginx_reach_the_service_once_and_a_new_handover_shows_after_max_age(
    tmp_path: Path,
) -> None:
    max_age = 3
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    upgrade(url)
    keys = _keys(url)
    env = {
        "PUBLIC_MAX_AGE_SECONDS": str(max_age),
        "RATE_LIMIT_PER_ADDRESS": "0",
        "ENVIRONMENT": "test",
    }
    with (
        running_server(url, env=env) as service,
        _running_edge(tmp_path, upstream=service.removeprefix("http://")) as edge,
        httpx.Client(base_url=service, timeout=10) as direct,
    ):
        # The factory builds the agreement straight on the service, as an editor would.
        factory = Factory(direct, {"editor": {"Authorization": keys["editor"]}})  # type: ignore[arg-type]
        ist = factory.istanbul()
        edge_url = f"{edge}/api/v1/agreements/{ist.agreement_id}/status"
        before = _status_reads_served(service)

        started = time.monotonic()
        polls = _poll(edge_url, readers=20, polls_each=50)
        polled_for = time.monotonic() - started
        assert polled_for < max_age, f"1,000 polls took {polled_for:.1f} s, more than max-age: too busy to tell"
        assert {p.status_code for p in polls} == {200}
        assert len({p.content for p in polls}) == 1
        assert _status_reads_served(service) - before == 1
        statuses = [p.headers["x-cache-status"] for p in polls]
        assert statuses.count("MISS") == 1 and set(statuses) <= {"MISS", "HIT", "UPDATING", "STALE"}
        assert _received(polls[0].json(), ist.remains, ist.ukraine) == 0

        # A key goes past the cache to the service, every time.
        keyed = httpx.get(edge_url, headers={"Authorization": keys["monitor"]}, timeout=10)
        assert keyed.headers["x-cache-status"] == "BYPASS" and keyed.headers["cache-control"] == PRIVATE
        assert _status_reads_served(service) - before == 2

        handover = direct.post(
            f"/api/v1/agreements/{ist.agreement_id}/updates",
            json={
                "occurred_on": "2025-06-11",
                "source": {"publisher": "Coordination Headquarters"},
                "lines": [line(ist.remains, ist.ukraine, 307)],
            },
            headers={"Authorization": keys["monitor"]},
        )
        assert handover.status_code == 201, handover.text

        # nginx counts in whole seconds, so a copy may live up to a second past max-age.
        time.sleep(max(0.0, started + max_age + 1.5 - time.monotonic()))
        fresh = httpx.get(edge_url, timeout=10)
        assert fresh.status_code == 200 and fresh.headers["x-cache-status"] in {"EXPIRED", "MISS"}
        assert _received(fresh.json(), ist.remains, ist.ukraine) == 307
