"""Who may call what: every route and method of the app, for every kind of caller, with the exact status.

The table `RULES` below is the access policy. It is checked against the app's own routes: a route
that has no entry fails `test_every_route_has_an_access_rule`, so a new endpoint cannot ship
without someone deciding who may call it.

To add a route: add one `Rule` keyed by `(METHOD, path template)`. `least` is the lowest role
let through (None: anyone, even without a key); `ok` is the status a let-through caller gets;
`call` builds a request that succeeds for such a caller, from the `World` made for each test.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import Settings
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key, revoke_key
from app.main import create_app
from tests.factories import SOURCE, Factory, line

_names = itertools.count(1)


@dataclass(frozen=True)
class World:
    """Ids of data that exists before each call: an agreement with a target term, and one update."""

    agreement_id: str
    commitment_id: str
    ukraine: str
    russia: str
    update_id: str


@dataclass(frozen=True)
class Call:
    """One HTTP request."""

    path: str
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """Who may call a route, and what they get."""

    least: Role | None
    ok: int
    call: Callable[[World], Call]
    # Routes outside the API (health, documents) never look at a key.
    checks_keys: bool = True


def _get(path: str) -> Callable[[World], Call]:
    return lambda w: Call(path.format(**vars(w)))


def _new_party(_: World) -> Call:
    return Call("/api/v1/parties", {"name": f"Matrix party {next(_names)}", "kind": "state"})


def _new_agreement(w: World) -> Call:
    return Call(
        "/api/v1/agreements",
        {"title": f"Matrix agreement {next(_names)}", "concluded_on": "2025-06-02", "parties": [w.ukraine, w.russia]},
    )


def _new_commitment(w: World) -> Call:
    return Call(f"/api/v1/agreements/{w.agreement_id}/commitments", {"category": "children", "measure": "all_for_all"})


def _new_update(w: World) -> Call:
    body = {"occurred_on": "2025-06-11", "source": SOURCE, "lines": [line(w.commitment_id, w.ukraine, 10)]}
    return Call(f"/api/v1/agreements/{w.agreement_id}/updates", body)


def _empty(path: str) -> Callable[[World], Call]:
    return lambda w: Call(path.format(**vars(w)), {})


# An import takes a file or {"rows": [...]}: an empty JSON object gets past the role check and is then refused.
IMPORT_WITHOUT_ROWS = 422


def _patch_agreement(w: World) -> Call:
    return Call(f"/api/v1/agreements/{w.agreement_id}", {"notes": f"note {next(_names)}"})


RULES: dict[tuple[str, str], Rule] = {
    # health and documents: no key is looked at
    ("GET", "/healthz"): Rule(None, 200, _get("/healthz"), checks_keys=False),
    ("GET", "/readyz"): Rule(None, 200, _get("/readyz"), checks_keys=False),
    ("GET", "/openapi.json"): Rule(None, 200, _get("/openapi.json"), checks_keys=False),
    ("GET", "/docs"): Rule(None, 200, _get("/docs"), checks_keys=False),
    ("GET", "/docs/assets/{name}"): Rule(None, 200, _get("/docs/assets/start.js"), checks_keys=False),
    ("GET", "/metrics"): Rule(None, 200, _get("/metrics"), checks_keys=False),
    ("GET", "/api/v1/dictionary"): Rule(None, 200, _get("/api/v1/dictionary"), checks_keys=False),
    ("GET", "/dictionary"): Rule(None, 200, _get("/dictionary"), checks_keys=False),
    # parties
    ("GET", "/api/v1/parties"): Rule(None, 200, _get("/api/v1/parties")),
    ("POST", "/api/v1/parties"): Rule(Role.editor, 201, _new_party),
    ("GET", "/api/v1/parties/{party_id}"): Rule(None, 200, _get("/api/v1/parties/{ukraine}")),
    # agreements and commitments
    ("GET", "/api/v1/agreements"): Rule(None, 200, _get("/api/v1/agreements")),
    ("POST", "/api/v1/agreements"): Rule(Role.editor, 201, _new_agreement),
    ("GET", "/api/v1/agreements/{agreement_id}"): Rule(None, 200, _get("/api/v1/agreements/{agreement_id}")),
    ("PATCH", "/api/v1/agreements/{agreement_id}"): Rule(Role.editor, 200, _patch_agreement),
    ("POST", "/api/v1/agreements/{agreement_id}/commitments"): Rule(Role.editor, 201, _new_commitment),
    # updates and status
    ("POST", "/api/v1/agreements/{agreement_id}/updates"): Rule(Role.monitor, 201, _new_update),
    ("GET", "/api/v1/agreements/{agreement_id}/updates"): Rule(
        None, 200, _get("/api/v1/agreements/{agreement_id}/updates")
    ),
    ("GET", "/api/v1/updates/{update_id}"): Rule(None, 200, _get("/api/v1/updates/{update_id}")),
    ("GET", "/api/v1/agreements/{agreement_id}/status"): Rule(
        None, 200, _get("/api/v1/agreements/{agreement_id}/status")
    ),
    # public HTML pages (reads: a key sent is checked) and their stylesheet (never looks at a key)
    ("GET", "/"): Rule(None, 200, _get("/")),
    ("GET", "/agreements/{agreement_id}"): Rule(None, 200, _get("/agreements/{agreement_id}")),
    ("GET", "/agreements/{agreement_id}/embed"): Rule(None, 200, _get("/agreements/{agreement_id}/embed")),
    ("GET", "/parties/{party_id}"): Rule(None, 200, _get("/parties/{ukraine}")),
    # the signed log: reads, like the audit head it extends
    ("GET", "/api/v1/log/head"): Rule(None, 200, _get("/api/v1/log/head")),
    ("GET", "/api/v1/log/key"): Rule(None, 200, _get("/api/v1/log/key")),
    ("GET", "/api/v1/log/proofs/inclusion"): Rule(None, 200, _get("/api/v1/log/proofs/inclusion?entry=1")),
    ("GET", "/api/v1/log/proofs/consistency"): Rule(None, 200, _get("/api/v1/log/proofs/consistency?from=1")),
    ("GET", "/agreements/{agreement_id}/charts/{commitment_id}.svg"): Rule(
        None, 200, _get("/agreements/{agreement_id}/charts/{commitment_id}.svg")
    ),
    ("GET", "/static/pages.css"): Rule(None, 200, _get("/static/pages.css"), checks_keys=False),
    # reading more: every update, timelines, exports, feeds, the audit head
    ("GET", "/api/v1/updates"): Rule(None, 200, _get("/api/v1/updates")),
    ("GET", "/api/v1/agreements/{agreement_id}/timeline"): Rule(
        None, 200, _get("/api/v1/agreements/{agreement_id}/timeline")
    ),
    ("GET", "/api/v1/exports/agreements"): Rule(None, 200, _get("/api/v1/exports/agreements")),
    ("GET", "/api/v1/exports/updates"): Rule(None, 200, _get("/api/v1/exports/updates")),
    ("GET", "/api/v1/feed"): Rule(None, 200, _get("/api/v1/feed")),
    ("GET", "/api/v1/agreements/{agreement_id}/feed"): Rule(None, 200, _get("/api/v1/agreements/{agreement_id}/feed")),
    ("GET", "/api/v1/audit/head"): Rule(None, 200, _get("/api/v1/audit/head")),
    # the audit log itself: admin only
    ("GET", "/api/v1/audit"): Rule(Role.admin, 200, _get("/api/v1/audit")),
    ("GET", "/api/v1/audit/verification"): Rule(Role.admin, 200, _get("/api/v1/audit/verification")),
    # claims, reviews, corrections, announced totals, completion: an empty body passes the role check, then 422
    ("POST", "/api/v1/updates/{update_id}/corrections"): Rule(
        Role.monitor, 422, _empty("/api/v1/updates/{update_id}/corrections")
    ),
    ("POST", "/api/v1/updates/{update_id}/reviews"): Rule(
        Role.verifier, 422, _empty("/api/v1/updates/{update_id}/reviews")
    ),
    ("GET", "/api/v1/updates/{update_id}/reviews"): Rule(None, 200, _get("/api/v1/updates/{update_id}/reviews")),
    ("POST", "/api/v1/updates/{update_id}/attribution-disputes"): Rule(
        Role.monitor, 422, _empty("/api/v1/updates/{update_id}/attribution-disputes")
    ),
    ("GET", "/api/v1/updates/{update_id}/attribution-disputes"): Rule(
        None, 200, _get("/api/v1/updates/{update_id}/attribution-disputes")
    ),
    ("POST", "/api/v1/agreements/{agreement_id}/announced-totals"): Rule(
        Role.monitor, 422, _empty("/api/v1/agreements/{agreement_id}/announced-totals")
    ),
    ("GET", "/api/v1/agreements/{agreement_id}/announced-totals"): Rule(
        None, 200, _get("/api/v1/agreements/{agreement_id}/announced-totals")
    ),
    ("POST", "/api/v1/commitments/{commitment_id}/completion"): Rule(
        Role.editor, 422, _empty("/api/v1/commitments/{commitment_id}/completion")
    ),
    ("POST", "/api/v1/commitments/{commitment_id}/reopening"): Rule(
        Role.editor, 422, _empty("/api/v1/commitments/{commitment_id}/reopening")
    ),
    ("POST", "/api/v1/imports"): Rule(Role.monitor, IMPORT_WITHOUT_ROWS, _empty("/api/v1/imports")),
    # summaries across agreements are reads like the statuses they add up
    ("GET", "/api/v1/summary"): Rule(None, 200, _get("/api/v1/summary")),
    ("GET", "/api/v1/parties/{party_id}/summary"): Rule(None, 200, _get("/api/v1/parties/{ukraine}/summary")),
    ("GET", "/api/v1/exports/summary"): Rule(None, 200, _get("/api/v1/exports/summary")),
    # a handover outside any agreement is a monitor's write, as a handover under one is
    ("POST", "/api/v1/outside-handovers"): Rule(Role.monitor, 422, _empty("/api/v1/outside-handovers")),
    # webhook subscriptions: editor only, reads included (they show where data is sent)
    ("POST", "/api/v1/webhooks"): Rule(Role.editor, 422, _empty("/api/v1/webhooks")),
    ("GET", "/api/v1/webhooks"): Rule(Role.editor, 200, _get("/api/v1/webhooks")),
    ("GET", "/api/v1/webhooks/{subscription_id}"): Rule(Role.editor, 404, _get("/api/v1/webhooks/whk_none")),
    ("PATCH", "/api/v1/webhooks/{subscription_id}"): Rule(Role.editor, 404, _empty("/api/v1/webhooks/whk_none")),
    ("DELETE", "/api/v1/webhooks/{subscription_id}"): Rule(Role.editor, 404, _get("/api/v1/webhooks/whk_none")),
    ("POST", "/api/v1/webhooks/{subscription_id}/secret"): Rule(
        Role.editor, 404, _get("/api/v1/webhooks/whk_none/secret")
    ),
    ("GET", "/api/v1/webhooks/{subscription_id}/deliveries"): Rule(
        Role.editor, 404, _get("/api/v1/webhooks/whk_none/deliveries")
    ),
    ("GET", "/api/v1/webhooks/{subscription_id}/attempts"): Rule(
        Role.editor, 404, _get("/api/v1/webhooks/whk_none/attempts")
    ),
    ("POST", "/api/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/replay"): Rule(
        Role.editor, 404, _get("/api/v1/webhooks/whk_none/deliveries/dlv_none/replay")
    ),
}

CALLERS = ["none", *[role.value for role in Role], "revoked", "wrong"]


def app_operations(settings: Settings) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, read from its routes (HEAD is GET without a body)."""
    app = create_app(settings)
    operations = set()
    for context in iter_route_contexts(app.routes):
        if context.path is None or context.methods is None:
            continue
        for method in context.methods - {"HEAD"}:
            operations.add((method, context.path))
    return operations


def expected_status(rule: Rule, caller: str) -> int:
    """The exact status a caller must get under a rule."""
    if not rule.checks_keys:
        return rule.ok
    if caller in ("revoked", "wrong"):
        return 401  # a key sent is always checked, even where none is needed
    if caller == "none":
        return rule.ok if rule.least is None else 401
    if rule.least is not None and Role(caller).rank < rule.least.rank:
        return 403
    return rule.ok


@pytest.fixture
def callers(settings: Settings, keys: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Headers for every kind of caller: no key, each role, a revoked key and a key with a wrong secret."""
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        revoked, revoked_token = create_key(session, name="revoked editor", role=Role.admin)
        session.flush()
        revoke_key(session, key_id=revoked.id)
        session.commit()
    database.dispose()
    admin_key_id = keys["admin"]["Authorization"].split(".")[1]
    return {
        "none": {},
        **keys,
        "revoked": {"Authorization": f"Bearer {revoked_token}"},
        "wrong": {"Authorization": f"Bearer elk.{admin_key_id}.{'A' * 43}"},
    }


@pytest.fixture
def world(factory: Factory) -> World:
    istanbul = factory.istanbul()
    update = factory.update(istanbul.agreement_id, [line(istanbul.remains, istanbul.ukraine, 5)])
    return World(istanbul.agreement_id, istanbul.remains, istanbul.ukraine, istanbul.russia, update["id"])


def test_every_route_has_an_access_rule(settings: Settings) -> None:
    operations = app_operations(settings)

    missing = sorted(operations - set(RULES))
    stale = sorted(set(RULES) - operations)

    assert not missing, f"routes without an entry in RULES (decide who may call them): {missing}"
    assert not stale, f"entries in RULES for routes that no longer exist: {stale}"


def test_every_caller_gets_the_exact_status_on_every_route(
    client: TestClient, callers: dict[str, dict[str, str]], world: World, settings: Settings
) -> None:
    failures = []
    for (method, _), rule in sorted(RULES.items()):
        for caller in CALLERS:
            call = rule.call(world)
            response = client.request(method, call.path, json=call.json, headers={**call.headers, **callers[caller]})
            wanted = expected_status(rule, caller)
            if response.status_code != wanted:
                failures.append(f"{method} {call.path} as {caller}: {response.status_code}, wanted {wanted}")
            elif wanted >= 400:
                assert response.headers["content-type"] == "application/problem+json"
    assert not failures, "\n".join(failures)


def test_reads_need_a_key_when_the_server_requires_one(
    settings: Settings, callers: dict[str, dict[str, str]], world: World
) -> None:
    closed = settings.model_copy(update={"require_key_for_reads": True})
    failures = []
    with TestClient(create_app(closed)) as client:
        for (method, _), rule in sorted(RULES.items()):
            if method != "GET" or not rule.checks_keys or rule.least is not None:
                continue
            call = rule.call(world)
            for caller, wanted in (("none", 401), ("reader", rule.ok), ("revoked", 401)):
                status = client.get(call.path, headers=callers[caller]).status_code
                if status != wanted:
                    failures.append(f"GET {call.path} as {caller}: {status}, wanted {wanted}")
    assert not failures, "\n".join(failures)
