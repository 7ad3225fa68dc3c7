"""Anonymous list reads are kept in the process until the next write anywhere, and never outlive it."""

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import col, select

from app.audit.models import AuditEntry
from app.core.config import Settings
from app.database import open_database
from app.main import create_app
from app.status.policy import StatusPolicy
from app.status.service import check_totals
from tests.factories import Factory, line

LIST = "/api/v1/agreements"


def _titles(factory: Factory, query: str = "", **headers: str) -> list[str]:
    response = factory.client.get(LIST + query, headers=headers)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def test_a_list_shows_each_write_of_this_process_at_once(factory: Factory) -> None:
    first = factory.agreement(title="Exchange of the wounded")
    assert _titles(factory) == ["Exchange of the wounded"]
    factory.agreement(title="Return of the fallen")
    assert _titles(factory) == ["Exchange of the wounded", "Return of the fallen"]
    renamed = factory.client.patch(
        f"{LIST}/{first['id']}",
        json={"title": "Exchange of the seriously wounded"},
        headers={**factory.keys["editor"], "If-Match": factory.client.get(f"{LIST}/{first['id']}").headers["etag"]},
    )
    assert renamed.status_code == 200, renamed.text
    assert _titles(factory) == ["Exchange of the seriously wounded", "Return of the fallen"]


def test_a_list_shows_a_handover_at_once_in_the_state_it_filters_on(factory: Factory) -> None:
    ist = factory.istanbul()
    before = factory.client.get(LIST).json()["items"][0]["state"]
    assert [item["id"] for item in factory.client.get(LIST, params={"status": before}).json()["items"]] == [
        ist.agreement_id
    ]
    factory.update(
        ist.agreement_id,
        [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)],
        occurred_on=date.today(),
    )
    after = factory.client.get(LIST).json()["items"][0]["state"]
    assert after != before
    assert after == factory.client.get(f"{LIST}/{ist.agreement_id}").json()["state"]
    assert factory.client.get(LIST, params={"status": before}).json()["items"] == []
    assert [item["id"] for item in factory.client.get(LIST, params={"status": after}).json()["items"]] == [
        ist.agreement_id
    ]


def test_a_write_by_another_worker_is_seen_at_once(factory: Factory, settings: Settings) -> None:
    agreement = factory.agreement(title="Exchange of civilians")
    assert _titles(factory) == ["Exchange of civilians"]
    with TestClient(create_app(settings)) as second_worker:  # a second process on the same database
        etag = second_worker.get(f"{LIST}/{agreement['id']}").headers["etag"]
        renamed = second_worker.patch(
            f"{LIST}/{agreement['id']}",
            json={"title": "Exchange of detained civilians"},
            headers={**factory.keys["editor"], "If-Match": etag},
        )
        assert renamed.status_code == 200, renamed.text
    assert _titles(factory) == ["Exchange of detained civilians"]


def test_what_is_kept_is_served_until_the_ledger_moves_and_no_longer(factory: Factory, settings: Settings) -> None:
    agreement = factory.agreement(title="Exchange of prisoners")
    assert _titles(factory) == ["Exchange of prisoners"]
    # A change behind the service's back, outside the audited write path, does not move the generation:
    # the kept answer stands, which shows it is kept...
    database = open_database(settings.database_url)
    try:
        with database.write_engine.begin() as connection:
            connection.execute(
                text("UPDATE agreement SET title = 'Changed unseen', revision = revision + 1 WHERE id = :id"),
                {"id": agreement["id"]},
            )
    finally:
        database.dispose()
    assert _titles(factory) == ["Exchange of prisoners"]
    # ...and a reader with a key is answered afresh by the route, never from what was kept for anonymous readers.
    keyed = factory.client.get(LIST, headers=factory.keys["reader"])
    assert [item["title"] for item in keyed.json()["items"]] == ["Changed unseen"]
    assert keyed.headers["cache-control"] == "private, no-cache"
    # Any audited write, of anything, makes every kept answer unreachable.
    factory.party("Holy See")
    assert _titles(factory) == ["Changed unseen"]


def test_each_question_is_kept_apart(factory: Factory) -> None:
    factory.agreement(title="First exchange")
    factory.agreement(title="Second exchange")
    assert _titles(factory, "?limit=1") == ["First exchange"]
    assert _titles(factory, "?limit=2") == ["First exchange", "Second exchange"]
    assert _titles(factory, "?q=second") == ["Second exchange"]
    refused = factory.client.get(LIST, params={"cursor": "not a cursor"})
    assert refused.status_code == 400 or refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert factory.client.get(LIST, params={"cursor": "not a cursor"}).status_code == refused.status_code


def test_a_repair_is_a_write_in_the_audit_log(factory: Factory, settings: Settings) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)])
    database = open_database(settings.database_url)
    try:
        with database.write_engine.begin() as connection:
            connection.execute(text("UPDATE running_total SET received = received + 5"))
        with database.write_transaction() as session:
            found = check_totals(session, policy=StatusPolicy.from_settings(settings), repair=True)
        assert found
        with database.session() as session:
            repairs = session.exec(select(AuditEntry).where(col(AuditEntry.action) == "repair")).all()
    finally:
        database.dispose()
    assert [entry.entity_id for entry in repairs] == [ist.agreement_id]
    assert repairs[0].actor_role == "system"
    assert factory.status(ist.agreement_id)["commitments"][2]["recipients"][0]["received"] == 1212


def test_a_kept_answer_carries_the_headers_of_its_own_request(factory: Factory) -> None:
    factory.agreement(title="Exchange of the wounded")
    first = factory.client.get(LIST, headers={"X-Request-ID": "first-request"})
    again = factory.client.get(LIST, headers={"X-Request-ID": "second-request"})
    assert again.content == first.content
    assert first.headers["x-request-id"] == "first-request"
    assert again.headers["x-request-id"] == "second-request"
    assert again.headers.get_list("x-request-id") == ["second-request"]
