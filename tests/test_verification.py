"""Claims, review and corrections: a realistic sequence, replayed through the API on both databases."""

import os
import subprocess
import sys
from typing import Any

from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.database import open_database
from app.keys.models import Role
from app.keys.service import create_key
from tests.factories import SOURCE, Factory, Istanbul, commitment, line, recipient

HQ = {"publisher": "Coordination Headquarters for the Treatment of Prisoners of War"}
MINISTRY = {"publisher": "Ministry of Defence of the Russian Federation"}


def _post(
    factory: Factory, ist: Istanbul, lines: list[dict[str, Any]], occurred_on: str, **extra: Any
) -> dict[str, Any]:
    body = {"occurred_on": occurred_on, "source": extra.pop("source", HQ), "lines": lines, **extra}
    response = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates", json=body, headers=factory.keys["monitor"]
    )
    assert response.status_code == 201, response.text
    update: dict[str, Any] = response.json()
    return update


def _review(factory: Factory, update_id: str, state: str, reason: str = "checked against the ICRC record") -> Any:
    return factory.client.post(
        f"/api/v1/updates/{update_id}/reviews",
        json={"state": state, "reason": reason},
        headers=factory.keys["verifier"],
    )


def _ua(factory: Factory, ist: Istanbul, **params: str) -> dict[str, Any]:
    status = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status", params=params).json()
    return recipient(status, ist.remains, ist.ukraine)


def test_a_season_of_conflicting_claims_corrections_and_disputes(factory: Factory) -> None:
    ist = factory.istanbul()
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"

    # Both sides report stage 1, with different figures for Ukraine: counted once, flagged.
    stage1 = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 1212), line(ist.remains, ist.russia, 27)], "2025-06-11"
    )
    assert stage1["review_state"] == "reported" and stage1["handover_id"] == stage1["id"]
    claim = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 1200)], "2025-06-11", source=MINISTRY, claim_of=stage1["id"]
    )
    assert claim["handover_id"] == stage1["id"]
    ua = _ua(factory, ist)
    assert (ua["received"], ua["discrepancies"], ua["handovers"]) == (1212, 1, 1)
    remains = commitment(factory.client.get(status_url).json(), ist.remains)
    [discrepancy] = remains["discrepancies"]
    assert {(c["quantity"], c["publisher"]) for c in discrepancy["claims"]} == {
        (1212, HQ["publisher"]),
        (1200, MINISTRY["publisher"]),
    }

    # A verifier settles it: the verified figure stands.
    assert _review(factory, claim["id"], "verified").status_code == 201
    ua = _ua(factory, ist)
    assert (ua["received"], ua["verified_received"], ua["discrepancies"]) == (1200, 1200, 0)

    # Stage 2, corrected a week later: the correction supersedes, the original stays readable.
    stage2 = _post(
        factory, ist, [line(ist.remains, ist.ukraine, 4845), line(ist.remains, ist.russia, 51)], "2025-06-16"
    )
    correction = factory.client.post(
        f"/api/v1/updates/{stage2['id']}/corrections",
        json={
            "reason": "HQ corrected its count on 23 June",
            "occurred_on": "2025-06-16",
            "source": HQ,
            "lines": [line(ist.remains, ist.ukraine, 4857), line(ist.remains, ist.russia, 51)],
        },
        headers=factory.keys["monitor"],
    )
    assert correction.status_code == 201
    assert correction.json()["supersedes"] == stage2["id"]
    assert factory.client.get(f"/api/v1/updates/{stage2['id']}").json()["superseded_by"] == correction.json()["id"]
    assert _ua(factory, ist)["received"] == 6057

    # Stage 3 is rejected: kept, but never counted.
    stage3 = _post(factory, ist, [line(ist.remains, ist.ukraine, 100), line(ist.remains, ist.russia, 10)], "2025-06-20")
    assert _review(factory, stage3["id"], "rejected", "no such handover took place").status_code == 201
    status = factory.client.get(status_url).json()
    assert recipient(status, ist.remains, ist.ukraine)["received"] == 6057
    assert recipient(status, ist.remains, ist.russia)["received"] == 78
    assert commitment(status, ist.remains)["imbalance"]["difference"] == 5979

    # A running total is announced: set beside the stages, never added, flagged where it disagrees.
    announced = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/announced-totals",
        json={
            "claimant": "Coordination Headquarters",
            "stated_on": "2025-06-25",
            "source": HQ,
            "figures": [line(ist.remains, ist.ukraine, 6060), line(ist.remains, ist.russia, 78)],
        },
        headers=factory.keys["monitor"],
    )
    assert announced.status_code == 201
    status = factory.client.get(status_url).json()
    ua, ru = recipient(status, ist.remains, ist.ukraine), recipient(status, ist.remains, ist.russia)
    assert ua["received"] == 6057
    assert (ua["announced"]["quantity"], ua["announced"]["sum_of_stages_then"], ua["announced"]["differs"]) == (
        6060,
        6057,
        True,
    )
    assert (ru["announced"]["quantity"], ru["announced"]["differs"]) == (78, False)

    # A handover whose attribution one side denies: totals with and without it.
    young = _post(
        factory,
        ist,
        [line(ist.young_soldiers, ist.ukraine, 84), line(ist.young_soldiers, ist.russia, 84)],
        "2025-06-26",
    )
    dispute = factory.client.post(
        f"/api/v1/updates/{young['id']}/attribution-disputes",
        json={
            "party_id": ist.russia,
            "position": "does_not_belong",
            "statement": "An exchange under a separate arrangement, not the Istanbul agreement",
            "source": MINISTRY,
        },
        headers=factory.keys["monitor"],
    )
    assert dispute.status_code == 201
    ua_young = recipient(factory.client.get(status_url).json(), ist.young_soldiers, ist.ukraine)
    assert (ua_young["received"], ua_young["received_excluding_disputed_attribution"]) == (84, 0)
    assert ua_young["disputed_attribution_handovers"] == 1

    # Time travel: the status as it stood on past days, with what is known now.
    assert _ua(factory, ist, as_of="2025-06-12")["received"] == 1200
    assert _ua(factory, ist, as_of="2025-06-17")["received"] == 6057
    assert _ua(factory, ist, as_of="2025-06-10")["received"] == 0

    # The timeline is ready for a chart: cumulative, rejected stage left out, announcement beside it.
    timeline = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/timeline").json()
    ua_series = next(
        s for s in timeline["series"] if s["commitment_id"] == ist.remains and s["recipient_id"] == ist.ukraine
    )
    assert [(p["date"], p["received"]) for p in ua_series["points"]] == [("2025-06-11", 1200), ("2025-06-16", 6057)]
    assert [(a["quantity"], a["sum_of_stages_then"], a["differs"]) for a in timeline["announced"]] == [
        (6060, 6057, True),
        (78, 78, False),
    ]

    # Verified totals count only what a verifier verified.
    assert _review(factory, correction.json()["id"], "verified").status_code == 201
    assert _ua(factory, ist)["verified_received"] == 6057

    # The whole record still adds up.
    queue = factory.client.get("/api/v1/updates", params={"review_state": "reported"}).json()["items"]
    assert [u["id"] for u in queue] == [stage1["id"], young["id"]]


def test_review_rules_refuse_bad_requests_and_change_nothing(factory: Factory) -> None:
    ist = factory.istanbul()
    stage = _post(factory, ist, [line(ist.remains, ist.ukraine, 10)], "2025-06-11")
    other = factory.agreement(commitments=[])
    foreign = factory.update(other["id"], [line(None, other["parties"][0]["id"], 1)])
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"
    before = factory.client.get(status_url).json()

    assert _review(factory, "upd_missing", "verified").status_code == 404
    assert _review(factory, stage["id"], "verified", reason="").status_code == 422
    assert _review(factory, stage["id"], "reported").status_code == 422
    no_reason = factory.client.post(
        f"/api/v1/updates/{stage['id']}/reviews", json={"state": "verified"}, headers=factory.keys["verifier"]
    )
    assert no_reason.status_code == 422
    assert (
        factory.client.post(
            f"/api/v1/updates/{stage['id']}/reviews",
            json={"state": "verified", "reason": "x"},
            headers=factory.keys["monitor"],
        ).status_code
        == 403
    )
    linked_elsewhere = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        json={
            "occurred_on": "2025-06-11",
            "source": SOURCE,
            "claim_of": foreign["id"],
            "lines": [line(ist.remains, ist.ukraine, 9)],
        },
        headers=factory.keys["monitor"],
    )
    assert linked_elsewhere.status_code == 422

    own = factory.client.post(
        f"/api/v1/agreements/{ist.agreement_id}/updates",
        json={"occurred_on": "2025-06-12", "source": SOURCE, "lines": [line(ist.remains, ist.ukraine, 5)]},
        headers=factory.keys["verifier"],
    ).json()
    mid = factory.client.get(status_url).json()
    assert _review(factory, own["id"], "verified").status_code == 403

    correction = {
        "reason": "recount",
        "occurred_on": "2025-06-11",
        "source": SOURCE,
        "lines": [line(ist.remains, ist.ukraine, 11)],
    }
    first = factory.client.post(
        f"/api/v1/updates/{stage['id']}/corrections", json=correction, headers=factory.keys["monitor"]
    )
    assert first.status_code == 201
    after_first = factory.client.get(status_url).json()
    again = factory.client.post(
        f"/api/v1/updates/{stage['id']}/corrections", json=correction, headers=factory.keys["monitor"]
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert _review(factory, stage["id"], "verified").status_code == 409

    assert recipient(before, ist.remains, ist.ukraine)["received"] == 10
    assert recipient(mid, ist.remains, ist.ukraine)["received"] == 15
    assert factory.client.get(status_url).json() == after_first
    assert recipient(after_first, ist.remains, ist.ukraine)["received"] == 16


def test_all_for_all_term_is_fulfilled_only_by_a_declaration_and_can_be_reopened(factory: Factory) -> None:
    ist = factory.istanbul()
    _post(factory, ist, [line(ist.wounded, ist.ukraine, 300), line(ist.wounded, ist.russia, 300)], "2025-06-11")
    url = f"/api/v1/commitments/{ist.wounded}"
    status_url = f"/api/v1/agreements/{ist.agreement_id}/status"

    declared = factory.client.post(
        f"{url}/completion", json={"completed_on": "2025-06-30", "source": HQ}, headers=factory.keys["editor"]
    )
    assert declared.status_code == 201 and declared.json()["completed_on"] == "2025-06-30"
    assert commitment(factory.client.get(status_url).json(), ist.wounded)["state"] == "fulfilled"
    assert (
        commitment(factory.client.get(status_url, params={"as_of": "2025-06-20"}).json(), ist.wounded)["state"]
        != "fulfilled"
    )
    assert (
        factory.client.post(
            f"{url}/completion", json={"completed_on": "2025-06-30", "source": HQ}, headers=factory.keys["editor"]
        ).status_code
        == 409
    )
    assert (
        factory.client.post(
            f"/api/v1/commitments/{ist.remains}/completion",
            json={"completed_on": "2025-06-30", "source": HQ},
            headers=factory.keys["editor"],
        ).status_code
        == 422
    )

    reopened = factory.client.post(
        f"{url}/reopening", json={"reason": "more seriously wounded identified"}, headers=factory.keys["editor"]
    )
    assert reopened.status_code == 201 and reopened.json()["completed_on"] is None
    assert commitment(factory.client.get(status_url).json(), ist.wounded)["state"] != "fulfilled"


def test_review_history_keeps_who_when_and_why(factory: Factory) -> None:
    ist = factory.istanbul()
    stage = _post(factory, ist, [line(ist.remains, ist.ukraine, 10)], "2025-06-11")
    _review(factory, stage["id"], "disputed", "figures differ from the ICRC's")
    _review(factory, stage["id"], "verified", "ICRC confirmed")

    history = factory.client.get(f"/api/v1/updates/{stage['id']}/reviews").json()

    assert [(r["from_state"], r["to_state"], r["reason"]) for r in history] == [
        ("reported", "disputed", "figures differ from the ICRC's"),
        ("disputed", "verified", "ICRC confirmed"),
    ]
    assert all(r["reviewed_by"].startswith("key_") for r in history)


def _received(factory: Factory, ist: Istanbul) -> dict[str, int]:
    """What Ukraine has received under each term and unattributed, as the status says."""
    status = factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status").json()
    terms = [term["commitment_id"] for term in status["commitments"]]
    found = {term: recipient(status, term, ist.ukraine) for term in terms}
    received = {term: entry["received"] for term, entry in found.items() if entry is not None}
    unattributed = [r["received"] for r in status["unattributed"] if r["recipient_id"] == ist.ukraine]
    received["unattributed"] = unattributed[0] if unattributed else 0
    return received


def test_one_handover_counts_once_whatever_terms_its_claims_name(factory: Factory, settings: Any) -> None:
    ist = factory.istanbul()
    first = _post(factory, ist, [line(ist.young_soldiers, ist.ukraine, 100)], "2025-06-14")
    other_term = _post(
        factory, ist, [line(ist.wounded, ist.ukraine, 100)], "2025-06-14", source=MINISTRY, claim_of=first["id"]
    )
    _post(factory, ist, [line(None, ist.ukraine, 100)], "2025-06-14", claim_of=first["id"])

    # The first claim stands until a verifier settles it: 100, under its term, once.
    received = _received(factory, ist)
    assert received[ist.young_soldiers] == 100
    assert received[ist.wounded] == 0 and received["unattributed"] == 0
    assert sum(received.values()) == 100
    young = next(
        t
        for t in factory.client.get(f"/api/v1/agreements/{ist.agreement_id}/status").json()["commitments"]
        if t["commitment_id"] == ist.young_soldiers
    )
    [discrepancy] = young["discrepancies"]  # the claims disagree on the term: flagged, with each claim's terms
    assert sorted(tuple(c["terms"]) for c in discrepancy["claims"]) == sorted(
        [(ist.young_soldiers,), (ist.wounded,), ("unattributed",)]
    )

    # Verifying the claim that names the wounded moves the handover there: still counted once.
    assert _review(factory, other_term["id"], "verified").status_code == 201
    received = _received(factory, ist)
    assert received[ist.wounded] == 100 and received[ist.young_soldiers] == 0 and received["unattributed"] == 0
    checked = subprocess.run(
        [sys.executable, "-m", "app.cli", "totals", "check"],
        env={**os.environ, "DATABASE_URL": settings.database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_totals_check_finds_a_handover_counted_under_two_terms_and_repairs_it(factory: Factory, settings: Any) -> None:
    ist = factory.istanbul()
    first = _post(factory, ist, [line(ist.young_soldiers, ist.ukraine, 100)], "2025-06-14")
    _post(factory, ist, [line(ist.wounded, ist.ukraine, 100)], "2025-06-14", claim_of=first["id"])
    engine = create_engine(settings.database_url)
    with engine.begin() as connection:  # the running totals count it under the second term as well
        connection.execute(
            text(
                "UPDATE running_total SET received = received + 100, handovers = handovers + 1 "
                "WHERE agreement_id = :a AND bucket = :b AND recipient_id = :r"
            ),
            {"a": ist.agreement_id, "b": ist.wounded, "r": ist.ukraine},
        )
        present = text("SELECT count(*) FROM running_total WHERE bucket = :b")
        if connection.execute(present, {"b": ist.wounded}).scalar() == 0:
            connection.execute(
                text(
                    "INSERT INTO running_total (agreement_id, bucket, recipient_id, received, handovers, withheld, "
                    "approximate, at_least, verified_received, verified_handovers, verified_withheld, "
                    "verified_approximate, verified_at_least, disputed_received, disputed_handovers, discrepancies) "
                    "VALUES (:a, :b, :r, 100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"
                ),
                {"a": ist.agreement_id, "b": ist.wounded, "r": ist.ukraine},
            )
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": settings.database_url}

    def check(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app.cli", "totals", "check", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    found = check()
    assert found.returncode == 1
    assert f"{ist.wounded}\t{ist.ukraine}\treceived: kept 100, updates say None" in found.stdout
    repaired = check("--repair")
    assert repaired.returncode == 0 and "repaired" in repaired.stderr
    assert check().returncode == 0
    assert _received(factory, ist)[ist.young_soldiers] == 100


def test_a_party_that_says_a_handover_belongs_after_all_retracts_its_dispute(factory: Factory) -> None:
    ist = factory.istanbul()
    handover = _post(factory, ist, [line(ist.remains, ist.ukraine, 1000)], "2025-07-17")

    def state(party_id: str, position: str) -> dict[str, Any]:
        said = factory.client.post(
            f"/api/v1/updates/{handover['id']}/attribution-disputes",
            json={"party_id": party_id, "position": position, "statement": f"{position}", "source": SOURCE},
            headers=factory.keys["monitor"],
        )
        assert said.status_code == 201, said.text
        return _ua(factory, ist)

    assert state(ist.ukraine, "does_not_belong")["disputed_attribution_handovers"] == 1
    assert state(ist.russia, "belongs")["disputed_attribution_handovers"] == 1  # one denial is enough
    retracted = state(ist.ukraine, "belongs")
    assert (retracted["disputed_attribution_handovers"], retracted["received_excluding_disputed_attribution"]) == (
        0,
        1000,
    )
    assert state(ist.russia, "does_not_belong")["disputed_attribution_handovers"] == 1  # each side's latest word


def _second_monitor(settings: Any) -> dict[str, str]:
    database = open_database(settings.database_url)
    with Session(database.write_engine) as session:
        _, token = create_key(session, name="another monitor", role=Role.monitor)
        session.commit()
    database.dispose()
    return {"Authorization": f"Bearer {token}"}


def _correct(factory: Factory, update_id: str, lines: list[dict[str, Any]], headers: dict[str, str]) -> Any:
    return factory.client.post(
        f"/api/v1/updates/{update_id}/corrections",
        json={"reason": "recounted", "occurred_on": "2025-06-11", "source": HQ, "lines": lines},
        headers=headers,
    )


def test_a_monitor_corrects_only_its_own_updates_and_a_correction_is_reviewed_afresh(
    factory: Factory, settings: Any
) -> None:
    ist = factory.istanbul()
    posted = _post(factory, ist, [line(ist.remains, ist.ukraine, 100)], "2025-06-11")
    assert _review(factory, posted["id"], "verified").status_code == 201
    before = _ua(factory, ist)

    # Another monitor cannot rewrite it: 403, and nothing changes.
    refused = _correct(factory, posted["id"], [line(ist.remains, ist.ukraine, 999)], _second_monitor(settings))
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
    assert _ua(factory, ist) == before
    assert factory.client.get(f"/api/v1/updates/{posted['id']}").json()["superseded_by"] is None

    # Its author may: the new figures are reported, and wait for a verifier of their own.
    corrected = _correct(factory, posted["id"], [line(ist.remains, ist.ukraine, 999)], factory.keys["monitor"])
    assert corrected.status_code == 201, corrected.text
    body = corrected.json()
    assert (body["review_state"], body["supersedes"]) == ("reported", posted["id"])
    queue = factory.client.get("/api/v1/updates", params={"review_state": "reported"}).json()["items"]
    assert [(u["id"], u["supersedes"]) for u in queue] == [(body["id"], posted["id"])]  # says what it replaces
    ua = _ua(factory, ist)
    assert (ua["received"], ua["verified_received"]) == (999, 0)
    assert _review(factory, body["id"], "verified").status_code == 201
    assert _ua(factory, ist)["verified_received"] == 999

    # An editor may correct anyone's update.
    by_editor = _correct(factory, body["id"], [line(ist.remains, ist.ukraine, 998)], factory.keys["editor"])
    assert by_editor.status_code == 201


def test_a_rejected_update_cannot_be_corrected_back_into_the_count(factory: Factory) -> None:
    ist = factory.istanbul()
    posted = _post(factory, ist, [line(ist.remains, ist.ukraine, 500)], "2025-06-11")
    assert _review(factory, posted["id"], "rejected").status_code == 201
    assert _ua(factory, ist)["received"] == 0

    again = _correct(factory, posted["id"], [line(ist.remains, ist.ukraine, 500)], factory.keys["monitor"])
    assert again.status_code == 201
    assert _ua(factory, ist)["received"] == 0  # the same figures, "corrected": still rejected in effect
    twice = _correct(factory, again.json()["id"], [line(ist.remains, ist.ukraine, 500)], factory.keys["monitor"])
    assert _ua(factory, ist)["received"] == 0  # however many times

    assert _review(factory, twice.json()["id"], "verified").status_code == 201  # a verifier's word counts
    ua = _ua(factory, ist)
    assert (ua["received"], ua["verified_received"]) == (500, 500)
