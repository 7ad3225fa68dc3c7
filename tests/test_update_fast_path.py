"""A monitor's plain post of an update is answered before routing, exactly as the route answers it."""

from typing import Any

import orjson
import pytest

from tests.factories import SOURCE, Factory, line, recipient, update_fast_path

PLAIN = "application/json"
# A media type the fast path leaves to the route: the same JSON, answered by FastAPI's routing.
ROUTED = "application/json; charset=utf-8"


def _post(factory: Factory, agreement_id: str, body: Any, *, content_type: str, **headers: str) -> Any:
    return factory.client.post(
        f"/api/v1/agreements/{agreement_id}/updates",
        content=orjson.dumps(body),
        headers={"Content-Type": content_type, **headers},
    )


def _comparable(response: Any) -> tuple[int, str, Any]:
    body = response.json()
    if response.status_code == 201:
        body = {k: v for k, v in body.items() if k not in ("id", "created_at", "changed_at", "handover_id")}
        body["lines"] = [{k: v for k, v in x.items() if k != "id"} for x in body["lines"]]
    return response.status_code, response.headers["content-type"], body


def test_a_plain_post_is_answered_before_routing_with_the_routes_answer(factory: Factory) -> None:
    ist = factory.istanbul()
    fast = update_fast_path(factory.client)
    monitor = factory.keys["monitor"]
    body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 1212)]}

    before = fast.answered
    answered_here = _post(factory, ist.agreement_id, body, content_type=PLAIN, **monitor, **{"Idempotency-Key": "a"})
    assert fast.answered == before + 1
    routed = _post(factory, ist.agreement_id, body, content_type=ROUTED, **monitor, **{"Idempotency-Key": "b"})
    assert fast.answered == before + 1

    assert _comparable(answered_here) == _comparable(routed)
    assert answered_here.headers["location"] == f"/api/v1/updates/{answered_here.json()['id']}"
    # The headers every middleware adds are on it too: it is answered inside all of them.
    assert {"x-request-id", "x-content-type-options", "ratelimit-policy"} <= set(answered_here.headers)
    assert recipient(factory.status(ist.agreement_id), ist.remains, ist.ukraine)["received"] == 2 * 1212


def test_a_retry_is_replayed_before_routing_as_the_route_replays_it(factory: Factory) -> None:
    ist = factory.istanbul()
    monitor = factory.keys["monitor"]
    body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 5)]}
    first = _post(factory, ist.agreement_id, body, content_type=PLAIN, **monitor, **{"Idempotency-Key": "k"})

    fast_retry = _post(factory, ist.agreement_id, body, content_type=PLAIN, **monitor, **{"Idempotency-Key": "k"})
    routed_retry = _post(factory, ist.agreement_id, body, content_type=ROUTED, **monitor, **{"Idempotency-Key": "k"})

    assert first.status_code == fast_retry.status_code == routed_retry.status_code == 201
    assert fast_retry.content == routed_retry.content == first.content
    assert fast_retry.headers["idempotent-replayed"] == routed_retry.headers["idempotent-replayed"] == "true"
    assert len(factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"]) == 1


@pytest.mark.parametrize(
    "case",
    [
        "unknown agreement",
        "unknown term",
        "recipient not bound",
        "key reused for another body",
        "no such key",
        "reader key",
        "invalid body",
        "invalid Idempotency-Key",
        "date in the future",
    ],
)
def test_every_refusal_is_the_routes_own_problem_document_and_changes_nothing(factory: Factory, case: str) -> None:
    ist = factory.istanbul()
    headers: dict[str, str] = dict(factory.keys["monitor"])
    agreement_id = ist.agreement_id
    body: dict[str, Any] = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 3)]}
    if case == "unknown agreement":
        agreement_id = "agr_does_not_exist"
    elif case == "unknown term":
        body["lines"] = [line("cmt_does_not_exist", ist.ukraine, 3)]
    elif case == "recipient not bound":
        body["lines"] = [line(ist.remains, ist.turkiye, 3)]
    elif case == "key reused for another body":
        headers["Idempotency-Key"] = "used"
        first = _post(factory, agreement_id, {**body, "stage": "first"}, content_type=PLAIN, **headers)
        assert first.status_code == 201
    elif case == "no such key":
        headers = {"Authorization": "Bearer elk.nope.nothing"}
    elif case == "reader key":
        headers = dict(factory.keys["reader"])
    elif case == "invalid body":
        body["lines"] = [{**line(ist.remains, ist.ukraine, 3), "quantity": -1}]
    elif case == "invalid Idempotency-Key":
        headers["Idempotency-Key"] = "has spaces in it"
    elif case == "date in the future":
        body["occurred_on"] = "2999-01-01"
    before = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"]

    answered = update_fast_path(factory.client).answered
    fast = _post(factory, agreement_id, body, content_type=PLAIN, **headers)
    routed = _post(factory, agreement_id, body, content_type=ROUTED, **headers)

    # What the framework itself refuses (the body, a header) is handed to the route; the rest is answered here.
    assert update_fast_path(factory.client).answered == answered + (
        case not in ("invalid body", "invalid Idempotency-Key")
    )
    assert fast.status_code >= 400
    assert fast.headers["content-type"] == "application/problem+json"
    assert _comparable(fast) == _comparable(routed)
    assert factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/updates").json()["items"] == before
