"""The main flow over real HTTP against `exchange-ledger serve` on a loopback port."""

from datetime import date

import httpx
import pytest
from sqlmodel import Session

from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from tests.server import running_server


@pytest.mark.slow
def test_main_flow_over_real_http(database_url: str, settings: object) -> None:
    database = open_database(database_url)
    with Session(database.write_engine) as session:
        _, editor = create_key(session, name="editor", role=Role.editor)
        _, monitor = create_key(session, name="monitor", role=Role.monitor)
        session.commit()
    database.dispose()

    with running_server(database_url) as base, httpx.Client(base_url=base, timeout=10) as http:
        as_editor = {"Authorization": f"Bearer {editor}"}
        ukraine = http.post("/api/v1/parties", json={"name": "Ukraine", "kind": "state"}, headers=as_editor).json()[
            "id"
        ]
        russia = http.post("/api/v1/parties", json={"name": "Russia", "kind": "state"}, headers=as_editor).json()["id"]
        agreement = http.post(
            "/api/v1/agreements",
            headers=as_editor,
            json={
                "title": "Remains 6,000 for 6,000",
                "concluded_on": "2025-06-02",
                "parties": [ukraine, russia],
                "commitments": [
                    {
                        "category": "remains",
                        "measure": "target",
                        "targets": [
                            {"recipient_id": ukraine, "quantity": 6000},
                            {"recipient_id": russia, "quantity": 6000},
                        ],
                    }
                ],
            },
        ).json()
        remains = agreement["commitments"][0]["id"]
        posted = http.post(
            f"/api/v1/agreements/{agreement['id']}/updates",
            headers={"Authorization": f"Bearer {monitor}", "Idempotency-Key": "stage-1"},
            json={
                "occurred_on": str(date.today()),
                "source": {"publisher": "ICRC"},
                "lines": [
                    {"commitment_id": remains, "recipient_id": ukraine, "quantity": 6057},
                    {"commitment_id": remains, "recipient_id": russia, "quantity": 78},
                ],
            },
        )
        assert posted.status_code == 201

        status = http.get(f"/api/v1/agreements/{agreement['id']}/status")

        assert status.status_code == 200
        received = {r["recipient_id"]: r["received"] for r in status.json()["commitments"][0]["recipients"]}
        assert received == {ukraine: 6057, russia: 78}
        assert status.json()["commitments"][0]["imbalance"]["difference"] == 5979
        assert http.get("/healthz").json()["status"] == "ok"
