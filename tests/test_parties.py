"""Parties: the sides and intermediaries, with unique names."""

from fastapi.testclient import TestClient

from tests.factories import Factory


def test_editor_records_a_party_and_anyone_reads_it(client: TestClient, keys: dict[str, dict[str, str]]) -> None:
    created = client.post(
        "/api/v1/parties",
        json={"name": "Ukraine", "kind": "state", "country_code": "UA"},
        headers=keys["editor"],
    )
    assert created.status_code == 201
    party = created.json()
    assert created.headers["location"] == f"/api/v1/parties/{party['id']}"

    fetched = client.get(f"/api/v1/parties/{party['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == party
    assert (
        client.get(f"/api/v1/parties/{party['id']}", headers={"If-None-Match": fetched.headers["etag"]}).status_code
        == 304
    )


def test_duplicate_party_name_in_any_case_is_409_and_records_nothing(
    client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    assert (
        client.post("/api/v1/parties", json={"name": "Ukraine", "kind": "state"}, headers=keys["editor"]).status_code
        == 201
    )

    duplicate = client.post("/api/v1/parties", json={"name": "  UKRAINE ", "kind": "state"}, headers=keys["editor"])

    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"
    assert duplicate.json()["type"].endswith("/already-recorded")
    assert len(client.get("/api/v1/parties").json()["items"]) == 1


def test_party_list_pages_with_a_cursor(factory: Factory) -> None:
    ids = [factory.party() for _ in range(5)]

    first = factory.client.get("/api/v1/parties", params={"limit": 2}).json()
    second = factory.client.get("/api/v1/parties", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    third = factory.client.get("/api/v1/parties", params={"limit": 2, "cursor": second["next_cursor"]}).json()

    assert [p["id"] for p in first["items"] + second["items"] + third["items"]] == ids
    assert third["next_cursor"] is None


def test_unknown_party_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/parties/pty_missing")
    assert response.status_code == 404
    assert response.json()["status"] == 404
