"""Operations: request ids in and out, structured JSON logs with the request id, Prometheus metrics."""

import ipaddress
import json
import logging
import re
import tempfile
from pathlib import Path

import httpx
import pytest
import yaml  # type: ignore[import-untyped]
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample
from pydantic import SecretStr

from app.core.config import Settings
from app.core.logging import JsonFormatter
from app.main import create_app
from tests.factories import Factory, line
from tests.server import running_server


def samples(exposition: str) -> list[Sample]:
    """Every sample of a Prometheus text exposition."""
    return [sample for family in text_string_to_metric_families(exposition) for sample in family.samples]


def value(exposition: str, name: str, **labels: str) -> float:
    """The value of one sample (0 when absent)."""
    for sample in samples(exposition):
        if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
            return float(sample.value)
    return 0.0


def test_a_plain_request_id_is_echoed_and_a_missing_one_made(client: TestClient) -> None:
    echoed = client.get("/healthz", headers={"X-Request-ID": "monitor-42.retry:1"})
    made = client.get("/healthz")
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 300})
    odd = client.get("/healthz", headers={"X-Request-ID": "a b <script>"})

    assert echoed.headers["x-request-id"] == "monitor-42.retry:1"
    assert len(made.headers["x-request-id"]) == 16
    assert made.headers["x-request-id"] != client.get("/healthz").headers["x-request-id"]
    assert hostile.headers["x-request-id"] != "x" * 300 and len(hostile.headers["x-request-id"]) == 16
    assert odd.headers["x-request-id"] != "a b <script>"


def test_error_responses_carry_the_request_id_too(client: TestClient) -> None:
    response = client.get("/api/v1/agreements/agr_missing", headers={"X-Request-ID": "find-me"})

    assert response.status_code == 404
    assert response.headers["x-request-id"] == "find-me"


def test_lines_logged_while_serving_a_request_carry_its_id(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # An unreachable rate-limit store logs a warning inside the request.
    changed = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0", "access_log": True})
    with caplog.at_level(logging.INFO), TestClient(create_app(changed)) as client:
        caplog.clear()  # what starting the app logged (a development signing key, say) belongs to no request
        response = client.get("/api/v1/parties", headers={"X-Request-ID": "req-7"})

    formatter = JsonFormatter()
    entries = [json.loads(formatter.format(r)) for r in caplog.records if r.name.startswith("app.")]
    assert response.status_code == 200
    assert {e["logger"] for e in entries} >= {"app.ratelimit", "app.access"}
    assert all(e["request_id"] == "req-7" for e in entries)
    access = next(e for e in entries if e["logger"] == "app.access")
    assert access["path"] == "/api/v1/parties" and access["status"] == 200 and access["duration_ms"] >= 0


@pytest.mark.slow
def test_a_real_server_logs_one_json_object_a_line_with_request_ids(database_url: str, settings: Settings) -> None:
    with running_server(database_url, env={"ACCESS_LOG": "true"}) as base, httpx.Client(base_url=base) as http:
        ids = [http.get(path).headers["x-request-id"] for path in ("/api/v1/parties", "/api/v1/agreements/agr_x")]
        port = base.rsplit(":", 1)[1]
    log = (Path(tempfile.gettempdir()) / f"exchange-ledger-{port}.log").read_text()

    entries = [json.loads(text) for text in log.splitlines() if text.strip()]
    access = [e for e in entries if e["logger"] == "app.access"]
    assert any(e["logger"].startswith("uvicorn") for e in entries)  # the server's own lines, too
    assert "\x1b" not in log and "\\u001b" not in log and not any("color_message" in e for e in entries)
    assert entries and all({"time", "level", "logger", "message", "request_id"} <= e.keys() for e in entries)
    assert [e["request_id"] for e in access if e["path"] != "/readyz"] == ids
    assert [e["status"] for e in access if e["path"] != "/readyz"] == [200, 404]


def test_metrics_count_requests_by_route_template_and_time_them(client: TestClient, factory: Factory) -> None:
    istanbul = factory.istanbul()
    factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 5)])
    for _ in range(3):
        client.get(f"/api/v1/agreements/{istanbul.agreement_id}/status")
    client.get("/api/v1/agreements/agr_missing/status")

    exposition = client.get("/metrics").text

    route = "/api/v1/agreements/{agreement_id}/status"
    assert value(exposition, "exchange_ledger_http_requests_total", method="GET", route=route, status="200") == 3
    assert value(exposition, "exchange_ledger_http_requests_total", method="GET", route=route, status="404") == 1
    assert value(exposition, "exchange_ledger_http_request_duration_seconds_count", method="GET", route=route) == 4
    assert (
        value(
            exposition,
            "exchange_ledger_http_requests_total",
            route="/api/v1/agreements/{agreement_id}/updates",
            status="201",
        )
        == 1
    )
    # No raw ids in labels: the number of series does not grow with the data.
    assert istanbul.agreement_id not in exposition


def test_metrics_show_the_database_pool_and_the_webhook_backlog(client: TestClient) -> None:
    exposition = client.get("/metrics").text
    names = {sample.name for sample in samples(exposition)}

    assert {"exchange_ledger_db_pool_size", "exchange_ledger_db_pool_checked_out"} <= names
    assert "exchange_ledger_webhook_deliveries_pending" in names
    assert value(exposition, "exchange_ledger_webhook_deliveries_pending") == 0


def test_unexpected_errors_are_counted_and_answered_as_problems(settings: Settings) -> None:
    app = create_app(settings)

    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/test-only/explode", explode, methods=["GET"])
    with TestClient(app, raise_server_exceptions=False) as client:
        failed = client.get("/test-only/explode")
        exposition = client.get("/metrics").text

    assert failed.status_code == 500
    assert failed.headers["content-type"] == "application/problem+json"
    assert len(failed.headers["x-request-id"]) == 16
    assert failed.headers["x-content-type-options"] == "nosniff"
    assert "boom" not in failed.text
    assert value(exposition, "exchange_ledger_http_unhandled_errors_total", route="/test-only/explode") == 1
    assert value(exposition, "exchange_ledger_http_requests_total", route="/test-only/explode", status="500") == 1


DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_the_compose_file_runs_replicas_behind_a_proxy_on_one_postgresql() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]

    assert {"db", "redis", "migrate", "api", "worker", "proxy"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    api, worker, migrate = services["api"], services["worker"], services["migrate"]
    assert api["deploy"]["replicas"] >= 2 and worker["deploy"]["replicas"] >= 2
    assert "db" not in api.get("ports", []) and "ports" not in api  # only the proxy is published
    assert services["proxy"]["ports"] == ["8080:80"]
    # Every process talks to the same database and the same rate-limit store.
    for service in (api, worker, migrate):
        assert service["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://ledger:")
        assert service["environment"]["DATABASE_URL"].endswith("@db:5432/ledger")
    assert api["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    # Migrations run once, before any replica or worker starts.
    assert migrate["command"] == ["exchange-ledger", "db", "upgrade"]
    assert api["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert api["command"][:2] == ["exchange-ledger", "serve"] and worker["command"] == ["exchange-ledger", "worker"]
    # The commands name real subcommands of this code.
    from typer.main import get_command

    from app.cli import cli

    commands = get_command(cli).commands  # type: ignore[attr-defined]
    assert {"serve", "worker", "db", "backup"} <= set(commands)


def test_the_api_trusts_forwarded_addresses_from_the_proxy_alone() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services, networks = compose["services"], compose["networks"]

    proxy_address = services["proxy"]["networks"]["default"]["ipv4_address"]
    subnet = ipaddress.ip_network(networks["default"]["ipam"]["config"][0]["subnet"])
    assert ipaddress.ip_address(proxy_address) in subnet
    assert services["api"]["environment"]["FORWARDED_ALLOW_IPS"] == proxy_address


def test_the_proxy_forwards_to_the_api_replicas_with_request_ids() -> None:
    nginx = (DEPLOY / "nginx.conf").read_text()

    assert nginx.count("{") == nginx.count("}")
    assert "server api:8000" in nginx and "proxy_pass http://ledger_api;" in nginx
    # The client's own address replaces whatever X-Forwarded-For it sent; appending would keep its chosen entries.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx
    assert "$proxy_add_x_forwarded_for" not in nginx
    assert "proxy_set_header X-Request-ID $request_id;" in nginx
    assert "client_max_body_size 1m;" in nginx
    # Heads bounded in size, slow clients cut off.
    for directive in (
        "client_header_buffer_size 1k;",
        "large_client_header_buffers 4 8k;",
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
    ):
        assert directive in nginx
    assert "non_idempotent" not in nginx  # a POST is never replayed on another replica


def test_the_proxy_caches_anonymous_polls_only() -> None:
    nginx = (DEPLOY / "nginx.conf").read_text()
    cached = nginx.split("location ~ ", 1)[1].split("}", 1)[0]

    # The status, an agreement, the list and the two pages; nothing else is cached.
    assert nginx.count("proxy_cache ledger_reads;") == 1
    pattern = re.compile(cached.split(" {", 1)[0])
    for path in ("/api/v1/agreements", "/api/v1/agreements/agr_1", "/api/v1/agreements/agr_1/status", "/"):
        assert pattern.fullmatch(path), path
    assert pattern.fullmatch("/agreements/agr_1")
    for path in ("/api/v1/agreements/agr_1/updates", "/api/v1/exports/updates", "/api/v1/feed", "/metrics"):
        assert not pattern.fullmatch(path), path
    for directive in (
        "proxy_cache_methods GET HEAD;",
        "proxy_cache_lock on;",
        "proxy_cache_use_stale updating",
        "proxy_cache_bypass $http_authorization;",
        "proxy_no_cache $http_authorization;",
        "add_header X-Cache-Status $upstream_cache_status always;",
    ):
        assert directive in cached, directive
    # Lifetimes come from the service's Cache-Control alone, so errors and private answers are never kept.
    assert "proxy_cache_valid " not in nginx and "proxy_ignore_headers" not in nginx


def _series(exposition: str, name: str) -> set[tuple[tuple[str, str], ...]]:
    return {tuple(sorted(s.labels.items())) for s in samples(exposition) if s.name == name}


def test_invented_methods_and_paths_leave_the_number_of_series_bounded(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_per_address": 0, "rate_limit_per_key": 0}))
    paths = ("/api/v1/agreements", "/api/v1/agreements/agr_1/status", "/no/such/path", "/metrics")
    with TestClient(app) as client:
        for n in range(5):
            for path in paths:
                client.request(f"INVENTED{n}", path)
        few = client.get("/metrics").text
        for n in range(5, 200):
            for path in paths:
                client.request(f"INVENTED{n}", path)
        for n in range(50):
            client.get(f"/no/such/path/{n}")
        many = client.get("/metrics").text

    name = "exchange_ledger_http_requests_total"
    methods = {s.labels["method"] for s in samples(many) if s.name == name}
    routes = {s.labels["route"] for s in samples(many) if s.name == name}
    assert methods <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "other"}
    assert "other" in methods and not any(m.startswith("INVENTED") for m in methods)
    assert routes <= {"/api/v1/agreements", "/api/v1/agreements/{agreement_id}/status", "/metrics", "unmatched"}
    assert all(s.labels["status"].isdigit() for s in samples(many) if s.name == name)
    assert value(many, name, method="other", route="unmatched", status="404") == 200
    assert value(many, name, method="GET", route="unmatched", status="404") == 50
    assert value(many, name, method="other", route="/api/v1/agreements", status="405") == 200
    # 780 requests with invented methods later, the only series added are those of the plain GETs since:
    # the first scrape (counted once answered) and the unknown paths.
    for counted in (name, "exchange_ledger_http_request_duration_seconds_count"):
        new = _series(many, counted) - _series(few, counted)
        assert {dict(labels)["method"] for labels in new} <= {"GET"}
        assert len(new) <= 2
    assert len(many) < 2 * len(few)


def test_with_a_metrics_key_a_scrape_needs_it_as_a_bearer_token(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"metrics_key": SecretStr("scrape-secret-1234")}))
    with TestClient(app) as client:
        missing = client.get("/metrics")
        wrong = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-123"})
        basic = client.get("/metrics", headers={"Authorization": "Basic c2NyYXBlLXNlY3JldC0xMjM0"})
        right = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-1234"})
        api = client.get("/api/v1/agreements")  # the key guards /metrics alone

    for refused in (missing, wrong, basic):
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["www-authenticate"].startswith("Bearer")
        problem = refused.json()
        assert problem["type"].endswith("/unauthenticated") and problem["status"] == 401
        assert "exchange_ledger" not in refused.text and "scrape-secret" not in refused.text
    assert right.status_code == 200
    assert value(right.text, "exchange_ledger_http_requests_total", route="/metrics", status="401") == 3
    assert api.status_code == 200


def test_without_a_metrics_key_metrics_are_open(settings: Settings) -> None:
    for unset in (None, SecretStr(""), SecretStr("  ")):
        with TestClient(create_app(settings.model_copy(update={"metrics_key": unset}))) as client:
            assert client.get("/metrics").status_code == 200
