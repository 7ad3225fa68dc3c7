"""Access: reads open by default, writes by role; 401 for no, wrong or revoked keys, 403 for a low role."""

import threading

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import Settings
from app.core.db import get_write_session
from app.database import open_database
from app.keys.service import revoke_key
from app.main import create_app


def test_writes_need_a_key_of_a_high_enough_role(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    body = {"name": "Ukraine", "kind": "state"}

    assert client.post("/api/v1/parties", json=body).status_code == 401
    assert (
        client.post("/api/v1/parties", json=body, headers={"Authorization": "Bearer elk.key_x.nope"}).status_code == 401
    )
    assert client.post("/api/v1/parties", json=body, headers={"Authorization": "Bearer garbage"}).status_code == 401
    assert client.post("/api/v1/parties", json=body, headers=keys["reader"]).status_code == 403
    assert client.post("/api/v1/parties", json=body, headers=keys["monitor"]).status_code == 403
    assert client.post("/api/v1/parties", json=body, headers=keys["editor"]).status_code == 201
    assert len(client.get("/api/v1/parties").json()["items"]) == 1


def test_unauthenticated_answer_names_the_bearer_scheme(client: TestClient) -> None:
    response = client.post("/api/v1/parties", json={"name": "X", "kind": "state"})
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"


def test_a_revoked_key_is_refused(settings: Settings, client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    token = keys["editor"]["Authorization"].split(" ")[1]
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        revoke_key(session, key_id=token.split(".")[1])
        session.commit()
    database.dispose()

    response = client.post("/api/v1/parties", json={"name": "X", "kind": "state"}, headers=keys["editor"])

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_reads_can_be_made_to_require_a_key(settings: Settings, keys: dict[str, dict[str, str]]) -> None:
    closed = settings.model_copy(update={"require_key_for_reads": True})
    with TestClient(create_app(closed)) as client:
        assert client.get("/api/v1/agreements").status_code == 401
        assert client.get("/api/v1/agreements/agr_x/status").status_code == 401
        assert client.get("/api/v1/agreements", headers=keys["reader"]).status_code == 200


def test_a_write_is_refused_for_its_key_without_waiting_for_the_write_lock(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    lock = client.app.state.database.write_lock  # type: ignore[attr-defined]
    if lock is None:
        pytest.skip("only SQLite serialises writers behind a lock of the process")
    answers: list[int] = []
    body = {"name": "Ukraine", "kind": "state"}
    with lock:  # another write holds the database
        for headers in ({}, keys["reader"], {"Authorization": "Bearer elk.key_x.nope"}):
            post = threading.Thread(
                target=lambda h=headers: answers.append(
                    client.post("/api/v1/parties", json=body, headers=h).status_code
                )
            )
            post.start()
            post.join(timeout=5)
            assert not post.is_alive(), "a refused write waited for the write lock"
    assert answers == [401, 403, 401]


def test_every_write_route_checks_its_key_before_it_opens_a_write_transaction(settings: Settings) -> None:
    app = create_app(settings)
    for context in iter_route_contexts(app.routes):
        route = context.route
        if not isinstance(route, APIRoute):
            continue
        calls = [dependency.call for dependency in route.dependant.dependencies]
        if get_write_session in calls:
            role_checks = [i for i, call in enumerate(calls) if getattr(call, "checks_role", False)]
            assert role_checks and role_checks[0] < calls.index(get_write_session), context.path
