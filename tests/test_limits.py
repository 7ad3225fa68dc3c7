"""Limits and abuse: rate limits (per address, per key, shared through Redis), browser headers, CORS, keys."""

import logging
import os
import re
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.core.config import Settings
from app.core.logging import JsonFormatter, redact
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key, revoke_key
from app.main import create_app
from tests.server import running_server

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def require_redis() -> None:
    """Skip a test that needs Redis outside CI when it is down; in CI, fail instead."""
    if not redis_available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is unreachable at {REDIS_URL}; CI never skips it.")
        pytest.skip("Redis is unreachable")


@contextmanager
def app_client(
    settings: Settings, *, address: str | None = None, https: object = False, **changes: object
) -> Iterator[TestClient]:
    """A client of an app with changed settings, calling from `address` (a fresh one by default)."""
    app = create_app(settings.model_copy(update=changes))
    client_address = (address or f"203.0.113.{secrets.randbelow(250) + 1}-{uuid.uuid4().hex[:6]}", 50000)
    base_url = "https://ledger.example" if https else "http://testserver"
    with TestClient(app, client=client_address, base_url=base_url) as client:
        yield client


def test_an_address_over_its_limit_gets_429_with_retry_after(settings: Settings) -> None:
    with app_client(settings, rate_limit_per_address=5, rate_limit_per_key=0) as client:
        answers = [client.get("/api/v1/agreements").status_code for _ in range(6)]
        refused = client.get("/api/v1/parties")

    assert answers == [200] * 5 + [429]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/too-many-requests")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["x-content-type-options"] == "nosniff"


def test_every_counted_answer_says_where_the_caller_stands(settings: Settings, keys: dict[str, dict[str, str]]) -> None:
    with app_client(settings, rate_limit_per_address=5, rate_limit_per_key=3) as client:
        first = client.get("/api/v1/agreements")
        second = client.get("/api/v1/agreements", headers=keys["reader"])
        answers = [client.get("/api/v1/agreements", headers=keys["reader"]) for _ in range(3)]
        probe = client.get("/healthz")

    assert first.headers["ratelimit-policy"] == '"address";q=5;w=60'
    assert first.headers["ratelimit"].startswith('"address";r=4;t=')
    assert second.headers["ratelimit-policy"] == '"address";q=5;w=60, "key";q=3;w=60'
    assert re.fullmatch(r'"address";r=3;t=\d+, "key";r=2;t=\d+', second.headers["ratelimit"])
    refused = answers[-1]
    assert [a.status_code for a in answers] == [200, 200, 429]  # the key's allowance of 3 is spent
    assert re.fullmatch(r'"address";r=\d;t=\d+, "key";r=0;t=\d+', refused.headers["ratelimit"])
    assert "ratelimit" not in probe.headers  # probes are never counted
    document = create_app(settings).openapi()
    listed = document["paths"]["/api/v1/agreements"]["get"]["responses"]
    assert {"RateLimit", "RateLimit-Policy"} <= set(listed["200"]["headers"]) and "429" in listed
    assert "headers" not in document["paths"]["/healthz"]["get"]["responses"]["200"]


def test_redis_counts_say_where_the_caller_stands_too(settings: Settings) -> None:
    require_redis()
    with app_client(settings, redis_url=REDIS_URL, rate_limit_per_address=50, rate_limit_per_key=0) as client:
        first, second = client.get("/api/v1/parties"), client.get("/api/v1/parties")
    assert first.headers["ratelimit-policy"] == '"address";q=50;w=60'
    remaining = [int(re.findall(r"r=(\d+)", a.headers["ratelimit"])[0]) for a in (first, second)]
    assert remaining[0] - remaining[1] == 1 and remaining[0] <= 49


def test_probes_answer_whatever_the_limit(settings: Settings) -> None:
    with app_client(settings, rate_limit_per_address=1, rate_limit_per_key=0) as client:
        client.get("/api/v1/agreements")
        assert client.get("/api/v1/agreements").status_code == 429
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_a_key_over_its_limit_is_refused_while_another_key_goes_on(
    settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    with app_client(settings, rate_limit_per_address=1000, rate_limit_per_key=3) as client:
        first = [client.get("/api/v1/agreements", headers=keys["reader"]).status_code for _ in range(4)]
        other = client.get("/api/v1/agreements", headers=keys["monitor"]).status_code

    assert first == [200, 200, 200, 429]
    assert other == 200


def test_wrong_secrets_do_not_spend_the_allowance_of_the_key_they_name(
    settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    key_id = keys["monitor"]["Authorization"].split(".")[1]
    forged = {"Authorization": f"Bearer elk.{key_id}.{'x' * 43}"}
    with app_client(settings, rate_limit_per_address=1000, rate_limit_per_key=3) as client:
        forged_answers = [client.get("/api/v1/agreements", headers=forged).status_code for _ in range(5)]
        genuine = client.get("/api/v1/agreements", headers=keys["monitor"]).status_code

    assert forged_answers == [401, 401, 401, 429, 429]
    assert genuine == 200


def test_limits_off_when_set_to_zero(settings: Settings) -> None:
    with app_client(settings, rate_limit_per_address=0, rate_limit_per_key=0) as client:
        assert {client.get("/api/v1/parties").status_code for _ in range(50)} == {200}


def test_processes_sharing_redis_share_one_limit(settings: Settings) -> None:
    require_redis()
    # Counts live in fixed one-minute windows: start well inside one so the requests share it.
    into_window = time.time() % 60
    if into_window > 45:
        time.sleep(60 - into_window + 0.5)
    address = f"198.51.100.7-{uuid.uuid4().hex}"
    shared: dict[str, object] = {"redis_url": REDIS_URL, "rate_limit_per_address": 4, "rate_limit_per_key": 0}
    with app_client(settings, address=address, **shared) as one, app_client(settings, address=address, **shared) as two:
        answers = [client.get("/api/v1/parties").status_code for client in (one, two, one, two, one, two)]
        refused = two.get("/api/v1/parties")

    # Each app alone would let six through; together they let four.
    assert answers == [200, 200, 200, 200, 429, 429]
    assert 1 <= int(refused.headers["retry-after"]) <= 60


def test_an_unreachable_redis_lets_requests_through_and_says_so(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="app.ratelimit"),
        app_client(settings, redis_url="redis://127.0.0.1:1/0", rate_limit_per_address=1) as client,
    ):
        answers = [client.get("/api/v1/parties").status_code for _ in range(3)]

    assert answers == [200, 200, 200]
    assert any("rate limiter store unavailable" in r.getMessage() for r in caplog.records)


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/v1/agreements", "/api/v1/agreements/agr_missing", "/healthz", "/metrics"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "strict-transport-security" not in headers, path


def test_hsts_is_sent_over_tls_only_when_configured(settings: Settings) -> None:
    with app_client(settings, https=True, hsts_seconds=31536000) as tls:
        assert tls.get("/healthz").headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    with app_client(settings, hsts_seconds=31536000) as plain:
        assert "strict-transport-security" not in plain.get("/healthz").headers
    with app_client(settings, https=True) as unconfigured:
        assert "strict-transport-security" not in unconfigured.get("/healthz").headers


def test_cors_is_off_unless_origins_are_configured(settings: Settings) -> None:
    preflight = {"Origin": "https://dashboard.example", "Access-Control-Request-Method": "GET"}
    with app_client(settings) as closed:
        assert "access-control-allow-origin" not in closed.get("/api/v1/agreements", headers=preflight).headers
        assert "access-control-allow-origin" not in closed.options("/api/v1/agreements", headers=preflight).headers
    with app_client(settings, cors_origins="https://dashboard.example") as opened:
        allowed = opened.get("/api/v1/agreements", headers=preflight)
        other = opened.get("/api/v1/agreements", headers={"Origin": "https://evil.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://dashboard.example"
        assert "x-request-id" in allowed.headers["access-control-expose-headers"].lower()
        assert "access-control-allow-origin" not in other.headers


def test_keys_are_stored_only_as_hashes(settings: Settings, keys: dict[str, dict[str, str]]) -> None:
    database = open_database(settings.database_url)
    with database.engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM api_key")) for v in row)
    database.dispose()

    for headers in keys.values():
        token = headers["Authorization"].removeprefix("Bearer ")
        secret = token.split(".")[2]
        assert len(secret) >= 43  # 256 random bits
        assert secret not in stored and token not in stored


def test_no_key_or_secret_reaches_a_log_line(
    settings: Settings, keys: dict[str, dict[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        revoked, revoked_token = create_key(session, name="revoked", role=Role.editor)
        session.flush()
        revoke_key(session, key_id=revoked.id)
        session.commit()
    database.dispose()
    tokens = [h["Authorization"].removeprefix("Bearer ") for h in keys.values()] + [revoked_token]
    key_id = tokens[0].split(".")[1]
    wrong = f"elk.{key_id}.{secrets.token_urlsafe(32)}"
    tokens.append(wrong)

    with caplog.at_level(logging.DEBUG), app_client(settings, access_log=True) as client:
        for token in tokens:
            headers = {"Authorization": f"Bearer {token}", "X-Request-ID": "log-check"}
            client.get("/api/v1/agreements", headers=headers)
            client.post("/api/v1/parties", json={"name": f"P {token[-6:]}", "kind": "state"}, headers=headers)
            client.get(f"/api/v1/agreements?q={token}", headers=headers)
        client.get("/api/v1/agreements", headers={"Authorization": "Bearer not-a-key-at-all-but-secret"})

    formatter = JsonFormatter()
    # httpx logs the test client's own URLs; only the service's lines matter here.
    records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    lines = [formatter.format(record) for record in records] + [r.getMessage() for r in records]
    assert any('"request_id":"log-check"' in line for line in lines), "the access lines were not captured"
    for token in tokens:
        secret = token.split(".")[2]
        assert not [line for line in lines if secret in line]
    assert not [line for line in lines if "not-a-key-at-all-but-secret" in line]


def test_a_secret_that_slips_into_a_message_is_blanked() -> None:
    token = f"elk.key_01abc.{secrets.token_urlsafe(32)}"
    record = logging.LogRecord("app", logging.ERROR, __file__, 1, "failed for %s", (f"Bearer {token}",), None)

    line = JsonFormatter().format(record)

    assert token.split(".")[2] not in line
    assert "[redacted]" in line
    assert redact(f"key {token} here") == "key elk.key_01abc.[redacted] here"


def test_behind_a_trusted_proxy_a_client_chosen_forwarded_address_is_still_one_address(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("the address a request counts against does not depend on the database")
    # As `deploy/` runs it: only the proxy's address is trusted, and the proxy sends the client's address.
    env = {"FORWARDED_ALLOW_IPS": "127.0.0.1", "RATE_LIMIT_PER_ADDRESS": "5", "RATE_LIMIT_PER_KEY": "0"}
    with running_server(settings.database_url, env=env) as base, httpx.Client(base_url=base) as http:
        answers = [
            # A client-chosen first entry, then what a proxy that appends would add: the real client.
            http.get("/api/v1/parties", headers={"X-Forwarded-For": f"10.9.{n}.1, 203.0.113.7"}).status_code
            for n in range(12)
        ]

    assert answers == [200] * 5 + [429] * 7


def test_metrics_count_against_the_address_like_any_read(settings: Settings) -> None:
    with app_client(settings, rate_limit_per_address=3, rate_limit_per_key=0) as client:
        answers = [client.get("/metrics").status_code for _ in range(4)]
        refused = client.get("/metrics")
        health = client.get("/healthz")

    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert health.status_code == 200
