"""The generated Python client: committed as generated, and driving the main flow against a real server."""

import csv
import datetime
import filecmp
import io
import tomllib
from pathlib import Path

import feedparser
import pytest
from exchange_ledger_client import AuthenticatedClient
from exchange_ledger_client.api.agreements import create_agreement
from exchange_ledger_client.api.exports import export_updates
from exchange_ledger_client.api.feeds import get_agreement_feed
from exchange_ledger_client.api.imports import import_updates
from exchange_ledger_client.api.parties import create_party
from exchange_ledger_client.api.status import get_agreement_status
from exchange_ledger_client.api.updates import create_update, list_updates
from exchange_ledger_client.models import (
    AgreementCreate,
    AgreementPublic,
    AgreementStatus,
    Category,
    CommitmentCreate,
    ExportFormat,
    ImportRow,
    ImportRows,
    ImportSummary,
    LineIn,
    Measure,
    PartyCreate,
    PartyKind,
    PartyPublic,
    Problem,
    Source,
    TargetIn,
    UpdateCreate,
    UpdatePage,
    UpdatePublic,
)
from exchange_ledger_client.types import File
from sqlmodel import Session

from app import __version__
from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from app.openapi import CLIENT, DOCUMENT, project_version, write_client
from tests.server import running_server


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@pytest.mark.slow
def test_committed_client_is_what_the_generator_makes_of_the_committed_document(tmp_path: Path) -> None:
    fresh = tmp_path / "client"

    write_client(document=DOCUMENT, target=fresh)

    assert _files(fresh) == _files(CLIENT), "run `python -m app.openapi` and commit openapi/"
    _, mismatch, errors = filecmp.cmpfiles(fresh, CLIENT, [str(p) for p in _files(fresh)], shallow=False)
    assert mismatch == errors == [], "run `python -m app.openapi` and commit openapi/"


def _keys(database_url: str) -> tuple[str, str]:
    database = open_database(database_url)
    with Session(database.write_engine) as session:
        _, editor = create_key(session, name="client editor", role=Role.editor)
        _, monitor = create_key(session, name="client monitor", role=Role.monitor)
        session.commit()
    database.dispose()
    return editor, monitor


@pytest.mark.slow
def test_main_flow_through_the_generated_client(database_url: str, settings: object) -> None:
    editor_token, monitor_token = _keys(database_url)
    with running_server(database_url) as base:
        editor = AuthenticatedClient(base_url=base, token=editor_token, raise_on_unexpected_status=True)
        monitor = AuthenticatedClient(base_url=base, token=monitor_token, raise_on_unexpected_status=True)

        ukraine = create_party.sync(client=editor, body=PartyCreate(name="Ukraine", kind=PartyKind.STATE))
        russia = create_party.sync(client=editor, body=PartyCreate(name="Russian Federation", kind=PartyKind.STATE))
        assert isinstance(ukraine, PartyPublic) and isinstance(russia, PartyPublic)
        agreement = create_agreement.sync(
            client=editor,
            body=AgreementCreate(
                title="Return of the bodies of the fallen, 6,000 for 6,000",
                concluded_on=datetime.date(2025, 6, 2),
                parties=[ukraine.id, russia.id],
                commitments=[
                    CommitmentCreate(
                        category=Category.REMAINS,
                        measure=Measure.TARGET,
                        targets=[
                            TargetIn(recipient_id=ukraine.id, quantity=6000),
                            TargetIn(recipient_id=russia.id, quantity=6000),
                        ],
                    )
                ],
            ),
        )
        assert isinstance(agreement, AgreementPublic)
        remains = agreement.commitments[0].id
        stage_2 = UpdateCreate(
            occurred_on=datetime.date(2025, 6, 16),
            stage="2",
            source=Source(publisher="Coordination Headquarters"),
            lines=[
                LineIn(commitment_id=remains, recipient_id=ukraine.id, quantity=6057),
                LineIn(commitment_id=remains, recipient_id=russia.id, quantity=78),
            ],
        )

        first = create_update.sync_detailed(agreement.id, client=monitor, body=stage_2, idempotency_key="stage-2")
        retry = create_update.sync_detailed(agreement.id, client=monitor, body=stage_2, idempotency_key="stage-2")
        refused = create_update.sync(agreement.id, client=_with_unknown_key(base), body=stage_2)

        assert first.status_code == retry.status_code == 201
        assert isinstance(first.parsed, UpdatePublic) and isinstance(retry.parsed, UpdatePublic)
        assert retry.parsed.id == first.parsed.id
        assert retry.headers["idempotent-replayed"] == "true"
        assert isinstance(refused, Problem) and refused.status == 401

        status = get_agreement_status.sync(agreement.id, client=monitor)
        assert isinstance(status, AgreementStatus)
        received = {r.recipient_id: r.received for r in status.commitments[0].recipients}
        assert received == {ukraine.id: 6057, russia.id: 78}
        assert status.commitments[0].imbalance is not None and status.commitments[0].imbalance.difference == 5979
        page = list_updates.sync(agreement.id, client=monitor)
        assert isinstance(page, UpdatePage) and [u.id for u in page.items] == [first.parsed.id]

        exported = export_updates.sync(client=monitor, format_=ExportFormat.CSV, agreement_id=agreement.id)
        assert isinstance(exported, File)
        rows = list(csv.DictReader(io.StringIO(exported.payload.read().decode())))
        assert sorted(r["quantity"] for r in rows) == ["6057", "78"]

        row_3 = {
            "update_id": "stage-3",
            "agreement_id": agreement.id,
            "occurred_on": "2025-06-20",
            "stage": "3",
            "source_publisher": "ICRC",
            "commitment_id": remains,
            "recipient_id": russia.id,
            "quantity": "21",
            "qualifier": "exact",
        }
        stage_3 = "\n".join([",".join(rows[0]), ",".join(row_3.get(name, "") for name in rows[0])])
        imported = import_updates.sync(client=monitor, body=File(payload=io.BytesIO(stage_3.encode())))
        assert isinstance(imported, ImportSummary) and (imported.updates, imported.lines) == (1, 1)
        stage_4 = [
            ImportRow(
                update_id="stage-4",
                agreement_id=agreement.id,
                occurred_on=datetime.date(2025, 6, 21),
                stage="4",
                source_publisher="ICRC",
                commitment_id=remains,
                recipient_id=party.id,
                quantity=quantity,
            )
            for party, quantity in ((ukraine, 5), (russia, None))
        ]
        typed = import_updates.sync(client=monitor, body=ImportRows(rows=stage_4))
        assert isinstance(typed, ImportSummary) and (typed.updates, typed.lines) == (1, 2)
        refused_rows = import_updates.sync(
            client=monitor, body=ImportRows(rows=[ImportRow.from_dict({**stage_4[0].to_dict(), "quantity": -1})])
        )
        assert isinstance(refused_rows, Problem) and refused_rows.status == 422
        assert refused_rows.errors and refused_rows.errors[0].location == ["row", 1, "quantity"]
        status = get_agreement_status.sync(agreement.id, client=monitor)
        assert isinstance(status, AgreementStatus)
        (term,) = [c for c in status.commitments if c.category == Category.REMAINS]
        figures = {r.recipient_id: (r.received, r.received_is_lower_bound) for r in term.recipients}
        assert figures == {ukraine.id: (6057 + 5, False), russia.id: (78 + 21, True)}

        feed = get_agreement_feed.sync(agreement.id, client=monitor)
        assert isinstance(feed, File)
        parsed = feedparser.parse(feed.payload.read())
        assert not parsed.bozo
        assert [e.title for e in parsed.entries] == [
            "Stage 4: 5 received by Ukraine, an undisclosed number by Russian Federation"
            " (first report; not reviewed yet)",
            "Stage 3: 21 received by Russian Federation (first report; not reviewed yet)",
            "Stage 2: 6,057 received by Ukraine, 78 by Russian Federation (first report; not reviewed yet)",
        ]


def test_the_client_is_versioned_as_the_service() -> None:
    client_version = tomllib.loads((CLIENT / "pyproject.toml").read_text())["project"]["version"]

    assert client_version == __version__ == project_version()


def _with_unknown_key(base: str) -> AuthenticatedClient:
    """A client whose key the server does not know."""
    return AuthenticatedClient(base_url=base, token="elk.key_unknown.secret", raise_on_unexpected_status=True)
