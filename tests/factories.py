"""Test data built through the API, as a user would build it."""

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from app.updates.fastpath import UpdatePostFastPath

_counter = itertools.count(1)

SOURCE = {"url": "https://example.org/report", "publisher": "Coordination Headquarters"}


@dataclass
class Istanbul:
    """The 2 June 2025 agreement: two all-for-all terms and 6,000 for 6,000 remains."""

    agreement_id: str
    ukraine: str
    russia: str
    turkiye: str
    wounded: str
    young_soldiers: str
    remains: str


@dataclass
class Factory:
    """Creates data through the HTTP API with the right keys."""

    client: TestClient
    keys: dict[str, dict[str, str]]
    parties: dict[str, str] = field(default_factory=dict)

    def party(self, name: str | None = None, kind: str = "state", country_code: str | None = None) -> str:
        name = name or f"Party {next(_counter)}"
        body: dict[str, Any] = {"name": name, "kind": kind}
        if country_code:
            body["country_code"] = country_code
        response = self.client.post("/api/v1/parties", json=body, headers=self.keys["editor"])
        assert response.status_code == 201, response.text
        party_id: str = response.json()["id"]
        return party_id

    def agreement(self, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "title": f"Agreement {next(_counter)}",
            "concluded_on": "2025-06-02",
            "parties": [self.party(), self.party()],
            "commitments": [],
        }
        body.update(overrides)
        response = self.client.post("/api/v1/agreements", json=body, headers=self.keys["editor"])
        assert response.status_code == 201, response.text
        agreement: dict[str, Any] = response.json()
        return agreement

    def istanbul(self, **overrides: Any) -> Istanbul:
        ukraine = self.party("Ukraine", country_code="UA")
        russia = self.party("Russian Federation", country_code="RU")
        turkiye = self.party("Türkiye", kind="intermediary", country_code="TR")
        body: dict[str, Any] = {
            "title": "Istanbul talks, second round: humanitarian exchanges",
            "concluded_on": "2025-06-02",
            "venue": "Istanbul",
            "negotiation_round": "second round",
            "parties": [ukraine, russia],
            "intermediaries": [turkiye],
            "sources": [
                {
                    "url": "https://example.org/article",
                    "publisher": "UNN",
                    "published_on": "2025-06-02",
                }
            ],
            "commitments": [
                {
                    "category": "wounded_and_sick",
                    "measure": "all_for_all",
                    "description": "all seriously wounded and seriously ill",
                },
                {
                    "category": "prisoners_of_war",
                    "measure": "all_for_all",
                    "criteria": {"age_min": 18, "age_max": 25},
                },
                {
                    "category": "remains",
                    "measure": "target",
                    "targets": [
                        {"recipient_id": ukraine, "quantity": 6000},
                        {"recipient_id": russia, "quantity": 6000},
                    ],
                },
            ],
        }
        body.update(overrides)
        response = self.client.post("/api/v1/agreements", json=body, headers=self.keys["editor"])
        assert response.status_code == 201, response.text
        agreement = response.json()
        wounded, young, remains = (c["id"] for c in agreement["commitments"])
        return Istanbul(agreement["id"], ukraine, russia, turkiye, wounded, young, remains)

    def update(
        self,
        agreement_id: str,
        lines: list[dict[str, Any]],
        occurred_on: date | str = "2025-06-11",
        **extra: Any,
    ) -> dict[str, Any]:
        body = {"occurred_on": str(occurred_on), "source": SOURCE, "lines": lines, **extra}
        response = self.client.post(
            f"/api/v1/agreements/{agreement_id}/updates", json=body, headers=self.keys["monitor"]
        )
        assert response.status_code == 201, response.text
        update: dict[str, Any] = response.json()
        return update

    def status(self, agreement_id: str) -> dict[str, Any]:
        response = self.client.get(f"/api/v1/agreements/{agreement_id}/status")
        assert response.status_code == 200, response.text
        status: dict[str, Any] = response.json()
        return status


def line(commitment_id: str | None, recipient_id: str, quantity: Any, qualifier: str = "exact") -> dict[str, Any]:
    """One line of an update."""
    return {
        "commitment_id": commitment_id,
        "recipient_id": recipient_id,
        "quantity": quantity,
        "qualifier": qualifier,
    }


def recipient(status: dict[str, Any], commitment_id: str, recipient_id: str) -> dict[str, Any]:
    """One receiving party's entry in a status document."""
    commitment = next(c for c in status["commitments"] if c["commitment_id"] == commitment_id)
    entry: dict[str, Any] = next(r for r in commitment["recipients"] if r["recipient_id"] == recipient_id)
    return entry


def commitment(status: dict[str, Any], commitment_id: str) -> dict[str, Any]:
    """One commitment's entry in a status document."""
    entry: dict[str, Any] = next(c for c in status["commitments"] if c["commitment_id"] == commitment_id)
    return entry


def update_fast_path(client: TestClient) -> UpdatePostFastPath:
    """The app's fast path for posted updates, to read how many posts it answered itself."""
    layer: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, UpdatePostFastPath):
        layer = layer.app
    return layer
