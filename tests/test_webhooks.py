"""Webhook subscriptions over HTTP: who may manage them, what a URL may point at, a secret shown once."""

import base64
import random
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.webhooks.delivery import RetryPolicy, retry_delay
from tests.factories import Factory

WEBHOOKS = "/api/v1/webhooks"
RECEIVER = "https://hooks.example.org/exchange-ledger"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings, with a deny list to prove it is honoured."""
    return settings.model_copy(update={"webhook_deny_hosts": "ledger.example.org, Metadata.Internal."})


def subscribe(client: TestClient, headers: dict[str, str], **overrides: Any) -> Any:
    body = {"url": RECEIVER, "event_types": ["update.created"], **overrides}
    return client.post(WEBHOOKS, json=body, headers=headers)


def subscription_count(client: TestClient, headers: dict[str, str]) -> int:
    response = client.get(WEBHOOKS, headers=headers)
    assert response.status_code == 200, response.text
    return len(response.json()["items"])


def test_an_editor_subscribes_and_sees_the_secret_only_in_the_create_response(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    created = subscribe(
        client, keys["editor"], event_types=["commitment.state_changed", "update.created", "update.created"]
    )

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["url"] == RECEIVER and body["active"] is True
    assert body["event_types"] == ["update.created", "commitment.state_changed"]
    assert created.headers["Location"] == f"{WEBHOOKS}/{body['id']}"
    assert created.headers["Cache-Control"] == "no-store"
    assert body["secret"].startswith("whsec_")
    assert len(base64.b64decode(body["secret"].removeprefix("whsec_"))) == 32

    one = client.get(f"{WEBHOOKS}/{body['id']}", headers=keys["editor"])
    listed = client.get(WEBHOOKS, headers=keys["admin"])
    assert one.status_code == 200 and "secret" not in one.json()
    assert [s["id"] for s in listed.json()["items"]] == [body["id"]]
    assert body["secret"] not in one.text + listed.text


def test_two_subscriptions_get_different_secrets(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    first = subscribe(client, keys["editor"]).json()["secret"]
    second = subscribe(client, keys["editor"]).json()["secret"]
    assert first != second


def test_only_editors_and_admins_manage_subscriptions(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    for role in (None, "reader", "monitor", "verifier"):
        headers = keys[role] if role else {}
        expected = 401 if role is None else 403

        assert subscribe(client, headers).status_code == expected, role
        assert client.get(WEBHOOKS, headers=headers).status_code == expected, role
    assert subscription_count(client, keys["editor"]) == 0


REFUSED_URLS = [
    ("ftp://hooks.example.org/x", "scheme"),
    ("file:///etc/passwd", "scheme"),
    ("hooks.example.org/no-scheme", "scheme"),
    ("http://testserver/api/v1/parties", "the service itself, by the name it was reached at"),
    ("http://127.0.0.1:80/hook", "the service itself, on loopback at its own port"),
    ("http://localhost/hook", "the service itself, on loopback at its own port"),
    ("https://ledger.example.org/hook", "a host on the deny list"),
    ("http://metadata.internal/computeMetadata", "a host on the deny list, in another case"),
    ("http://127.0.0.1:9999/hook", "loopback, private addresses not allowed by default"),
    ("http://10.0.0.7/hook", "a private address"),
    ("http://169.254.169.254/latest/meta-data", "a link-local address"),
    ("http://[::1]:9999/hook", "IPv6 loopback"),
]


def test_a_url_that_is_not_http_or_points_inward_is_refused_and_nothing_is_written(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    for url, why in REFUSED_URLS:
        response = subscribe(client, keys["editor"], url=url)

        assert response.status_code == 422, f"{url} ({why}): {response.text}"
        assert response.headers["content-type"] == "application/problem+json"
    assert subscription_count(client, keys["editor"]) == 0


def test_loopback_on_another_port_is_accepted_when_private_addresses_are_allowed(
    settings: Settings, keys: dict[str, dict[str, str]]
) -> None:
    from app.main import create_app

    allowed = settings.model_copy(update={"webhook_allow_private": True})
    with TestClient(create_app(allowed)) as client:
        assert subscribe(client, keys["editor"], url="http://127.0.0.1:9999/hook").status_code == 201
        assert subscribe(client, keys["editor"], url="http://10.0.0.7/hook").status_code == 201
        # The service itself stays refused whatever the setting.
        assert subscribe(client, keys["editor"], url="http://127.0.0.1:80/hook").status_code == 422
        assert subscribe(client, keys["editor"], url="http://testserver/hook").status_code == 422


def test_unknown_or_missing_event_types_are_refused_and_nothing_is_written(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    for event_types in (["update.deleted"], ["update.created", "party.created"], [], "update.created", [None]):
        response = subscribe(client, keys["editor"], event_types=event_types)

        assert response.status_code == 422, response.text
        assert any(e["location"][:2] == ["body", "event_types"] for e in response.json()["errors"])
    assert subscription_count(client, keys["editor"]) == 0


def test_unknown_fields_are_refused(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    response = subscribe(client, keys["editor"], secret="whsec_chosen-by-the-caller")
    assert response.status_code == 422
    assert subscription_count(client, keys["editor"]) == 0


def test_a_subscription_is_paused_changed_and_deleted(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    subscription = subscribe(client, keys["editor"]).json()
    path = f"{WEBHOOKS}/{subscription['id']}"

    paused = client.patch(path, json={"active": False, "event_types": ["agreement.created"]}, headers=keys["editor"])
    assert paused.status_code == 200, paused.text
    assert paused.json()["active"] is False and paused.json()["event_types"] == ["agreement.created"]
    assert "secret" not in paused.json()

    refused = client.patch(path, json={"url": "gopher://hooks.example.org"}, headers=keys["editor"])
    inward = client.patch(path, json={"url": "http://testserver/hook"}, headers=keys["editor"])
    assert (refused.status_code, inward.status_code) == (422, 422)
    assert client.get(path, headers=keys["editor"]).json()["url"] == RECEIVER

    assert client.delete(path, headers=keys["monitor"]).status_code == 403
    assert client.delete(path, headers=keys["editor"]).status_code == 204
    assert client.get(path, headers=keys["editor"]).status_code == 404
    assert client.delete(path, headers=keys["editor"]).status_code == 404


def test_deliveries_and_attempts_of_an_unknown_subscription_are_not_found(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    for tail in ("deliveries", "attempts"):
        response = client.get(f"{WEBHOOKS}/whk_missing/{tail}", headers=keys["editor"])
        assert response.status_code == 404
    replay = client.post(f"{WEBHOOKS}/whk_missing/deliveries/dlv_missing/replay", headers=keys["editor"])
    assert replay.status_code == 404


def test_subscriptions_are_paged(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    ids = [subscribe(client, keys["editor"]).json()["id"] for _ in range(3)]

    first = client.get(WEBHOOKS, params={"limit": 2}, headers=keys["editor"]).json()
    second = client.get(WEBHOOKS, params={"limit": 2, "cursor": first["next_cursor"]}, headers=keys["editor"]).json()

    assert [s["id"] for s in first["items"] + second["items"]] == ids
    assert second["next_cursor"] is None


def test_a_rejected_change_leaves_nothing_in_the_outbox(
    client: TestClient, keys: dict[str, dict[str, str]], factory: Factory, settings: Settings
) -> None:
    from sqlmodel import Session

    from app.database import open_database
    from app.webhooks.service import backlog

    agreement = factory.agreement()
    database = open_database(settings.database_url)
    with Session(database.engine) as session:
        before = backlog(session).events_waiting
    refused = client.post(
        f"/api/v1/agreements/{agreement['id']}/updates",
        json={"occurred_on": "2999-01-01", "source": {"publisher": "x"}, "lines": []},
        headers=keys["monitor"],
    )
    with Session(database.engine) as session:
        after = backlog(session).events_waiting
    database.dispose()

    assert refused.status_code in (400, 422)
    assert before == 1  # agreement.created, written with the agreement
    assert after == before


def test_retry_delays_grow_by_doubling_up_to_the_ceiling_with_full_jitter() -> None:
    policy = RetryPolicy(max_attempts=10, backoff_base_seconds=2.0, backoff_max_seconds=30.0)

    ceilings = [retry_delay(n, policy=policy, uniform=lambda low, high: high) for n in range(1, 8)]
    floors = [retry_delay(n, policy=policy, uniform=lambda low, high: low) for n in range(1, 8)]
    rng = random.Random(5)
    samples = [retry_delay(4, policy=policy, uniform=rng.uniform) for _ in range(200)]

    assert ceilings == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert floors == [0.0] * 7
    assert all(0.0 <= s <= 16.0 for s in samples)
    assert len({round(s, 3) for s in samples}) > 100  # jittered, not one fixed delay
