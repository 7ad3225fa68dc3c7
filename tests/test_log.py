"""The Merkle log: signed heads and answers kept today still prove, months later and with no database, what the
ledger said; an entry edited, removed or moved since fails the next check."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.audit import tree, verify
from app.audit.models import AuditEntry
from app.audit.service import entry_hash
from app.core.config import Settings
from app.core.signing import key_id, private_pem, public_pem
from app.database import open_database
from app.main import create_app
from tests.factories import Factory, line


def _kept(response: httpx.Response) -> bytes:
    """An answer as `curl -i` keeps it: status line, headers, a blank line, the exact body."""
    head = f"HTTP/1.1 {response.status_code} OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items())
    return head.encode("latin-1") + b"\r\n" + response.content


def _get(factory: Factory, path: str, **params: Any) -> dict[str, Any]:
    response = factory.client.get(path, params=params)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def _keys(factory: Factory) -> dict[str, Any]:
    return verify.public_keys(factory.client.get("/api/v1/log/key").content)


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "verify", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "DATABASE_URL": "sqlite:///./no-database-needed.db"},
    )


def test_a_kept_head_and_status_prove_later_that_the_log_only_grew(factory: Factory, tmp_path: Path) -> None:
    ist = factory.istanbul()
    update = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 6057)])
    key = factory.client.get("/api/v1/log/key")
    status = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", params={"signed": "true"})
    old_head = _get(factory, "/api/v1/log/head")
    (tmp_path / "key.json").write_bytes(key.content)
    (tmp_path / "status.http").write_bytes(_kept(status))
    (tmp_path / "old-head.json").write_text(json.dumps(old_head))
    assert status.status_code == 200 and status.headers["content-digest"].startswith("sha-256=:")
    assert 'keyid="' + key.json()["key_id"] + '"' in status.headers["signature-input"]

    for quantity in (10, 20):
        factory.update(ist.agreement_id, [line(ist.remains, ist.russia, quantity)])
    new_head = _get(factory, "/api/v1/log/head")
    assert new_head["tree_size"] > old_head["tree_size"]
    (tmp_path / "new-head.json").write_text(json.dumps(new_head))
    entries = factory.client.get(
        "/api/v1/audit", params={"entity_id": update["id"]}, headers=factory.keys["admin"]
    ).json()["items"]
    recorded = entries[0]["seq"]
    inclusion = _get(factory, "/api/v1/log/proofs/inclusion", entry=recorded, tree_size=old_head["tree_size"])
    consistency = _get(factory, "/api/v1/log/proofs/consistency", **{"from": old_head["tree_size"]})
    (tmp_path / "inclusion.json").write_text(json.dumps(inclusion))
    (tmp_path / "consistency.json").write_text(json.dumps(consistency))

    kept_status = _cli("status", tmp_path / "status.http", "--key", tmp_path / "key.json")
    assert kept_status.returncode == 0, kept_status.stderr
    assert f"agreement {ist.agreement_id} at revision {status.json()['revision']}" in kept_status.stdout
    kept_entry = _cli(
        "inclusion", "--head", tmp_path / "old-head.json", "--proof", tmp_path / "inclusion.json", "--key",
        tmp_path / "key.json", "--entry-hash", entries[0]["hash"],
    )  # fmt: skip
    assert kept_entry.returncode == 0, kept_entry.stderr
    assert f"entry {recorded} is in the signed tree of {old_head['tree_size']} entries" in kept_entry.stdout
    grown = _cli(
        "consistency", "--old", tmp_path / "old-head.json", "--new", tmp_path / "new-head.json", "--proof",
        tmp_path / "consistency.json", "--key", tmp_path / "key.json",
    )  # fmt: skip
    assert grown.returncode == 0, grown.stderr

    # A figure edited in the kept answer, or a head's size changed, no longer checks out.
    (tmp_path / "status.http").write_bytes(_kept(status).replace(b"6057", b"6157"))
    forged = _cli("status", tmp_path / "status.http", "--key", tmp_path / "key.json")
    assert forged.returncode == 1 and "digest differs" in forged.stderr
    with pytest.raises(verify.VerificationFailed, match="signature does not match"):
        verify.tree_head({**old_head, "tree_size": old_head["tree_size"] - 1}, _keys(factory))


def test_a_signed_update_checks_out_and_names_its_key(factory: Factory) -> None:
    ist = factory.istanbul()
    update = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 5)])
    answer = factory.client.get(f"/api/v1/updates/{update['id']}", params={"signed": "true"})
    assert answer.status_code == 200 and answer.json()["id"] == update["id"]
    signed, body = verify.signed_answer(_kept(answer), _keys(factory))
    assert body == answer.content and signed.key_id == factory.client.get("/api/v1/log/key").json()["key_id"]
    plain = factory.client.get(f"/api/v1/updates/{update['id']}")
    assert "signature" not in plain.headers and plain.json() == answer.json()


def _rebuild_tree_from_entries(settings: Settings) -> None:
    """What an operator covering their tracks would do: rebuild the tree over the entries as they now are."""
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
        tree.rebuild(session, [entry_hash(e.model_dump()) for e in entries])
        session.commit()
    database.dispose()


def _tamper(settings: Settings, statements: list[str]) -> None:
    database = open_database(settings.database_url)
    with database.write_engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    database.dispose()


TARGET = 3
TAMPERING: dict[str, list[str]] = {
    "edit": [f'UPDATE audit_entry SET after = \'{{"notes": "quietly rewritten"}}\' WHERE seq = {TARGET}'],
    "delete": [
        f"DELETE FROM audit_entry WHERE seq = {TARGET}",
        f"UPDATE audit_entry SET seq = -seq WHERE seq > {TARGET}",
        "UPDATE audit_entry SET seq = -seq - 1 WHERE seq < 0",
        "UPDATE audit_head SET seq = seq - 1",
    ],
    "reorder": [
        f"UPDATE audit_entry SET seq = -1 WHERE seq = {TARGET}",
        f"UPDATE audit_entry SET seq = {TARGET} WHERE seq = {TARGET + 1}",
        f"UPDATE audit_entry SET seq = {TARGET + 1} WHERE seq = -1",
    ],
}


@pytest.mark.tampers_with_audit
@pytest.mark.parametrize("kind", list(TAMPERING))
def test_an_entry_edited_deleted_or_reordered_fails_the_next_check_against_a_kept_head(
    factory: Factory, settings: Settings, kind: str
) -> None:
    ist = factory.istanbul()
    factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 1212)])
    keys = _keys(factory)
    kept = verify.tree_head(_get(factory, "/api/v1/log/head"), keys)
    proof = _get(factory, "/api/v1/log/proofs/inclusion", entry=TARGET, tree_size=kept.tree_size)
    assert verify.inclusion(kept, proof) == TARGET

    _tamper(settings, TAMPERING[kind])

    # The entry as served now is not the one the kept head signed.
    again = factory.client.get("/api/v1/log/proofs/inclusion", params={"entry": TARGET, "tree_size": kept.tree_size})
    if kind == "delete":  # with the later entries moved up, the log is now shorter than the signed head
        assert again.status_code == 404 and f"there is no tree of size {kept.tree_size}" in again.json()["detail"]
    else:
        with pytest.raises(verify.VerificationFailed, match=f"entry {TARGET} as served now is not in the tree"):
            verify.inclusion(kept, again.json())
    # Nor does rebuilding the tree over the rewritten entries hide it: the log no longer extends the kept one.
    _rebuild_tree_from_entries(settings)
    factory.update(ist.agreement_id, [line(ist.remains, ist.russia, 27)])
    later = verify.tree_head(_get(factory, "/api/v1/log/head"), keys)
    consistency = _get(factory, "/api/v1/log/proofs/consistency", **{"from": kept.tree_size})
    with pytest.raises(verify.VerificationFailed, match="does not extend"):
        verify.consistency(kept, later, consistency)


BAD_PROOFS: dict[str, tuple[str, dict[str, Any], int]] = {
    "entry zero": ("inclusion", {"entry": 0}, 422),
    "no entry": ("inclusion", {}, 422),
    "entry not yet written": ("inclusion", {"entry": 10**6}, 404),
    "tree larger than the log": ("inclusion", {"entry": 1, "tree_size": 10**6}, 404),
    "entry past the tree": ("inclusion", {"entry": 3, "tree_size": 2}, 404),
    "not a number": ("inclusion", {"entry": "one"}, 422),
    "from larger than to": ("consistency", {"from": 3, "to": 2}, 422),
    "from zero": ("consistency", {"from": 0}, 422),
    "from past the log": ("consistency", {"from": 10**6}, 404),
    "to past the log": ("consistency", {"from": 1, "to": 10**6}, 404),
}


@pytest.mark.parametrize("case", list(BAD_PROOFS))
def test_proofs_of_entries_or_sizes_that_do_not_exist_are_problems(factory: Factory, case: str) -> None:
    factory.istanbul()
    kind, params, expected = BAD_PROOFS[case]
    response = factory.client.get(f"/api/v1/log/proofs/{kind}", params=params)
    assert response.status_code == expected, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_equal_sizes_are_consistent_with_an_empty_proof(factory: Factory) -> None:
    factory.istanbul()
    head = verify.tree_head(_get(factory, "/api/v1/log/head"), _keys(factory))
    proof = _get(factory, "/api/v1/log/proofs/consistency", **{"from": head.tree_size, "to": head.tree_size})
    assert proof["proof"] == []
    verify.consistency(head, head, proof)


def test_production_without_a_key_answers_503_on_signed_endpoints_only(factory: Factory, settings: Settings) -> None:
    status = f"/api/v1/agreements/{factory.istanbul().agreement_id}/status"
    production = settings.model_copy(update={"environment": "production"})
    with TestClient(create_app(production)) as client:
        for path in ("/api/v1/log/head", "/api/v1/log/key", status + "?signed=true"):
            answer = client.get(path)
            assert answer.status_code == 503, path
            assert "LOG_SIGNING_KEY" in answer.json()["detail"]
        assert client.get(status).status_code == 200
        assert client.get("/api/v1/log/proofs/consistency", params={"from": 1}).status_code == 200


def test_a_configured_key_signs_and_a_retired_one_is_still_served(settings: Settings) -> None:
    current, retired = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    configured = settings.model_copy(
        update={
            "environment": "production",
            "log_signing_key": SecretStr(private_pem(current)),
            "log_retired_public_keys": public_pem(retired.public_key()),
        }
    )
    with TestClient(create_app(configured)) as client:
        key = client.get("/api/v1/log/key").json()
        head = client.get("/api/v1/log/head").json()
    assert key["key_id"] == key_id(current.public_key()) == head["key_id"] and key["generated"] is False
    assert [k["key_id"] for k in key["retired"]] == [key_id(retired.public_key())]
    keys = verify.public_keys(json.dumps(key).encode())
    assert verify.tree_head(head, keys).tree_size == head["tree_size"]


def test_an_update_and_its_correction_name_their_log_entry_which_a_signed_head_includes(factory: Factory) -> None:
    ist = factory.istanbul()
    posted = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 6057)])
    assert posted["log_entry"] is None  # numbered when its batch commits
    corrected = factory.client.post(
        f"/api/v1/updates/{posted['id']}/corrections",
        json={
            "occurred_on": "2025-06-11",
            "source": {"publisher": "Coordination Headquarters"},
            "lines": [line(ist.remains, ist.ukraine, 6060)],
            "reason": "the final count",
        },
        headers=factory.keys["monitor"],
    )
    assert corrected.status_code == 201, corrected.text
    head = verify.tree_head(_get(factory, "/api/v1/log/head"), _keys(factory))

    for update_id in (posted["id"], corrected.json()["id"]):
        entry = _get(factory, f"/api/v1/updates/{update_id}")["log_entry"]
        assert isinstance(entry, int)
        (audit,) = [
            e
            for e in factory.client.get(
                "/api/v1/audit", params={"entity_id": update_id}, headers=factory.keys["admin"]
            ).json()["items"]
            if e["seq"] == entry
        ]
        assert audit["entity_type"] == "fulfilment_update" and audit["action"] == "create"
        proof = _get(factory, "/api/v1/log/proofs/inclusion", entry=entry, tree_size=head.tree_size)
        assert verify.inclusion(head, proof, entry_hash=audit["hash"]) == entry
    listed = _get(factory, f"/api/v1/agreements/{ist.agreement_id}/updates")["items"]
    assert all(isinstance(u["log_entry"], int) for u in listed)


def test_a_review_names_its_log_entry_which_a_signed_head_includes(factory: Factory) -> None:
    ist = factory.istanbul()
    posted = factory.update(ist.agreement_id, [line(ist.remains, ist.ukraine, 6057)])
    reviewed = factory.client.post(
        f"/api/v1/updates/{posted['id']}/reviews",
        json={"state": "verified", "reason": "matches the exchange's published count"},
        headers=factory.keys["verifier"],
    )
    assert reviewed.status_code == 201, reviewed.text
    head = verify.tree_head(_get(factory, "/api/v1/log/head"), _keys(factory))

    (review,) = factory.client.get(f"/api/v1/updates/{posted['id']}/reviews").json()
    entry = review["log_entry"]
    assert isinstance(entry, int)
    audit = factory.client.get(
        "/api/v1/audit", params={"cursor": str(entry - 1), "limit": 1}, headers=factory.keys["admin"]
    )
    (recorded,) = audit.json()["items"]
    assert (recorded["seq"], recorded["entity_type"], recorded["action"]) == (entry, "update_review", "create")
    assert recorded["after"]["reason"] == "matches the exchange's published count"
    proof = _get(factory, "/api/v1/log/proofs/inclusion", entry=entry, tree_size=head.tree_size)
    assert verify.inclusion(head, proof, entry_hash=recorded["hash"]) == entry
